import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RegionScope } from "@/server/access/region-scope.ts";
import { getRegionCoverage, resolveDashboardView, type DashboardView } from "@/server/dashboard/get-coverage.ts";
import { getDashboard } from "@/server/dashboard/get-dashboard.ts";
import { getFollowUpFunnel, getFollowUpProgress, getOfficerProgress } from "@/server/dashboard/get-follow-up-progress.ts";
import { db, disconnectDb, setDatabaseUrl } from "@/server/db/client.ts";
import { refreshCoverageStats } from "@/server/dashboard/refresh-coverage.ts";
import { syncFollowUpBusiness } from "@/server/followup/sync-follow-up-business.ts";
import { ensureRegionsLoaded } from "@/server/regions/load-regions.ts";
import { businessRow } from "../support/factories.ts";
import { inPgTransaction } from "../support/pg-transaction.ts";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../support/throwaway-database.ts";

/**
 * The dashboard's follow-up figures read the follow-up rows' own copy of their business's kind,
 * lead flag and region codes: the copies follow every write (a trigger) and every business
 * rewrite (syncFollowUpBusiness, in the match run's transaction), and the figures equal their
 * plain definition — every follow-up row joined to `business` — for every scope and view.
 */
let database: ThrowawayDatabase;
let officers: string[];

const DISTRICT_PREFIXES = ["32.73.", "32.04.", "35.78.", "31.71."];
const FOLLOW_UP_STATUSES = ["BARU", "DIHUBUNGI", "DIKUNJUNGI", "BERSEDIA_DAFTAR", "TERDAFTAR", "MENOLAK", "TIDAK_DITEMUKAN"] as const;

beforeAll(async () => {
  database = await createThrowawayDatabase("dashboard_follow_up");
  await disconnectDb();
  setDatabaseUrl(database.url);
  await ensureRegionsLoaded({ url: database.url });
  const districts = (await db.region.findMany({ where: { level: "DISTRICT", OR: DISTRICT_PREFIXES.map((p) => ({ code: { startsWith: p } })) }, orderBy: { code: "asc" } }))
    .filter((d, i, all) => all.filter((o) => o.code.slice(0, 6) === d.code.slice(0, 6)).indexOf(d) < 3)
    .map((d) => d.code);
  const statuses = ["BELUM_TERDAFTAR", "TERDAFTAR_AKTIF", "DAFTAR_SEBAGIAN", "TERDAFTAR_NONAKTIF"] as const;
  await db.business.createMany({
    data: Array.from({ length: 300 }, (_, n) => {
      const i = n + 1;
      const district = districts[i % districts.length]!;
      const status = statuses[i % statuses.length]!;
      const location = i % 17 === 0 ? { provinceCode: district.slice(0, 2), regencyCode: null, districtCode: null } : { provinceCode: district.slice(0, 2), regencyCode: district.slice(0, 5), districtCode: district };
      return businessRow(i, { ...location, status, isLead: status !== "TERDAFTAR_AKTIF", kind: i % 11 === 0 ? "NOTARIS" : "BADAN_USAHA" });
    }),
  });
  officers = (
    await Promise.all(["petugas-a", "petugas-b", "petugas-c"].map((username) => db.user.create({ data: { username, name: `Petugas ${username}`, role: "OFFICER" } })))
  ).map((u) => u.id);
  // Follow-up rows on two businesses in three (one with no business at all), most assigned.
  await db.leadFollowUp.createMany({
    data: [
      ...Array.from({ length: 200 }, (_, n) => {
        const id = 1 + Math.floor(n * 1.5);
        return { businessId: BigInt(id), status: FOLLOW_UP_STATUSES[id % FOLLOW_UP_STATUSES.length]!, assignedToId: id % 5 === 0 ? null : officers[id % officers.length]! };
      }),
      { businessId: 9_999n, status: "DIHUBUNGI" as const, assignedToId: officers[0]! },
    ],
  });
  await db.leadActivity.createMany({
    data: [4, 10, 25, 31].map((id) => ({ businessId: BigInt(id), kind: "KUNJUNGAN" as const, occurredOn: new Date("2026-11-20"), actorUsername: "petugas-a" })),
  });
  await inPgTransaction(database.url, (client) => refreshCoverageStats(client, 1));
}, 120_000);

afterAll(async () => {
  await disconnectDb();
  await database?.drop();
});

/** The plain definition: every assigned follow-up row joined to its business, inside the view. */
async function plainProgress(view: DashboardView) {
  const rows = await db.leadFollowUp.findMany({ where: { assignedToId: { not: null } } });
  const businesses = new Map((await db.business.findMany({ where: { id: { in: rows.map((r) => r.businessId) } } })).map((b) => [b.id, b]));
  const visits = new Set((await db.leadActivity.findMany({ where: { kind: "KUNJUNGAN" } })).map((a) => a.businessId));
  const codes = (b: { provinceCode: string | null; regencyCode: string | null; districtCode: string | null; villageCode: string | null }) =>
    [b.provinceCode, b.regencyCode, b.districtCode, b.villageCode].filter((c): c is string => c !== null);
  const within = (scope: RegionScope, mine: string[]) => scope.kind === "all" || (scope.kind === "regions" && scope.codes.some((c) => mine.includes(c)));
  const byOfficer = new Map<string, { assigned: number; contacted: number; visited: number; converted: number; leads: number }>();
  for (const row of rows) {
    const b = businesses.get(row.businessId);
    if (!b || b.kind !== "BADAN_USAHA" || !within(view.scope, codes(b)) || (view.region && !codes(b).includes(view.region.code))) continue;
    const o = byOfficer.get(row.assignedToId!) ?? { assigned: 0, contacted: 0, visited: 0, converted: 0, leads: 0 };
    o.assigned++;
    if (["DIHUBUNGI", "DIKUNJUNGI", "BERSEDIA_DAFTAR", "TERDAFTAR", "MENOLAK"].includes(row.status)) o.contacted++;
    if (["DIKUNJUNGI", "BERSEDIA_DAFTAR", "TERDAFTAR"].includes(row.status) || visits.has(row.businessId)) o.visited++;
    if (row.status === "TERDAFTAR") o.converted++;
    if (b.isLead) o.leads++;
    byOfficer.set(row.assignedToId!, o);
  }
  return byOfficer;
}

const VIEWS: [RegionScope, string | null][] = [
  [{ kind: "all" }, null],
  [{ kind: "all" }, "32"],
  [{ kind: "all" }, "32.73"],
  [{ kind: "regions", codes: ["32"] }, null],
  [{ kind: "regions", codes: ["35"] }, null],
  [{ kind: "regions", codes: ["32", "31"] }, null],
  [{ kind: "regions", codes: ["32.04"] }, null],
  [{ kind: "regions", codes: ["35"] }, "35.78"],
];

async function expectPlainFigures(): Promise<void> {
  for (const [scope, wilayah] of VIEWS) {
    const view = (await resolveDashboardView(scope, wilayah))!;
    const plain = await plainProgress(view);
    const progress = await getFollowUpProgress(view);
    const label = `${JSON.stringify(scope)} ${wilayah}`;
    expect(Object.fromEntries(progress.officers.map((o) => [o.officerId, [o.assigned, o.contacted, o.visited, o.converted]])), label).toEqual(
      Object.fromEntries([...plain].map(([id, o]) => [id, [o.assigned, o.contacted, o.visited, o.converted]])),
    );
    const sum = (key: "assigned" | "leads") => [...plain.values()].reduce((n, o) => n + o[key], 0);
    expect([progress.totals.assigned, progress.totals.assignedLeads], label).toEqual([sum("assigned"), sum("leads")]);
  }
}

describe("the follow-up rows' copy of their business", () => {
  it("is filled when a row is written, and is null for a business that does not exist", async () => {
    const rows = await db.$queryRawUnsafe<{ business_id: bigint; same: boolean; orphan: boolean }[]>(
      `SELECT f.business_id, (f.business_kind, f.business_is_lead, f.province_code, f.regency_code, f.district_code, f.village_code)
                IS NOT DISTINCT FROM (b.kind, b.is_lead, b.province_code, b.regency_code, b.district_code, b.village_code) AS same,
              b.id IS NULL AS orphan
       FROM lead_follow_up f LEFT JOIN business b ON b.id = f.business_id`,
    );
    expect(rows.length).toBe(201);
    expect(rows.filter((r) => !r.same)).toEqual([]);
    const orphan = await db.leadFollowUp.findUniqueOrThrow({ where: { businessId: 9_999n } });
    expect([orphan.businessKind, orphan.provinceCode]).toEqual([null, null]);
  });

  it("follows a row that moves to another business", async () => {
    // As carryFollowUps moves the follow-up of a merged business to its successor.
    const target = await db.business.findUniqueOrThrow({ where: { id: 300n } });
    await db.$executeRawUnsafe(`UPDATE lead_follow_up SET business_id = 300 WHERE business_id = 9999`);
    const moved = await db.leadFollowUp.findUniqueOrThrow({ where: { businessId: 300n } });
    expect([moved.businessKind, moved.businessIsLead, moved.provinceCode, moved.regencyCode, moved.districtCode]).toEqual([
      target.kind, target.isLead, target.provinceCode, target.regencyCode, target.districtCode,
    ]);
  });
});

describe("the dashboard's follow-up figures", () => {
  it("equal the plain join to business for every scope and view", async () => {
    await expectPlainFigures();
  });

  it("keep a supervisor of 35 to Jawa Timur's rows, and one of 32 to Jawa Barat's", async () => {
    const jatim = (await resolveDashboardView({ kind: "regions", codes: ["35"] }, null))!;
    const jabar = (await resolveDashboardView({ kind: "regions", codes: ["32"] }, null))!;
    const rowsOf = async (province: string) =>
      db.leadFollowUp.count({ where: { assignedToId: { not: null }, businessId: { in: (await db.business.findMany({ where: { provinceCode: province, kind: "BADAN_USAHA" }, select: { id: true } })).map((b) => b.id) } } });
    const [inJatim, inJabar] = await Promise.all([rowsOf("35"), rowsOf("32")]);
    expect(inJatim).toBeGreaterThan(0);
    expect((await getFollowUpProgress(jatim)).totals.assigned).toBe(inJatim);
    expect((await getFollowUpProgress(jabar)).totals.assigned).toBe(inJabar);
  });

  it("stay equal after a match run moves, re-grades and removes businesses under standing follow-up rows", async () => {
    // As a run rewrites them: one business to another province, one registered, one gone, one now a notary.
    await db.$executeRawUnsafe(`UPDATE business SET province_code = '31', regency_code = '31.71', district_code = NULL WHERE id = 7`);
    await db.$executeRawUnsafe(`UPDATE business SET status = 'TERDAFTAR_AKTIF', is_lead = false WHERE id = 10`);
    await db.$executeRawUnsafe(`DELETE FROM business WHERE id = 13`);
    await db.$executeRawUnsafe(`UPDATE business SET kind = 'NOTARIS' WHERE id = 16`);
    await db.$executeRawUnsafe(`UPDATE business SET province_code = '35', regency_code = '35.78', district_code = NULL WHERE id = 19`);
    // An incremental run names the businesses it rewrote; the full run, all.
    expect(await inPgTransaction(database.url, (client) => syncFollowUpBusiness(client, { businessIds: ["7", "10", "13", "16"] }))).toBe(4);
    expect((await db.leadFollowUp.findUniqueOrThrow({ where: { businessId: 19n } })).provinceCode).not.toBe("35");
    expect(await inPgTransaction(database.url, (client) => syncFollowUpBusiness(client, "all"))).toBe(1);
    expect(await inPgTransaction(database.url, (client) => syncFollowUpBusiness(client, "all"))).toBe(0);
    await inPgTransaction(database.url, (client) => refreshCoverageStats(client, 2));
    await expectPlainFigures();
  });

  it("show an officer's new status on the very next view, and the page's reads agree with the charts' own", async () => {
    const view = (await resolveDashboardView({ kind: "regions", codes: ["32"] }, null))!;
    const before = await getDashboard(view, "badan-usaha");
    const row = await db.leadFollowUp.findFirstOrThrow({ where: { status: "BARU", assignedToId: { not: null }, provinceCode: "32", businessKind: "BADAN_USAHA" } });
    await db.leadFollowUp.update({ where: { businessId: row.businessId }, data: { status: "TERDAFTAR" } });
    const after = await getDashboard(view, "badan-usaha");
    const stage = (figures: typeof before, key: string) => figures.funnel.find((s) => s.stage === key)!.count;
    expect(stage(after, "converted")).toBe(stage(before, "converted") + 1);
    expect(after.funnel).toEqual(await getFollowUpFunnel(view, await getRegionCoverage(view)));
    expect(after.officers).toEqual(await getOfficerProgress(view));
  });
});
