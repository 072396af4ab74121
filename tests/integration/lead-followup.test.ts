import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayWib } from "@/lib/leads/follow-up.ts";
import { regionScopeFor } from "@/server/access/region-scope.ts";
import type { AuditActor } from "@/server/audit/append-audit-event.ts";
import { db, disconnectDb, setDatabaseUrl, type Prisma } from "@/server/db/client.ts";
import { DomainError } from "@/server/errors.ts";
import { assignLeads, countAssignableLeads } from "@/server/followup/assign-leads.ts";
import { findFollowUps } from "@/server/followup/find-follow-ups.ts";
import { syncFollowUpBusiness } from "@/server/followup/sync-follow-up-business.ts";
import { recordActivity } from "@/server/followup/record-activity.ts";
import { closeConvertedLeads } from "@/server/leads/close-converted-leads.ts";
import { getLeadDetail } from "@/server/leads/get-lead-detail.ts";
import { revealPersonalData } from "@/server/leads/reveal-personal-data.ts";
import { businessRow, createTestUser, NO_CONTEXT } from "../support/factories.ts";
import { inPgTransaction } from "../support/pg-transaction.ts";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../support/throwaway-database.ts";

/**
 * Lead detail, personal-data masking and the follow-up workflow, in a database of its own (the
 * businesses are inserted directly; a full match elsewhere would rewrite them).
 */
let database: ThrowawayDatabase;

type TestUser = Awaited<ReturnType<typeof createTestUser>>;
let bandungOfficer: TestUser;
let bandungOfficer2: TestUser;
let surabayaOfficer: TestUser;
let supervisor: TestUser;
let admin: TestUser;

const NIK = "3273011708450001";
const MOBILE = "+6281234567890";
const CONTACT_MOBILE = "+6285712345678";
const PERSONAL_EMAIL = "budi.santoso@gmail.com";
const BUSINESS_MOBILE_CELL = "0812 9876 5432";
const BUSINESS_WEBMAIL = "sinarjaya.admin@yahoo.co.id";
const BANDUNG = { provinceCode: "32", regencyCode: "32.73" };
const SURABAYA = { provinceCode: "35", regencyCode: "35.78" };

const asActor = (u: TestUser): AuditActor => ({ id: u.id, username: u.username, role: u.role });
const scopeOf = (u: TestUser) => regionScopeFor(u.role, u.regionCodes);
const dueDate = () => {
  const d = new Date(`${todayWib()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 14);
  return d.toISOString().slice(0, 10);
};

const business = (id: number, fields: Partial<Prisma.BusinessCreateManyInput>) => businessRow(id, { legalForm: "PT", ...fields });

async function expectRefusal(promise: Promise<unknown>, pattern: RegExp) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as Error).message).toMatch(pattern);
}

beforeAll(async () => {
  database = await createThrowawayDatabase("followup");
  process.env.DATABASE_URL = database.url;
  setDatabaseUrl(database.url);
  [bandungOfficer, bandungOfficer2, surabayaOfficer, supervisor, admin] = await Promise.all([
    createTestUser({ role: "OFFICER", regionCodes: ["32.73"] }),
    createTestUser({ role: "OFFICER", regionCodes: ["32.73"] }),
    createTestUser({ role: "OFFICER", regionCodes: ["35.78"] }),
    createTestUser({ role: "SUPERVISOR", regionCodes: ["32"] }),
    createTestUser({ role: "ADMIN" }),
  ]);

  await db.business.createMany({
    data: [
      business(1, { ...BANDUNG, name: "PT Sinar Jaya", npwp: "0013121660091000", nib: "1234567890123", workerCount: 120, businessScale: "MENENGAH", phone: "+62221234567", address: "Jl. Merdeka 1" }),
      business(2, { ...BANDUNG, status: "DAFTAR_SEBAGIAN", workerCount: 40, registeredWorkers: 10, workerGap: 30 }),
      business(3, { ...BANDUNG, status: "TERDAFTAR_AKTIF", isLead: false, priority: 0 }),
      business(4, { ...SURABAYA }),
      business(5, { ...BANDUNG }),
      business(6, { provinceCode: "32", regencyCode: "32.04" }),
    ],
  });
  const batch = (source: string) =>
    db.importBatch.create({
      data: { source, period: "2025-S2", channel: "CLI", fileName: `${source}.csv`, fileSha256: source.padEnd(64, "0"), fileSize: 1n, dataRows: 1, accepted: 1, rejected: 0, duplicates: 0, warnings: 0, actorUsername: "uji" },
    });
  const [kemnaker, pengurus] = await Promise.all([batch("kemnaker-bu"), batch("ahu-pengurus")]);
  const kemnakerRecord = await db.sourceRecord.create({
    data: {
      batchId: kemnaker.id,
      source: "kemnaker-bu",
      line: 2,
      name: "PT SINAR JAYA",
      npwp: "0013121660091000",
      extra: { contactName: "Budi Santoso", contactPhone: CONTACT_MOBILE },
      // Business columns (Nomor Telepon, Alamat Email Pemberi Kerja) carrying a mobile number and a
      // webmail address: personal by their shape, though the column map does not flag them.
      raw: [
        "1234567890123", "00.131.216.6-009.1000", "", "WLKP-1", "PT SINAR JAYA", "Budi Santoso", "0857-1234-5678", "Jl. Merdeka 1",
        "", "", "", "", "", "", "", "", "40115", BUSINESS_MOBILE_CELL, BUSINESS_WEBMAIL,
      ],
    },
  });
  const officerRecord = await db.sourceRecord.create({
    data: {
      batchId: pengurus.id,
      source: "ahu-pengurus",
      line: 7,
      name: "BUDI SANTOSO",
      npwp: "0013121660091000",
      nik: NIK,
      phone: MOBILE,
      email: PERSONAL_EMAIL,
      extra: { position: "DIREKTUR UTAMA", entityName: "PT SINAR JAYA" },
      raw: ["0013121660091000", "PT SINAR JAYA", "BUDI SANTOSO", "Direktur Utama", PERSONAL_EMAIL, "081234567890", NIK],
    },
  });
  await db.businessRecord.createMany({
    data: [
      { sourceRecordId: kemnakerRecord.id, businessId: 1n, source: "kemnaker-bu", fingerprint: "k1", rule: "dasar", evidence: {} },
      { sourceRecordId: officerRecord.id, businessId: 1n, source: "ahu-pengurus", fingerprint: "p1", rule: "npwp-entitas", evidence: { npwp: true } },
    ],
  });
});

afterAll(async () => {
  await disconnectDb();
  await database?.drop();
});

describe("lead detail", () => {
  it("shows an in-scope lead with its records, pengurus and priority parts, and audits the view", async () => {
    const detail = await getLeadDetail({ businessId: 1n, scope: scopeOf(bandungOfficer), actor: asActor(bandungOfficer), context: NO_CONTEXT });
    expect(detail).not.toBeNull();
    expect(detail!.legalForm).toBe("PT");
    expect(detail!.region.map((r) => r.code)).toEqual(["32", "32.73"]);
    // Named from the region cache, as the table names them.
    const named = await db.region.findMany({ where: { code: { in: ["32", "32.73"] } }, orderBy: { code: "asc" } });
    expect(detail!.region.map((r) => r.name)).toEqual(named.map((r) => r.name));
    expect(named.every((r) => r.name.length > 0)).toBe(true);
    expect(detail!.records).toHaveLength(1);
    expect(detail!.records[0]!.values.find((v) => v.label === "Kode Pendaftaran WLKP")?.value).toBe("WLKP-1");
    expect(detail!.officers).toEqual([expect.objectContaining({ name: "BUDI SANTOSO", position: "DIREKTUR UTAMA" })]);
    const { parts, total } = detail!.priorityBreakdown;
    expect(parts.map((p) => p.key)).toEqual(["workers", "scale", "status", "contact", "freshness"]);
    expect(total).toBeGreaterThan(0);
    const views = await db.auditEvent.findMany({ where: { action: "lead.view", objectId: "1", actorUsername: bandungOfficer.username } });
    expect(views).toHaveLength(1);
  });

  it("does not find another region's lead (officer of 35.78 opening a 32.73 business by id)", async () => {
    expect(await getLeadDetail({ businessId: 1n, scope: scopeOf(surabayaOfficer), actor: asActor(surabayaOfficer), context: NO_CONTEXT })).toBeNull();
    // A business known only down to another regency of the supervisor's province is his; not the Bandung officer's.
    expect(await getLeadDetail({ businessId: 6n, scope: scopeOf(bandungOfficer), actor: asActor(bandungOfficer), context: NO_CONTEXT })).toBeNull();
    expect(await getLeadDetail({ businessId: 6n, scope: scopeOf(supervisor), actor: asActor(supervisor), context: NO_CONTEXT })).not.toBeNull();
    expect(await db.auditEvent.count({ where: { action: "lead.view", actorUsername: surabayaOfficer.username } })).toBe(0);
    const [denied] = await db.auditEvent.findMany({ where: { action: "access.deny", actorUsername: surabayaOfficer.username } });
    expect(denied).toMatchObject({ outcome: "DENIED", objectType: "business", objectId: "1", reason: "outside_region_scope" });
  });

  it("carries personal data masked only; the reveal returns this lead's clear values and audits which kinds", async () => {
    const detail = await getLeadDetail({ businessId: 1n, scope: scopeOf(supervisor), actor: asActor(supervisor), context: NO_CONTEXT });
    const payload = JSON.stringify(detail);
    for (const clear of [NIK, MOBILE, CONTACT_MOBILE, PERSONAL_EMAIL, "081234567890", "0857-1234-5678", BUSINESS_MOBILE_CELL, BUSINESS_WEBMAIL]) {
      expect(payload).not.toContain(clear);
    }
    const cell = (label: string) => detail!.records[0]!.values.find((v) => v.label === label)?.value;
    expect(cell("Alamat Email Pemberi Kerja")).toMatchObject({ kind: "email", masked: "s•••@yahoo.co.id" });
    expect(cell("Nomor Telepon Pemberi Kerja")).toMatchObject({ kind: "phone" });
    // Business data of other shapes stays as it is.
    expect(cell("Kode Pos")).toBe("40115");
    // The company's office landline is the business's, not a person's.
    expect(detail!.contact.phone).toBe("+62221234567");
    expect(payload).toContain("3273••••••••0001");
    expect(payload).toContain("b•••@gmail.com");
    expect(detail!.maskedCount).toBeGreaterThanOrEqual(4);

    const revealed = await revealPersonalData({ businessId: 1n, scope: scopeOf(bandungOfficer), actor: asActor(bandungOfficer), context: NO_CONTEXT });
    expect(Object.values(revealed)).toEqual(expect.arrayContaining([NIK, MOBILE, CONTACT_MOBILE, PERSONAL_EMAIL, BUSINESS_MOBILE_CELL, BUSINESS_WEBMAIL]));
    const officerNik = detail!.officers[0]!.nik;
    expect(typeof officerNik === "object" && officerNik && revealed[officerNik.key]).toBe(NIK);

    const [event] = await db.auditEvent.findMany({ where: { action: "personal_data.reveal", actorUsername: bandungOfficer.username } });
    expect(event).toMatchObject({ objectType: "business", objectId: "1" });
    expect((event!.details as { fields: string[] }).fields).toEqual(["email", "nik", "phone"]);
    const stored = JSON.stringify(event, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value));
    for (const clear of [NIK, MOBILE, PERSONAL_EMAIL]) expect(stored).not.toContain(clear);

    await expectRefusal(revealPersonalData({ businessId: 1n, scope: scopeOf(surabayaOfficer), actor: asActor(surabayaOfficer), context: NO_CONTEXT }), /tidak ditemukan/);
  });
});

describe("follow-up", () => {
  it("assigns within the supervisor's scope, only to an officer whose regions cover the leads", async () => {
    const base = { officerId: bandungOfficer.id, dueDate: dueDate(), scope: scopeOf(supervisor), actor: asActor(supervisor), context: NO_CONTEXT };
    await expectRefusal(assignLeads({ ...base, target: { kind: "ids", businessIds: [4n] } }), /di luar wilayah Anda/);
    await expectRefusal(assignLeads({ ...base, officerId: surabayaOfficer.id, target: { kind: "ids", businessIds: [1n] } }), /di luar wilayah/);
    await expectRefusal(assignLeads({ ...base, officerId: supervisor.id, target: { kind: "ids", businessIds: [1n] } }), /Petugas tidak ditemukan/);
    const result = await assignLeads({ ...base, target: { kind: "ids", businessIds: [1n] } });
    expect(result.count).toBe(1);
    const followUp = await db.leadFollowUp.findUnique({ where: { businessId: 1n } });
    expect(followUp).toMatchObject({ status: "BARU", assignedToId: bandungOfficer.id, assignedById: supervisor.id });
    expect(await db.leadActivity.count({ where: { businessId: 1n, kind: "CATATAN_SISTEM" } })).toBe(1);
    // The lead page shows the follow-up as stored, with the assignee's name.
    const detail = await getLeadDetail({ businessId: 1n, scope: scopeOf(supervisor), actor: asActor(supervisor), context: NO_CONTEXT });
    expect(detail!.followUp).toEqual({
      status: "BARU",
      assignedToId: bandungOfficer.id,
      assignedToName: bandungOfficer.name,
      assignedToUsername: bandungOfficer.username,
      assignedAt: followUp!.assignedAt!.toISOString(),
      dueDate: dueDate(),
      closedAt: null,
      closedBy: null,
      closedByImportNote: null,
    });
    // A lead nobody follows up yet has none.
    expect((await getLeadDetail({ businessId: 2n, scope: scopeOf(supervisor), actor: asActor(supervisor), context: NO_CONTEXT }))!.followUp).toBeNull();
  });

  it("bulk-assigns every lead of a filter inside the supervisor's scope only, audited once with count and filter", async () => {
    const base = { officerId: bandungOfficer2.id, dueDate: dueDate(), scope: scopeOf(supervisor), actor: asActor(supervisor), context: NO_CONTEXT };
    // A filter naming Surabaya too: the supervisor's scope (32) still keeps it out.
    const target = { kind: "filter" as const, filter: { regionCodes: ["32.73", "35.78"] } };
    expect(await countAssignableLeads(target.filter, scopeOf(supervisor), supervisor.id)).toEqual({ count: 3, overCap: false });
    await expectRefusal(assignLeads({ ...base, target, expectedCount: 99 }), /berubah menjadi 3/);
    const result = await assignLeads({ ...base, target, expectedCount: 3 });
    expect(result.count).toBe(3); // 1, 2, 5 — never Surabaya's 4
    expect(await db.leadFollowUp.findUnique({ where: { businessId: 4n } })).toBeNull();
    const event = await db.auditEvent.findFirst({ where: { action: "lead.assign", actorUsername: supervisor.username }, orderBy: { id: "desc" } });
    expect(event!.details).toMatchObject({ count: 3, officer: bandungOfficer2.username, filter: { regionCodes: ["32.73", "35.78"] } });
    // Back to the first officer for the next tests.
    await assignLeads({ ...base, officerId: bandungOfficer.id, target: { kind: "ids", businessIds: [1n] } });
  });

  it("lets only the assigned officer record, moves the status forwards, closes, and reopens by reassignment", async () => {
    const input = { businessId: "1", kind: "KUNJUNGAN" as const, occurredOn: todayWib(), outcome: "Bertemu HRD", note: "", newStatus: "" as const };
    const as = (u: TestUser) => ({ scope: scopeOf(u), actor: asActor(u), context: NO_CONTEXT });
    await expectRefusal(recordActivity({ input, ...as(surabayaOfficer) }), /tidak ditemukan/);
    await expectRefusal(recordActivity({ input, ...as(bandungOfficer2) }), /tidak ditugaskan kepada Anda/);

    const visited = await recordActivity({ input: { ...input, newStatus: "DIKUNJUNGI" }, ...as(bandungOfficer) });
    expect(visited).toMatchObject({ status: "DIKUNJUNGI", statusChanged: true });
    await expectRefusal(recordActivity({ input: { ...input, kind: "TELEPON", newStatus: "DIHUBUNGI" }, ...as(bandungOfficer) }), /tidak dapat mundur/);
    await recordActivity({ input: { ...input, kind: "TELEPON", newStatus: "MENOLAK", outcome: "Menolak mendaftar" }, ...as(bandungOfficer) });
    expect(await db.leadFollowUp.findUnique({ where: { businessId: 1n } })).toMatchObject({ status: "MENOLAK", closedBy: bandungOfficer.username });
    await expectRefusal(recordActivity({ input, ...as(bandungOfficer) }), /sudah ditutup/);
    expect(await db.auditEvent.count({ where: { action: "followup.record", actorUsername: bandungOfficer.username } })).toBe(2);

    const reopened = await assignLeads({
      target: { kind: "ids", businessIds: [1n] },
      officerId: bandungOfficer.id,
      dueDate: dueDate(),
      ...as(supervisor),
    });
    expect(reopened.reopened).toBe(1);
    expect(await db.leadFollowUp.findUnique({ where: { businessId: 1n } })).toMatchObject({ status: "BARU", closedAt: null, closedBy: null });
    const history = await db.leadActivity.findMany({ where: { businessId: 1n }, orderBy: { id: "asc" } });
    expect(history.map((a) => a.statusTo).filter(Boolean)).toEqual(["DIKUNJUNGI", "MENOLAK", "BARU"]);
  });

  it("lets an admin record on a lead assigned to someone else", async () => {
    const input = { businessId: "5", kind: "TELEPON" as const, occurredOn: todayWib(), outcome: "Koreksi admin", note: "", newStatus: "DIHUBUNGI" as const };
    const result = await recordActivity({ input, scope: scopeOf(admin), actor: asActor(admin), context: NO_CONTEXT });
    expect(result).toMatchObject({ status: "DIHUBUNGI", statusChanged: true });
  });

  it("lists an officer's own open leads, and a supervisor's team by officer", async () => {
    const query = { view: "terbuka" as const, page: 1, sort: "tenggat" as const, direction: "asc" as const };
    const mine = await findFollowUps({ query, scope: scopeOf(bandungOfficer2), actor: { id: bandungOfficer2.id, role: "OFFICER" } });
    expect(mine.rows.map((r) => r.businessId).sort()).toEqual(["2", "5"]);
    // The URL's sort: by name one way, then the other.
    const byName = async (direction: "asc" | "desc") =>
      (await findFollowUps({ query: { ...query, sort: "nama", direction }, scope: scopeOf(bandungOfficer2), actor: { id: bandungOfficer2.id, role: "OFFICER" } })).rows.map((r) => r.name);
    const ascending = await byName("asc");
    expect(ascending).toHaveLength(2);
    expect(new Set(ascending).size).toBe(2);
    expect(await byName("desc")).toEqual([...ascending].reverse());
    const team = await findFollowUps({ query: { ...query, officerId: bandungOfficer.id }, scope: scopeOf(supervisor), actor: { id: supervisor.id, role: "SUPERVISOR" } });
    expect(team.rows.map((r) => r.businessId)).toEqual(["1"]);
    const other = await findFollowUps({ query, scope: scopeOf(surabayaOfficer), actor: { id: surabayaOfficer.id, role: "OFFICER" } });
    expect(other.total).toBe(0);
  });

  it("marks a notary's follow-up as a notary's in the list (the badge's data), a business's as a business's", async () => {
    await db.business.create({ data: business(7, { ...SURABAYA, kind: "NOTARIS", name: "Notaris Ratna Dewi", legalForm: null }) });
    await assignLeads({
      officerId: surabayaOfficer.id,
      dueDate: dueDate(),
      scope: scopeOf(admin),
      actor: asActor(admin),
      context: NO_CONTEXT,
      target: { kind: "ids", businessIds: [7n] },
    });
    const query = { view: "terbuka" as const, page: 1, sort: "tenggat" as const, direction: "asc" as const };
    const surabaya = await findFollowUps({ query, scope: scopeOf(surabayaOfficer), actor: { id: surabayaOfficer.id, role: "OFFICER" } });
    expect(surabaya.rows.map((r) => [r.businessId, r.kind])).toEqual([["7", "NOTARIS"]]);
    const bandung = await findFollowUps({ query, scope: scopeOf(bandungOfficer2), actor: { id: bandungOfficer2.id, role: "OFFICER" } });
    expect(new Set(bandung.rows.map((r) => r.kind))).toEqual(new Set(["BADAN_USAHA"]));
  });

  it("closes an open follow-up as converted when a match run finds the business registered", async () => {
    await db.business.update({ where: { id: 2n }, data: { status: "TERDAFTAR_AKTIF", isLead: false, priority: 0 } });
    await db.business.update({ where: { id: 5n }, data: { status: "TERDAFTAR_AKTIF", isLead: false, priority: 0 } });
    expect(await inPgTransaction(database.url, (client) => closeConvertedLeads(client, { businessIds: ["2"], notaries: false }))).toBe(1);
    expect(await db.leadFollowUp.findUnique({ where: { businessId: 2n } })).toMatchObject({ status: "TERDAFTAR", closedBy: "import" });
    expect((await db.leadFollowUp.findUnique({ where: { businessId: 5n } }))!.status).toBe("DIHUBUNGI"); // a business the run did not write
    const detail = await getLeadDetail({ businessId: 2n, scope: scopeOf(supervisor), actor: asActor(supervisor), context: NO_CONTEXT });
    expect(detail!.followUp!.closedByImportNote).toBe("Ditutup otomatis: terdaftar menurut impor data BPJS periode 2025-S2");
    expect(detail!.activities[0]).toMatchObject({ kind: "CATATAN_SISTEM", statusFrom: "BARU", statusTo: "TERDAFTAR", actorUsername: "system" });
    const closed = await findFollowUps({ query: { view: "ditutup", page: 1, sort: "tenggat", direction: "asc" }, scope: scopeOf(supervisor), actor: { id: supervisor.id, role: "SUPERVISOR" } });
    expect(closed.rows.find((r) => r.businessId === "2")?.closedNote).toMatch(/^Ditutup otomatis/);
  });

  it("lists a follow-up under its business's region as a match run leaves it, never where it was", async () => {
    const all = { view: "semua" as const, page: 1, sort: "nama" as const, direction: "asc" as const };
    const listed = async (user: TestUser) => (await findFollowUps({ query: all, scope: scopeOf(user), actor: { id: user.id, role: user.role } })).rows.map((r) => r.businessId);
    expect(await listed(supervisor)).toContain("1");
    // A run moves business 1 to Surabaya, in its write transaction with the follow-up rows' copy.
    await inPgTransaction(database.url, async (client) => {
      await client.query(`UPDATE business SET province_code = '35', regency_code = '35.78' WHERE id = 1`);
      await syncFollowUpBusiness(client, { businessIds: ["1"] });
    });
    expect(await listed(supervisor)).not.toContain("1");
    const surabayaSupervisor = await createTestUser({ role: "SUPERVISOR", regionCodes: ["35.78"] });
    expect(await listed(surabayaSupervisor)).toContain("1");
  });
});
