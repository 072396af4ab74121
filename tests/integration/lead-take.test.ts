import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { takeDueDate } from "@/lib/leads/follow-up.ts";
import type { LeadFilter } from "@/lib/leads/lead-filter.ts";
import { parseLeadListState } from "@/lib/leads/lead-url-state.ts";
import { regionScopeFor } from "@/server/access/region-scope.ts";
import type { AuditActor } from "@/server/audit/append-audit-event.ts";
import { db, disconnectDb, setDatabaseUrl } from "@/server/db/client.ts";
import { DomainError } from "@/server/errors.ts";
import { assignLeads } from "@/server/followup/assign-leads.ts";
import { NOT_TAKEABLE_MESSAGE, takeLead } from "@/server/followup/take-lead.ts";
import { findLeads } from "@/server/leads/find-leads.ts";
import { listLeadTakeRegions } from "@/server/regions/list-lead-take-regions.ts";
import { setLeadTakeRegion, setLeadTakeRegionSchema } from "@/server/regions/set-lead-take-region.ts";
import { businessRow, createTestUser, NO_CONTEXT } from "../support/factories.ts";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../support/throwaway-database.ts";

/**
 * An officer takes an unassigned lead of his own regions where an admin enabled it: the admin's
 * switch per province or regency (audited with old and new value), the take (assigned as a
 * supervisor's assignment would, audited as `lead.take`), the refusals (outside his regions, a
 * region not enabled, a lead someone has), two takes at once, and the list's "bisa diambil".
 */
let database: ThrowawayDatabase;

type TestUser = Awaited<ReturnType<typeof createTestUser>>;
let bandungA: TestUser;
let bandungB: TestUser;
let surabaya: TestUser;
let supervisor: TestUser;
let admin: TestUser;

const BANDUNG = { provinceCode: "32", regencyCode: "32.73" };
const BOGOR = { provinceCode: "32", regencyCode: "32.01" };
const SURABAYA = { provinceCode: "35", regencyCode: "35.78" };

const asActor = (u: TestUser): AuditActor => ({ id: u.id, username: u.username, role: u.role });
const take = (u: TestUser, businessId: number) => takeLead({ businessId: BigInt(businessId), actor: asActor(u), scope: regionScopeFor(u.role, u.regionCodes), context: NO_CONTEXT });
const setSwitch = (regionCode: string, enabled: boolean) =>
  setLeadTakeRegion({ input: setLeadTakeRegionSchema.parse({ regionCode, enabled: String(enabled) }), actor: asActor(admin), context: NO_CONTEXT });

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return (error as Error).message;
}

async function takeableIds(u: TestUser, assignedTo = "bisa-diambil"): Promise<number[]> {
  const base = parseLeadListState(new URLSearchParams());
  const filter: LeadFilter = { assignedTo };
  const page = await findLeads({ state: { ...base, filter }, scope: regionScopeFor(u.role, u.regionCodes), actorId: u.id, pageSize: 500 });
  return page.rows.map((r) => Number(r.id)).sort((a, b) => a - b);
}

beforeAll(async () => {
  database = await createThrowawayDatabase("leadtake");
  process.env.DATABASE_URL = database.url;
  setDatabaseUrl(database.url);
  [bandungA, bandungB, surabaya, supervisor, admin] = await Promise.all([
    createTestUser({ role: "OFFICER", regionCodes: ["32.73"] }),
    createTestUser({ role: "OFFICER", regionCodes: ["32.73"] }),
    createTestUser({ role: "OFFICER", regionCodes: ["35"] }),
    createTestUser({ role: "SUPERVISOR", regionCodes: ["32"] }),
    createTestUser({ role: "ADMIN" }),
  ]);
  await db.business.createMany({
    data: [
      businessRow(1, BANDUNG),
      businessRow(2, BANDUNG),
      businessRow(3, BANDUNG),
      businessRow(4, BANDUNG),
      businessRow(5, BANDUNG),
      businessRow(6, BOGOR),
      businessRow(7, SURABAYA),
      businessRow(8, { provinceCode: "35", regencyCode: "35.15" }),
    ],
  });
  // Lead 4 was assigned once and let go (its officer left): a follow-up row with nobody on it.
  await db.leadFollowUp.create({ data: { businessId: 4n, status: "DIHUBUNGI" } });
  // Lead 5 is closed and nobody's.
  await db.leadFollowUp.create({ data: { businessId: 5n, status: "MENOLAK", closedAt: new Date() } });
});

afterAll(async () => {
  await disconnectDb();
  await database?.drop();
});

describe("the admin's switch per region", () => {
  it("enables and disables a region, each change audited with its old and new value", async () => {
    expect(await setSwitch("32.01", true)).toEqual({ name: expect.any(String), changed: true });
    expect(await setSwitch("32.01", true)).toMatchObject({ changed: false });
    expect(await setSwitch("32.01", false)).toMatchObject({ changed: true });
    expect(await setSwitch("32.01", false)).toMatchObject({ changed: false });

    const events = await db.auditEvent.findMany({ where: { action: "lead_take.region_set", objectId: "32.01" }, orderBy: { id: "asc" } });
    expect(events).toHaveLength(2);
    expect(events.map((e) => e.details)).toEqual([
      expect.objectContaining({ from: false, to: true }),
      expect.objectContaining({ from: true, to: false }),
    ]);
    expect(events.every((e) => e.actorUsername === admin.username && e.objectType === "region" && e.outcome === "SUCCESS")).toBe(true);
    expect(await db.leadTakeRegion.count({ where: { regionCode: "32.01" } })).toBe(0);
  });

  it("takes provinces and regencies/cities only", () => {
    expect(setLeadTakeRegionSchema.safeParse({ regionCode: "32.73.01", enabled: "true" }).success).toBe(false);
    expect(setLeadTakeRegionSchema.safeParse({ regionCode: "3273", enabled: "true" }).data).toEqual({ regionCode: "32.73", enabled: true });
  });

  it("lists provinces, and one province's regencies marked as covered by its switch", async () => {
    await setSwitch("35", true);
    await setSwitch("32.04", true);
    const list = await listLeadTakeRegions({ provinceCode: "35" });
    expect(list.provinces.find((p) => p.code === "35")).toMatchObject({ enabled: true, enabledByUsername: admin.username });
    expect(list.provinces.find((p) => p.code === "32")).toMatchObject({ enabled: false, enabledRegencies: 1 });
    expect(list.opened?.regencies.find((r) => r.code === "35.78")).toMatchObject({ enabled: false, enabledByProvince: true });
    await setSwitch("35", false);
    await setSwitch("32.04", false);
  });
});

describe("an officer takes a lead", () => {
  it("is refused in a region not enabled, and the refusal is audited", async () => {
    expect(await refusal(take(bandungA, 1))).toBe(NOT_TAKEABLE_MESSAGE);
    expect(await db.leadFollowUp.findUnique({ where: { businessId: 1n } })).toBeNull();
    const [denied] = await db.auditEvent.findMany({ where: { action: "lead.take", outcome: "DENIED", actorUsername: bandungA.username } });
    expect(denied).toMatchObject({ objectId: "1", reason: "lead_take_disabled", region: "32.73" });
  });

  it("takes it once its province is enabled: assigned to him as an assignment would, audited as lead.take", async () => {
    await setSwitch("32", true);
    expect(await take(bandungA, 1)).toEqual({ name: "Usaha 1", dueDate: takeDueDate() });

    const followUp = await db.leadFollowUp.findUniqueOrThrow({ where: { businessId: 1n } });
    expect(followUp).toMatchObject({ assignedToId: bandungA.id, assignedById: bandungA.id, status: "BARU" });
    expect(followUp.dueDate?.toISOString().slice(0, 10)).toBe(takeDueDate());
    const [note] = await db.leadActivity.findMany({ where: { businessId: 1n } });
    expect(note).toMatchObject({ kind: "CATATAN_SISTEM", actorUsername: bandungA.username });
    expect(note!.outcome).toContain(`Ditugaskan kepada ${bandungA.name}`);
    const [event] = await db.auditEvent.findMany({ where: { action: "lead.take", outcome: "SUCCESS", actorUsername: bandungA.username } });
    expect(event).toMatchObject({ objectType: "business", objectId: "1", region: "32.73" });
    expect(event!.details).toMatchObject({ officer: bandungA.username, dueDate: takeDueDate() });

    // Another officer of the city is told who has it; the one who took it, that it is his.
    expect(await refusal(take(bandungB, 1))).toContain(bandungA.name);
    expect(await refusal(take(bandungA, 1))).toBe("Prospek ini sudah ditugaskan kepada Anda.");
  });

  it("takes a lead whose follow-up lost its officer, keeping its status; not a closed one", async () => {
    await take(bandungB, 4);
    expect(await db.leadFollowUp.findUniqueOrThrow({ where: { businessId: 4n } })).toMatchObject({ assignedToId: bandungB.id, status: "DIHUBUNGI" });
    expect(await refusal(take(bandungB, 5))).toMatch(/sudah ditutup/);
    expect(await db.leadFollowUp.findUniqueOrThrow({ where: { businessId: 5n } })).toMatchObject({ assignedToId: null, status: "MENOLAK" });
  });

  it("is refused outside his regions though the region is enabled, and the refusal is audited", async () => {
    expect(await refusal(take(bandungA, 6))).toMatch(/di luar wilayah Anda/);
    expect(await refusal(take(surabaya, 2))).toMatch(/di luar wilayah Anda/);
    expect(await db.leadFollowUp.count({ where: { businessId: { in: [2n, 6n] } } })).toBe(0);
    const denied = await db.auditEvent.findMany({ where: { action: "lead.take", outcome: "DENIED", reason: "outside_region_scope" } });
    expect(denied.map((e) => `${e.actorUsername}:${e.objectId}`).sort()).toEqual([`${bandungA.username}:6`, `${surabaya.username}:2`].sort());
  });

  it("follows a regency's own switch: enabled Kota Surabaya, not the rest of the province", async () => {
    await setSwitch("35.78", true);
    await take(surabaya, 7);
    expect(await refusal(take(surabaya, 8))).toBe(NOT_TAKEABLE_MESSAGE);
  });

  it("is for officers only: supervisors and admins assign", async () => {
    expect(await refusal(take(supervisor, 2))).toMatch(/Hanya petugas/);
    expect(await refusal(take(admin, 2))).toMatch(/Hanya petugas/);
  });

  it("gives one of two officers taking the same lead at once the lead, the other a clear message", async () => {
    // Lead 2 has no follow-up yet (the insert races); lead 3 gets an empty one (the update races).
    await db.leadFollowUp.create({ data: { businessId: 3n } });
    for (const id of [2, 3]) {
      const outcomes = await Promise.allSettled([take(bandungA, id), take(bandungB, id), take(bandungA, id), take(bandungB, id)]);
      const won = outcomes.filter((o) => o.status === "fulfilled");
      expect(won).toHaveLength(1);
      for (const lost of outcomes.filter((o) => o.status === "rejected")) {
        expect(lost.reason).toBeInstanceOf(DomainError);
        expect((lost.reason as Error).message).toMatch(/sudah (diambil atau )?ditugaskan/);
      }
      const followUp = await db.leadFollowUp.findUniqueOrThrow({ where: { businessId: BigInt(id) } });
      expect([bandungA.id, bandungB.id]).toContain(followUp.assignedToId);
      expect(await db.auditEvent.count({ where: { action: "lead.take", outcome: "SUCCESS", objectId: String(id) } })).toBe(1);
      expect(await db.leadActivity.count({ where: { businessId: BigInt(id) } })).toBe(1);
    }
  });

  it("leaves a supervisor's assignment as it was (the shared write still reassigns)", async () => {
    await assignLeads({
      target: { kind: "ids", businessIds: [1n] },
      officerId: bandungB.id,
      dueDate: takeDueDate(),
      scope: regionScopeFor(supervisor.role, supervisor.regionCodes),
      actor: asActor(supervisor),
      context: NO_CONTEXT,
    });
    expect(await db.leadFollowUp.findUniqueOrThrow({ where: { businessId: 1n } })).toMatchObject({ assignedToId: bandungB.id, assignedById: supervisor.id });
    expect(await db.notification.count({ where: { userId: bandungB.id, kind: "LEAD_ASSIGNED" } })).toBe(1);
  });
});

describe("the lead list's Petugas filter for an officer", () => {
  it("'bisa-diambil' lists his unassigned open leads in enabled regions; 'belum' every unassigned one", async () => {
    await db.business.createMany({ data: [businessRow(9, BANDUNG), businessRow(10, SURABAYA), businessRow(11, { provinceCode: "35", regencyCode: "35.15" })] });
    await db.leadFollowUp.create({ data: { businessId: 11n } });
    expect(await takeableIds(bandungA)).toEqual([9]);
    expect(await takeableIds(surabaya)).toEqual([10]);
    expect(await takeableIds(bandungA, "belum")).toEqual([5, 9]);
    expect(await takeableIds(surabaya, "belum")).toEqual([8, 10, 11]);
    await setSwitch("32", false);
    expect(await takeableIds(bandungA)).toEqual([]);
    expect(await refusal(take(bandungA, 9))).toBe(NOT_TAKEABLE_MESSAGE);
  });
});
