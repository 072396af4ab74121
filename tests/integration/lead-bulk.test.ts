import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordActivityOnLeadsSchema, todayWib } from "@/lib/leads/follow-up.ts";
import { LEAD_SELECTION_MAX, LEAD_SELECTION_PARAM, selectionFilter } from "@/lib/leads/lead-selection.ts";
import { regionScopeFor } from "@/server/access/region-scope.ts";
import type { AuditActor } from "@/server/audit/append-audit-event.ts";
import { db, disconnectDb, setDatabaseUrl } from "@/server/db/client.ts";
import { DomainError } from "@/server/errors.ts";
import { assignLeads } from "@/server/followup/assign-leads.ts";
import { recordActivityOnLeads } from "@/server/followup/record-activity-on-leads.ts";
import { countLeadExport } from "@/server/leads/count-lead-export.ts";
import { openLeadExport } from "@/server/leads/export-leads.ts";
import { resolveLeadExportState } from "@/server/leads/lead-export-filter.ts";
import { businessRow, createTestUser, NO_CONTEXT } from "../support/factories.ts";
import { collectOutput, readTableFile } from "../support/table-files.ts";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../support/throwaway-database.ts";

/**
 * The bulk actions on leads picked on the Prospek list, through the use cases their doors call:
 * assigning picked ids (assignLeads), exporting them (openLeadExport with the picked ids as the
 * filter) and a follow-up status on each (recordActivityOnLeads) — each with a caller posting ids
 * of another region or leads that are not his.
 */
let database: ThrowawayDatabase;

type TestUser = Awaited<ReturnType<typeof createTestUser>>;
let bandungOfficer: TestUser;
let bandungOfficer2: TestUser;
let surabayaOfficer: TestUser;
let supervisor: TestUser;
let admin: TestUser;

const BANDUNG = { provinceCode: "32", regencyCode: "32.73" };
const SURABAYA = { provinceCode: "35", regencyCode: "35.78" };
const NIK_NPWP = "3273011708450001";

const asActor = (u: TestUser): AuditActor => ({ id: u.id, username: u.username, role: u.role });
const scopeOf = (u: TestUser) => regionScopeFor(u.role, u.regionCodes);
const context = () => ({ ...NO_CONTEXT, requestId: randomUUID() });
const nextWeek = () => {
  const d = new Date(`${todayWib()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 7);
  return d.toISOString().slice(0, 10);
};

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return (error as Error).message;
}

const followUps = (ids: number[]) =>
  db.leadFollowUp.findMany({ where: { businessId: { in: ids.map(BigInt) } }, select: { businessId: true, status: true, assignedToId: true }, orderBy: { businessId: "asc" } });

beforeAll(async () => {
  database = await createThrowawayDatabase("leadbulk");
  await disconnectDb();
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
      businessRow(1, { ...BANDUNG, name: "PT Satu Bandung", priority: 90 }),
      businessRow(2, { ...BANDUNG, name: "Toko Dua", npwp: NIK_NPWP, email: "dua.pemilik@gmail.com", priority: 80 }),
      businessRow(3, { ...BANDUNG, name: "CV Tiga", priority: 70 }),
      businessRow(4, { ...BANDUNG, name: "PT Empat", priority: 60 }),
      businessRow(5, { ...SURABAYA, name: "PT Lima Surabaya", priority: 50 }),
      businessRow(6, { provinceCode: "32", regencyCode: "32.04", name: "PT Enam Kabupaten Bandung", priority: 40 }),
      // Registered and active: not a lead, but still pickable (it may have changed since it was picked).
      businessRow(7, { ...BANDUNG, name: "PT Tujuh Terdaftar", status: "TERDAFTAR_AKTIF", priority: 0 }),
      // Spare leads for the status change's own tests.
      ...Array.from({ length: 6 }, (_, i) => businessRow(11 + i, { ...BANDUNG, name: `UD Sebelas ${i}`, priority: 10 })),
    ],
  });
});

afterAll(async () => {
  await disconnectDb();
  await database?.drop();
});

describe("assigning picked leads (assignLeads with ids)", () => {
  it("assigns exactly the picked leads, audits the count and ids in the transaction, and tells the officer", async () => {
    const ctx = context();
    const result = await assignLeads({
      target: { kind: "ids", businessIds: [1n, 2n, 3n] },
      officerId: bandungOfficer.id,
      dueDate: nextWeek(),
      scope: scopeOf(supervisor),
      actor: asActor(supervisor),
      context: ctx,
    });
    expect(result).toMatchObject({ count: 3, reopened: 0 });
    expect((await followUps([1, 2, 3, 4])).map((f) => [Number(f.businessId), f.assignedToId])).toEqual([
      [1, bandungOfficer.id],
      [2, bandungOfficer.id],
      [3, bandungOfficer.id],
    ]);
    const event = await db.auditEvent.findFirstOrThrow({ where: { requestId: ctx.requestId, action: "lead.assign" } });
    expect(event.details).toMatchObject({ count: 3, officer: bandungOfficer.username, businessIds: ["1", "2", "3"] });
    const notice = await db.notification.findFirstOrThrow({ where: { userId: bandungOfficer.id }, orderBy: { id: "desc" } });
    expect(notice).toMatchObject({ kind: "LEAD_ASSIGNED", title: "3 prospek ditugaskan kepada Anda", href: "/tindak-lanjut" });
  });

  it("refuses the whole pick when one id lies outside the supervisor's regions: nothing is assigned, nobody is told", async () => {
    const noticesBefore = await db.notification.count({ where: { userId: bandungOfficer2.id } });
    const message = await refusal(
      assignLeads({
        target: { kind: "ids", businessIds: [4n, 5n] },
        officerId: bandungOfficer2.id,
        dueDate: nextWeek(),
        scope: scopeOf(supervisor),
        actor: asActor(supervisor),
        context: context(),
      }),
    );
    expect(message).toMatch(/di luar wilayah Anda/);
    expect(await followUps([4, 5])).toEqual([]);
    expect(await db.notification.count({ where: { userId: bandungOfficer2.id } })).toBe(noticesBefore);
  });

  it("refuses an officer whose regions do not cover every picked lead", async () => {
    const message = await refusal(
      assignLeads({
        target: { kind: "ids", businessIds: [4n, 6n] },
        officerId: bandungOfficer2.id,
        dueDate: nextWeek(),
        scope: scopeOf(supervisor),
        actor: asActor(supervisor),
        context: context(),
      }),
    );
    expect(message).toMatch(/1 prospek berada di luar wilayah/);
    expect(await followUps([4, 6])).toEqual([]);
  });
});

describe("exporting picked leads", () => {
  async function exportPicked(ids: string[], user: TestUser, columns = ["name", "npwp", "email"]) {
    const ctx = context();
    const opened = await openLeadExport({
      filter: selectionFilter(ids),
      scope: scopeOf(user),
      actorId: user.id,
      format: "csv",
      columns,
      maxRows: 50_000,
      actor: asActor(user),
      context: ctx,
      fileName: "prospek.csv",
    });
    const { output, bytes } = collectOutput();
    await opened.writeTo(output);
    const { rows } = await readTableFile(bytes(), "csv");
    return { count: opened.rows, rows: rows.slice(1), requestId: ctx.requestId };
  }

  it("writes only the picked leads, masked as on screen, and audits the export with the count picked and the rows written", async () => {
    const { count, rows, requestId } = await exportPicked(["2", "1", "7"], bandungOfficer);
    expect(count).toBe(3);
    // In the list's default order (priority); the registered business too, since it was picked.
    expect(rows).toEqual([
      ["PT Satu Bandung", "", ""],
      ["Toko Dua", "3273••••••••0001", "d•••@gmail.com"],
      ["PT Tujuh Terdaftar", "", ""],
    ]);
    const event = await db.auditEvent.findFirstOrThrow({ where: { requestId, action: "lead.export" } });
    expect(event.outcome).toBe("SUCCESS");
    expect(event.details).toMatchObject({ rows: 3, filter: { all: true, selected: 3, businessIds: ["2", "1", "7"] } });
  });

  it("leaves out picked ids of another region: an officer of 35.78 posting Bandung's ids gets only his own", async () => {
    const { count, rows } = await exportPicked(["1", "2", "5"], surabayaOfficer, ["name"]);
    expect(count).toBe(1);
    expect(rows).toEqual([["PT Lima Surabaya"]]);
    expect(await countLeadExport({ filter: selectionFilter(["1", "2"]), scope: scopeOf(surabayaOfficer), actorId: surabayaOfficer.id, maxRows: 10 })).toEqual({
      rows: 0,
      overCap: false,
      maxRows: 10,
    });
  });

  it("reads the pick from the export URL instead of the list's filter, and refuses a malformed or oversized one", async () => {
    const authorized = { actor: { userId: bandungOfficer.id } as never, auditActor: asActor(bandungOfficer), context: context() };
    const picked = await resolveLeadExportState(new URLSearchParams({ [LEAD_SELECTION_PARAM]: "3,1,3", wilayah: "35.78", urut: "nama", arah: "naik" }), authorized);
    expect(picked).toEqual({ ok: true, state: expect.objectContaining({ filter: { all: true, businessIds: ["3", "1"] }, sort: "nama", direction: "asc" }) });
    expect(await resolveLeadExportState(new URLSearchParams({ [LEAD_SELECTION_PARAM]: "1,abc" }), authorized)).toEqual({ ok: false, message: expect.stringMatching(/tidak valid/) });
    const tooMany = Array.from({ length: LEAD_SELECTION_MAX + 1 }, (_, i) => String(i + 1)).join(",");
    expect(await resolveLeadExportState(new URLSearchParams({ [LEAD_SELECTION_PARAM]: tooMany }), authorized)).toEqual({
      ok: false,
      message: expect.stringMatching(/Paling banyak 500 prospek/),
    });
    // Without the parameter the list's filter stands, as before.
    const listed = await resolveLeadExportState(new URLSearchParams({ wilayah: "32.73" }), authorized);
    expect(listed).toEqual({ ok: true, state: expect.objectContaining({ filter: { regionCodes: ["32.73"] } }) });
  });
});

describe("a follow-up status on picked leads (recordActivityOnLeads)", () => {
  const fields = (businessIds: string[], newStatus = "DIHUBUNGI") =>
    recordActivityOnLeadsSchema.parse({ businessIds, kind: "TELEPON", occurredOn: todayWib(), outcome: "Dihubungi lewat telepon kantor", note: "", newStatus });

  beforeAll(async () => {
    // 11–13 are the officer's, 14 his colleague's, 15 nobody's; 16 is his but closed.
    await assignLeads({
      target: { kind: "ids", businessIds: [11n, 12n, 13n, 16n] },
      officerId: bandungOfficer.id,
      dueDate: nextWeek(),
      scope: scopeOf(supervisor),
      actor: asActor(supervisor),
      context: context(),
    });
    await assignLeads({ target: { kind: "ids", businessIds: [14n] }, officerId: bandungOfficer2.id, dueDate: nextWeek(), scope: scopeOf(supervisor), actor: asActor(supervisor), context: context() });
    await db.leadFollowUp.update({ where: { businessId: 16n }, data: { status: "MENOLAK", closedAt: new Date(), closedBy: bandungOfficer.username } });
    await db.leadFollowUp.update({ where: { businessId: 13n }, data: { status: "DIKUNJUNGI" } });
  });

  it("changes only the officer's own open leads and names every other one with why; one audit event per changed lead", async () => {
    const ctx = context();
    const result = await recordActivityOnLeads({ input: fields(["11", "12", "13", "14", "15", "16"]), scope: scopeOf(bandungOfficer), actor: asActor(bandungOfficer), context: ctx });
    expect(result).toEqual({
      recorded: 2,
      statusChanged: 2,
      skipped: [
        { id: "13", name: "UD Sebelas 2", reason: "not_forward" },
        { id: "14", name: "UD Sebelas 3", reason: "not_assigned" },
        { id: "15", name: "UD Sebelas 4", reason: "not_assigned" },
        { id: "16", name: "UD Sebelas 5", reason: "closed" },
      ],
    });
    expect((await followUps([11, 12, 13, 14, 15, 16])).map((f) => [Number(f.businessId), f.status])).toEqual([
      [11, "DIHUBUNGI"],
      [12, "DIHUBUNGI"],
      [13, "DIKUNJUNGI"],
      [14, "BARU"],
      [16, "MENOLAK"],
    ]);
    const activities = await db.leadActivity.findMany({ where: { actorId: bandungOfficer.id }, select: { businessId: true, kind: true, statusFrom: true, statusTo: true } });
    expect(activities.map((a) => [Number(a.businessId), a.kind, a.statusFrom, a.statusTo]).sort()).toEqual([
      [11, "TELEPON", "BARU", "DIHUBUNGI"],
      [12, "TELEPON", "BARU", "DIHUBUNGI"],
    ]);
    const events = await db.auditEvent.findMany({ where: { requestId: ctx.requestId }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.action, e.objectId, e.region])).toEqual([
      ["followup.record", "11", "32.73"],
      ["followup.record", "12", "32.73"],
    ]);
    expect(events[0]!.details).toMatchObject({ kind: "TELEPON", statusFrom: "BARU", statusTo: "DIHUBUNGI" });
  });

  it("refuses the whole request when an id lies outside the officer's regions: nothing changes, nothing is audited", async () => {
    const ctx = context();
    const message = await refusal(recordActivityOnLeads({ input: fields(["11", "5"], "DIKUNJUNGI"), scope: scopeOf(bandungOfficer), actor: asActor(bandungOfficer), context: ctx }));
    expect(message).toMatch(/1 prospek yang dipilih tidak ditemukan atau berada di luar wilayah Anda. Tidak ada yang diubah/);
    expect((await followUps([11])).map((f) => f.status)).toEqual(["DIHUBUNGI"]);
    expect(await db.auditEvent.count({ where: { requestId: ctx.requestId } })).toBe(0);
    // An id that does not exist is refused the same way.
    await refusal(recordActivityOnLeads({ input: fields(["11", "999999"], "DIKUNJUNGI"), scope: scopeOf(bandungOfficer), actor: asActor(bandungOfficer), context: context() }));
  });

  it("holds an admin to his own leads too: a bulk change is nobody's correction", async () => {
    const result = await recordActivityOnLeads({ input: fields(["14"], "DIKUNJUNGI"), scope: scopeOf(admin), actor: asActor(admin), context: context() });
    expect(result).toEqual({ recorded: 0, statusChanged: 0, skipped: [{ id: "14", name: "UD Sebelas 3", reason: "not_assigned" }] });
    expect((await followUps([14])).map((f) => f.status)).toEqual(["BARU"]);
  });

  it("asks for a new status and the fields one lead's activity needs, and caps the pick", () => {
    const base = { businessIds: ["11"], kind: "TELEPON", occurredOn: todayWib(), outcome: "x", newStatus: "DIHUBUNGI" };
    expect(recordActivityOnLeadsSchema.safeParse({ ...base, newStatus: "BARU" }).success).toBe(false);
    expect(recordActivityOnLeadsSchema.safeParse({ ...base, newStatus: "" }).success).toBe(false);
    expect(recordActivityOnLeadsSchema.safeParse({ ...base, outcome: " " }).success).toBe(false);
    expect(recordActivityOnLeadsSchema.safeParse({ ...base, businessIds: [] }).success).toBe(false);
    expect(recordActivityOnLeadsSchema.safeParse({ ...base, businessIds: Array.from({ length: LEAD_SELECTION_MAX + 1 }, (_, i) => String(i + 1)) }).success).toBe(false);
    expect(recordActivityOnLeadsSchema.safeParse(base).success).toBe(true);
  });
});
