import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as postRecords } from "@/app/api/v1/partners/[source]/records/route.ts";
import { POST as postStatus } from "@/app/api/v1/partners/[source]/status/route.ts";
import { addDays, agreementFormValues, type UpdateAgreementInput } from "@/lib/agreements.ts";
import type { Authorized } from "@/server/access/guard.ts";
import { todayWib } from "@/lib/leads/follow-up.ts";
import type { PartnerId } from "@/lib/partner-api.ts";
import { listPartnerAgreements } from "@/server/agreements/list-partner-agreements.ts";
import { updatePartnerAgreement } from "@/server/agreements/update-partner-agreement.ts";
import type { AuditActor } from "@/server/audit/append-audit-event.ts";
import { db, disconnectDb, setDatabaseUrl } from "@/server/db/client.ts";
import { findNotifications } from "@/server/notifications/find-notifications.ts";
import { notifyDaily } from "@/server/notifications/notify-daily.ts";
import { createPartnerApiKey } from "@/server/partners/create-partner-api-key.ts";
import { createTestUser, NO_CONTEXT } from "../support/factories.ts";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../support/throwaway-database.ts";

/**
 * The partner agreements (PKS): as the migration loads them, corrected by an admin (audited),
 * the admins' reminders of their term, and partner keys that end with them. On a database of its
 * own: ending an agreement here must not refuse other files' keys.
 */
// The session guard needs a signed-in request; the action's test stands in for it with the admin.
// Everything after the guard is the real code.
const guard = vi.hoisted(() => ({ authorized: null as Authorized | null }));
vi.mock("@/server/access/guard.ts", () => ({
  requirePermission: async () => {
    if (!guard.authorized) throw new Error("test set-up: no actor");
    return guard.authorized;
  },
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const sharedUrl = process.env.DATABASE_URL as string;
let database: ThrowawayDatabase;
type TestUser = Awaited<ReturnType<typeof createTestUser>>;
let admin: TestUser;
let officer: TestUser;
let actor: AuditActor;

beforeAll(async () => {
  database = await createThrowawayDatabase("agreements");
  await disconnectDb();
  setDatabaseUrl(database.url);
  admin = await createTestUser({ role: "ADMIN", prefix: "pks-admin" });
  officer = await createTestUser({ role: "OFFICER", regionCodes: ["32.73"], prefix: "pks-petugas" });
  actor = { id: admin.id, username: admin.username, role: admin.role };
});

afterAll(async () => {
  await disconnectDb();
  setDatabaseUrl(sharedUrl);
  await database?.drop();
});

/** The agreement as its edit form would submit it, with `changes` applied. */
async function formOf(partner: "kemnaker" | "ahu", changes: Partial<UpdateAgreementInput> = {}): Promise<UpdateAgreementInput> {
  const agreement = (await listPartnerAgreements()).find((a) => a.partner === partner)!;
  const values = agreementFormValues(agreement);
  return {
    partner,
    title: values.title!,
    bpjsNumber: values.bpjsNumber!,
    partnerNumber: values.partnerNumber!,
    signedOn: values.signedOn!,
    lastDay: values.lastDay!,
    termText: values.termText!,
    noticeMonths: values.noticeMonths!,
    contactChangeText: values.contactChangeText!,
    contacts: agreement.contacts,
    ...changes,
  };
}

const setLastDay = (partner: "kemnaker" | "ahu", lastDay: string | null) =>
  db.partnerAgreement.update({ where: { partner }, data: { lastDay: lastDay ? new Date(`${lastDay}T00:00:00Z`) : null } });

describe("the agreements as migrated", () => {
  it("holds both signed agreements, AHU's end not entered", async () => {
    const [kemnaker, ahu] = await listPartnerAgreements();
    expect(kemnaker).toMatchObject({
      partner: "kemnaker",
      bpjsNumber: "123/KTR/0125",
      partnerNumber: "7/006/KS.06/I/2025",
      signedOn: "2025-01-06",
      lastDay: "2028-01-05",
      noticeMonths: 3,
    });
    expect(kemnaker!.contacts.mitra).toMatchObject({ phone: "(021) 5255733", email: "pengembangansistem@kemnaker.go.id" });
    expect(kemnaker!.contactChangeText).toContain("6 (enam) hari kerja");
    expect(ahu).toMatchObject({ partner: "ahu", bpjsNumber: "755/KTR/1223", partnerNumber: "AHU.HH.04.02-5", signedOn: "2023-12-21", lastDay: null, noticeMonths: 3 });
    expect(ahu!.termText).toContain("34/MOU/1022");
    expect(ahu!.contacts.bpjs).toMatchObject({ address: expect.stringContaining("Gedung Siwabessy"), fax: "(021) 4212940" });
  });

  it("may be corrected by the app, never added or removed", async () => {
    await expect(db.$executeRawUnsafe("DELETE FROM partner_agreement WHERE partner = 'ahu'")).rejects.toThrow(/permission denied/);
    await expect(
      db.$executeRawUnsafe(`INSERT INTO partner_agreement (partner, title, bpjs_number, partner_number, signed_on, term_text, notice_months, contact_change_text, contacts, updated_by_username)
                            VALUES ('bpjs', 'x', 'x', 'x', '2025-01-01', 'x', 3, 'x', '{}', 'x')`),
    ).rejects.toThrow(/permission denied/);
  });
});

describe("updatePartnerAgreement", () => {
  it("saves a correction and audits each changed field, old → new, in the same transaction", async () => {
    const before = await db.auditEvent.count({ where: { action: "agreement.update" } });
    const ahu = await formOf("ahu");
    const { agreement, changes } = await updatePartnerAgreement({
      input: { ...ahu, lastDay: "2027-10-16", contacts: { ...ahu.contacts, mitra: { ...ahu.contacts.mitra, unit: "Sekretariat Direktorat Jenderal AHU" } } },
      actor,
      context: NO_CONTEXT,
    });
    expect(agreement).toMatchObject({ lastDay: "2027-10-16", updatedByUsername: admin.username });
    expect(agreement.contacts.mitra.unit).toBe("Sekretariat Direktorat Jenderal AHU");
    expect(Object.keys(changes)).toEqual(["lastDay", "contacts.mitra.unit"]);

    const events = await db.auditEvent.findMany({ where: { action: "agreement.update" }, orderBy: { id: "asc" } });
    expect(events).toHaveLength(before + 1);
    expect(events.at(-1)).toMatchObject({
      outcome: "SUCCESS",
      actorUsername: admin.username,
      objectType: "partner_agreement",
      objectId: "ahu",
      details: {
        partner: "ahu",
        changed: ["lastDay", "contacts.mitra.unit"],
        changes: { lastDay: { from: null, to: "2027-10-16" }, "contacts.mitra.unit": { from: "", to: "Sekretariat Direktorat Jenderal AHU" } },
      },
    });
  });

  it("writes nothing when nothing changed, and refuses an end before the signing", async () => {
    const before = await db.auditEvent.count({ where: { action: "agreement.update" } });
    const kemnaker = await formOf("kemnaker");
    expect((await updatePartnerAgreement({ input: kemnaker, actor, context: NO_CONTEXT })).changes).toEqual({});
    await expect(updatePartnerAgreement({ input: { ...kemnaker, lastDay: "2024-12-31" }, actor, context: NO_CONTEXT })).rejects.toThrow(
      /tidak boleh sebelum tanggal penandatanganan/,
    );
    expect(await db.auditEvent.count({ where: { action: "agreement.update" } })).toBe(before);
    expect((await listPartnerAgreements())[0]!.lastDay).toBe("2028-01-05");
  });
});

describe("updateAgreementAction", () => {
  beforeAll(() => {
    guard.authorized = {
      actor: {
        sessionId: crypto.randomUUID(),
        userId: admin.id,
        username: admin.username,
        name: "Admin PKS",
        role: "ADMIN",
        regionCodes: [],
        reauthenticatedAt: null,
        mustChangePassword: false,
        secondFactorEnabled: true,
      },
      scope: { kind: "all" },
      context: NO_CONTEXT,
      auditActor: actor,
    } as Authorized;
  });

  async function formData(partner: "kemnaker" | "ahu", changes: Record<string, string>): Promise<FormData> {
    const values = { partner, ...agreementFormValues((await listPartnerAgreements()).find((a) => a.partner === partner)!), ...changes };
    const data = new FormData();
    for (const [name, value] of Object.entries(values)) data.append(name, value);
    return data;
  }

  it("reads the contacts from their grouped fields and names a bad one in full for its input", async () => {
    const { updateAgreementAction } = await import("@/app/(app)/perjanjian/actions.ts");
    const refused = await updateAgreementAction({ status: "idle" }, await formData("kemnaker", { "contacts.mitra.email": "pusdatin@" }));
    expect(refused).toMatchObject({ status: "error", fieldErrors: { "contacts.mitra.email": "Alamat surel tidak sah." } });

    const saved = await updateAgreementAction({ status: "idle" }, await formData("kemnaker", { "contacts.mitra.fax": "(021) 5255734" }));
    expect(saved).toEqual({ status: "success", message: "Perubahan PKS Kemnaker disimpan." });
    expect((await listPartnerAgreements())[0]!.contacts.mitra.fax).toBe("(021) 5255734");
  });
});

describe("reminders of the term", () => {
  const at = (day: string) => new Date(`${day}T01:00:00Z`);
  const agreementNotices = async (user: TestUser) => (await findNotifications(user.id, 1)).items.filter((n) => n.kind === "AGREEMENT_TERM");
  const titles = async (user: TestUser) => (await agreementNotices(user)).map((n) => n.title).reverse();

  beforeEach(async () => {
    await db.notification.deleteMany({ where: { kind: "AGREEMENT_TERM" } });
  });

  it("tell admins once that an agreement has no last day entered", async () => {
    await setLastDay("kemnaker", "2028-01-05");
    await setLastDay("ahu", null);
    await notifyDaily(at("2026-12-07"));
    await notifyDaily(at("2026-12-08"));
    expect(await titles(admin)).toEqual(["Tanggal berakhir PKS AHU (Kemenkum) belum diisi"]);
    expect((await agreementNotices(admin))[0]).toMatchObject({ href: "/perjanjian" });
    expect(await agreementNotices(officer)).toEqual([]);
  });

  it("tell admins once on entering the notice window, once 30 days before the end, once when it has ended", async () => {
    await setLastDay("ahu", "2030-01-01");
    await setLastDay("kemnaker", "2028-01-05");
    const counts = [];
    for (const day of ["2027-10-04", "2027-10-05", "2027-10-20", "2027-12-06", "2027-12-20", "2028-01-05", "2028-01-06", "2028-02-01"]) {
      counts.push((await notifyDaily(at(day))).agreements);
    }
    // One admin in this database: before the window nothing; each stage once, on its first day.
    expect(counts).toEqual([0, 1, 0, 1, 0, 0, 1, 0]);
    expect(await titles(admin)).toEqual([
      "PKS Kemnaker segera berakhir: bahas perpanjangan paling lambat 5 Oktober 2027",
      "PKS Kemnaker berakhir dalam 30 hari (5 Januari 2028)",
      "PKS Kemnaker berakhir 5 Januari 2028",
    ]);
    expect(await agreementNotices(officer)).toEqual([]);
  });

  it("start afresh when the last day changes (an extension)", async () => {
    await setLastDay("ahu", "2035-01-01");
    await setLastDay("kemnaker", "2028-01-05");
    await notifyDaily(at("2028-01-10"));
    await setLastDay("kemnaker", "2031-01-05");
    await notifyDaily(at("2030-10-05"));
    expect(await titles(admin)).toEqual(["PKS Kemnaker berakhir 5 Januari 2028", "PKS Kemnaker segera berakhir: bahas perpanjangan paling lambat 5 Oktober 2030"]);
  });
});

describe("partner keys end with their agreement", () => {
  async function keyOf(partner: PartnerId) {
    const { key, secret } = await createPartnerApiKey({ input: { partner, name: `Uji PKS ${partner}` }, actor, context: NO_CONTEXT });
    return { ...key, secret };
  }
  // Text instead of JSON: a key the guard lets through is answered 415 by the handler.
  async function push(secret: string, source: string) {
    const request = new Request(`http://localhost/api/v1/partners/${source}/records`, {
      method: "POST",
      headers: { authorization: `Bearer ${secret}`, "content-type": "text/csv", "idempotency-key": crypto.randomUUID(), "user-agent": "vitest" },
      body: "x",
    });
    const response = await postRecords(request, { params: Promise.resolve({ source }) });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  }
  const yesterday = () => addDays(todayWib(), -1);

  it("accepts a key through its agreement's last day and refuses it (403, audited) from the day after", async () => {
    const kemnaker = await keyOf("kemnaker");
    await setLastDay("kemnaker", todayWib());
    expect((await push(kemnaker.secret, "kemnaker-bu")).status).toBe(415);

    await setLastDay("kemnaker", yesterday());
    const refused = await push(kemnaker.secret, "kemnaker-bu");
    expect(refused.status).toBe(403);
    expect(refused.json).toMatchObject({ code: "agreement_ended", title: "Perjanjian kerja sama sudah berakhir" });
    const event = await db.auditEvent.findFirst({ where: { reason: "agreement_ended", details: { path: ["keyId"], equals: kemnaker.id } } });
    expect(event).toMatchObject({ action: "partner_api.records", outcome: "DENIED", actorUsername: `api:${kemnaker.prefix}`, details: { lastDay: yesterday() } });
    await setLastDay("kemnaker", "2028-01-05");
  });

  it("refuses an ended partner's key at the status web service too; an unknown end and BPJS's keys are unaffected", async () => {
    const ahu = await keyOf("ahu");
    await setLastDay("ahu", null);
    const status = (secret: string) =>
      postStatus(new Request("http://localhost/api/v1/partners/ahu/status", { method: "POST", headers: { authorization: `Bearer ${secret}`, "content-type": "text/plain" }, body: "x" }), {
        params: Promise.resolve({ source: "ahu" }),
      });
    expect((await status(ahu.secret)).status).not.toBe(403);
    await setLastDay("ahu", yesterday());
    const refused = await status(ahu.secret);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: "agreement_ended" });

    const bpjs = await keyOf("bpjs");
    expect((await push(bpjs.secret, "bpjs-bu")).status).toBe(415);
    await setLastDay("ahu", null);
  });
});
