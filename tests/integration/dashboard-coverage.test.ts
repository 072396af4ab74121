import { createHash, randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALL } from "@/lib/dashboard/coverage.ts";
import { coverageRow } from "@/lib/dashboard/coverage-table.ts";
import { kbliSection as sectionOfKbliCode } from "@/lib/identifiers/kbli.ts";
import type { RegionScope } from "@/server/access/region-scope.ts";
import type { AuditActor } from "@/server/audit/append-audit-event.ts";
import { exportDashboardChart } from "@/server/dashboard/export-dashboard-chart.ts";
import { getCoverageBreakdowns, getCoverageTrend, getRegionCoverage, resolveDashboardView } from "@/server/dashboard/get-coverage.ts";
import { getFollowUpFunnel, getOfficerProgress } from "@/server/dashboard/get-follow-up-progress.ts";
import { applyCoverageDelta, refreshCoverageStats, snapshotCoverage } from "@/server/dashboard/refresh-coverage.ts";
import { db, disconnectDb, setDatabaseUrl } from "@/server/db/client.ts";
import { ensureRegionsLoaded } from "@/server/regions/load-regions.ts";
import { businessRow } from "../support/factories.ts";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../support/throwaway-database.ts";

/**
 * The coverage dashboard on a business table of its own: the precomputed aggregates equal a
 * direct GROUP BY over `business` at every level and breakdown, every read stays inside the
 * caller's scope, and the follow-up funnel and officer progress count what lead_follow_up holds.
 */
let database: ThrowawayDatabase;
const EVERYTHING: RegionScope = { kind: "all" };
const JABAR: RegionScope = { kind: "regions", codes: ["32"] };
let officerA: string;
let officerB: string;

const STATUSES = ["BELUM_TERDAFTAR", "TERDAFTAR_AKTIF", "DAFTAR_SEBAGIAN", "TERDAFTAR_NONAKTIF"] as const;
const SCALES = ["MIKRO", "KECIL", "MENENGAH", "BESAR", null] as const;
const KBLIS = ["47111", "10110", "86101", "41011", null, "34000"] as const; // 34: no such division
const SOURCE_SETS = [["kemnaker-bu"], ["ahu-entitas", "kemnaker-bu"], ["bpjs-bu", "kemnaker-bu"], ["ahu-entitas", "bpjs-bu", "kemnaker-bu"]];

async function refresh(): Promise<void> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    await client.query("BEGIN");
    await refreshCoverageStats(client, 1);
    await client.query("COMMIT");
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  database = await createThrowawayDatabase("dashboard");
  await disconnectDb();
  setDatabaseUrl(database.url);
  await ensureRegionsLoaded({ url: database.url });
  const districts = await db.region.findMany({
    where: { level: "DISTRICT", OR: [{ code: { startsWith: "32.73." } }, { code: { startsWith: "32.04." } }, { code: { startsWith: "35.78." } }] },
    orderBy: { code: "asc" },
  });
  const pickDistricts = ["32.73.", "32.04.", "35.78."].flatMap((prefix) => districts.filter((d) => d.code.startsWith(prefix)).slice(0, 3));
  const rows = [];
  for (let i = 1; i <= 240; i++) {
    const district = pickDistricts[i % pickDistricts.length]!.code;
    const status = STATUSES[i % STATUSES.length]!;
    const workers = i % 7 === 0 ? null : (i * 13) % 300;
    const registered = status === "BELUM_TERDAFTAR" ? null : Math.floor((workers ?? 0) / 2);
    // A few businesses known only down to the regency, the province, or not at all.
    const location =
      i % 29 === 0 ? { provinceCode: null, regencyCode: null, districtCode: null }
      : i % 23 === 0 ? { provinceCode: district.slice(0, 2), regencyCode: null, districtCode: null }
      : i % 19 === 0 ? { provinceCode: district.slice(0, 2), regencyCode: district.slice(0, 5), districtCode: null }
      : { provinceCode: district.slice(0, 2), regencyCode: district.slice(0, 5), districtCode: district };
    // Kemnaker's worker rows for two businesses in three; none (all null) for the others.
    const listed = i % 3 === 0 ? null : (i * 7) % 40;
    const byStatus = listed === null ? null : [Math.floor(listed / 2), Math.floor(listed / 5), Math.floor(listed / 10)];
    byStatus?.push(listed! - byStatus[0]! - byStatus[1]! - byStatus[2]!);
    rows.push(
      businessRow(i, {
        ...location,
        workersListed: listed,
        workersHere: byStatus?.[0] ?? null,
        workersElsewhere: byStatus?.[1] ?? null,
        workersOtherSegment: byStatus?.[2] ?? null,
        workersUnregistered: byStatus?.[3] ?? null,
        status,
        isLead: status !== "TERDAFTAR_AKTIF",
        workerCount: workers,
        registeredWorkers: registered,
        workerGap: workers === null ? null : Math.max(0, workers - (registered ?? 0)),
        businessScale: SCALES[i % SCALES.length],
        kbli: KBLIS[i % KBLIS.length],
        sources: SOURCE_SETS[i % SOURCE_SETS.length],
        latestPeriod: i % 2 ? "2025-S2" : "2025-S1",
      }),
    );
  }
  await db.business.createMany({ data: rows });
  const [a, b] = await Promise.all(
    ["petugas-bdg", "petugas-sby"].map((username) => db.user.create({ data: { username, name: `Petugas ${username}`, role: "OFFICER" } })),
  );
  officerA = a!.id;
  officerB = b!.id;
  await refresh();
}, 120_000);

afterAll(async () => {
  await disconnectDb();
  await database?.drop();
});

type Sums = { businesses: number; workers: number; registered: number; gap: number };
const key = (...parts: (string | null)[]) => parts.map((p) => p ?? "∅").join("|");

async function direct(groupBy: string, where = "TRUE"): Promise<Map<string, Sums>> {
  const rows = await db.$queryRawUnsafe<{ k: string; businesses: number; workers: bigint; registered: bigint; gap: bigint }[]>(
    `SELECT concat_ws('|', ${groupBy}) AS k, count(*)::int AS businesses, coalesce(sum(worker_count), 0) AS workers,
            coalesce(sum(registered_workers), 0) AS registered, coalesce(sum(worker_gap), 0) AS gap
     FROM (SELECT *, coalesce(province_code, '') AS province, coalesce(business_scale, '∅') AS scale, status::text AS st FROM business) b
     WHERE ${where} GROUP BY 1`,
  );
  return new Map(rows.map((r) => [r.k, { businesses: r.businesses, workers: Number(r.workers), registered: Number(r.registered), gap: Number(r.gap) }]));
}

async function stored(where: string, keyOf: string): Promise<Map<string, Sums>> {
  const rows = await db.$queryRawUnsafe<{ k: string; businesses: number; workers: bigint; registered: bigint; gap: bigint }[]>(
    `SELECT ${keyOf} AS k, businesses, workers, registered_workers AS registered, worker_gap AS gap FROM coverage_stat WHERE ${where}`,
  );
  const map = new Map<string, Sums>();
  for (const r of rows) {
    expect(map.has(r.k), `one row per key (${r.k})`).toBe(false);
    map.set(r.k, { businesses: r.businesses, workers: Number(r.workers), registered: Number(r.registered), gap: Number(r.gap) });
  }
  return map;
}

describe("refreshCoverageStats", () => {
  it("writes region totals equal to a direct GROUP BY over business at every level", async () => {
    const totals = `business_scale = '${ALL}' AND kbli_section = '${ALL}'`;
    expect(await stored(`level = 'PROVINCE' AND ${totals}`, `concat_ws('|', region_code, status)`)).toEqual(await direct("province, st"));
    expect(await stored(`level = 'REGENCY' AND ${totals}`, `concat_ws('|', region_code, status)`)).toEqual(
      await direct("regency_code, st", "regency_code IS NOT NULL"),
    );
    expect(await stored(`level = 'DISTRICT' AND ${totals}`, `concat_ws('|', region_code, status)`)).toEqual(
      await direct("district_code, st", "district_code IS NOT NULL"),
    );
  });

  it("breaks provinces and regencies down by skala usaha, KBLI section and source", async () => {
    expect(await stored(`level = 'PROVINCE' AND kbli_section = '${ALL}' AND (business_scale IS NULL OR business_scale <> '${ALL}' AND business_scale NOT LIKE 'sumber:%')`, `concat_ws('|', region_code, coalesce(business_scale, '∅'), status)`)).toEqual(
      await direct("province, scale, st"),
    );
    // KBLI sections, computed here from lib/ rather than SQL.
    const businesses = await db.business.findMany({ select: { regencyCode: true, kbli: true, status: true } });
    const expected = new Map<string, number>();
    for (const b of businesses) {
      if (!b.regencyCode) continue;
      const k = key(b.regencyCode, b.kbli ? sectionOfKbliCode(b.kbli) : null, b.status);
      expected.set(k, (expected.get(k) ?? 0) + 1);
    }
    const sections = await stored(`level = 'REGENCY' AND business_scale = '${ALL}' AND kbli_section IS DISTINCT FROM '${ALL}'`, `concat_ws('|', region_code, coalesce(kbli_section, '∅'), status)`);
    expect(new Map([...sections].map(([k, v]) => [k, v.businesses]))).toEqual(expected);

    const sources = await stored(`level = 'PROVINCE' AND business_scale LIKE 'sumber:%'`, `concat_ws('|', region_code, substr(business_scale, 8), status)`);
    const bySource = await db.$queryRawUnsafe<{ k: string; n: number }[]>(
      `SELECT concat_ws('|', coalesce(province_code, ''), s, status::text) AS k, count(*)::int AS n FROM business, unnest(sources) s GROUP BY 1`,
    );
    expect(new Map([...sources].map(([k, v]) => [k, v.businesses]))).toEqual(new Map(bySource.map((r) => [r.k, r.n])));
  });

  it("sums Kemnaker's worker rows by JKN status from the business columns, at every level and by scale", async () => {
    const sums = `concat_ws('|', workers_listed, workers_here, workers_elsewhere, workers_other_segment, workers_unregistered)`;
    const directSums = async (groupBy: string, where = "TRUE") =>
      new Map(
        (
          await db.$queryRawUnsafe<{ k: string; v: string }[]>(
            `SELECT concat_ws('|', ${groupBy}) AS k, concat_ws('|', coalesce(sum(workers_listed), 0), coalesce(sum(workers_here), 0),
               coalesce(sum(workers_elsewhere), 0), coalesce(sum(workers_other_segment), 0), coalesce(sum(workers_unregistered), 0)) AS v
             FROM (SELECT *, coalesce(province_code, '') AS province, coalesce(business_scale, '∅') AS scale, status::text AS st FROM business) b
             WHERE ${where} GROUP BY 1`,
          )
        ).map((r) => [r.k, r.v]),
      );
    const storedSums = async (where: string, keyOf: string) =>
      new Map((await db.$queryRawUnsafe<{ k: string; v: string }[]>(`SELECT ${keyOf} AS k, ${sums} AS v FROM coverage_stat WHERE ${where}`)).map((r) => [r.k, r.v]));
    const totals = `business_scale = '${ALL}' AND kbli_section = '${ALL}'`;
    const byRegion = `concat_ws('|', region_code, status)`;
    const province = await storedSums(`level = 'PROVINCE' AND ${totals}`, byRegion);
    expect(province).toEqual(await directSums("province, st"));
    // The data holds worker rows in every status, and businesses without any.
    expect([...province.values()].some((v) => v !== "0|0|0|0|0")).toBe(true);
    expect(await db.business.count({ where: { workersListed: null } })).toBeGreaterThan(0);
    expect(await storedSums(`level = 'REGENCY' AND ${totals}`, byRegion)).toEqual(await directSums("regency_code, st", "regency_code IS NOT NULL"));
    expect(await storedSums(`level = 'DISTRICT' AND ${totals}`, byRegion)).toEqual(await directSums("district_code, st", "district_code IS NOT NULL"));
    expect(
      await storedSums(
        `level = 'PROVINCE' AND kbli_section = '${ALL}' AND (business_scale IS NULL OR business_scale <> '${ALL}' AND business_scale NOT LIKE 'sumber:%')`,
        `concat_ws('|', region_code, coalesce(business_scale, '∅'), status)`,
      ),
    ).toEqual(await directSums("province, scale, st"));
  });

  it("keeps the worker sums equal to a full recompute when an incremental run rewrites some businesses", async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const read = async () =>
      (
        await client.query(
          `SELECT level, region_code, business_scale, kbli_section, status, businesses, workers_listed::text, workers_here::text,
             workers_elsewhere::text, workers_other_segment::text, workers_unregistered::text
           FROM coverage_stat ORDER BY 1, 2, 3, 4, 5`,
        )
      ).rows;
    const ids = ["3", "4", "5", "30", "31"];
    try {
      await client.query("BEGIN");
      await snapshotCoverage(client, ids);
      // Worker rows arrive for businesses that had none, and change for others.
      await client.query(
        `UPDATE business SET workers_listed = 50, workers_here = 20, workers_elsewhere = 10, workers_other_segment = 5, workers_unregistered = 15
         WHERE id = ANY($1::bigint[])`,
        [ids],
      );
      await applyCoverageDelta(client, ids);
      const incremental = await read();
      await refreshCoverageStats(client, 2);
      expect(incremental).toEqual(await read());
      expect(incremental.some((row) => Number(row.workers_listed) >= 50)).toBe(true);
    } finally {
      await client.query("ROLLBACK");
      await client.end();
    }
  });

  it("reads the worker sums on the dashboard and downloads their table, inside the scope", async () => {
    const jabar = (await resolveDashboardView(JABAR, "32"))!;
    const total = coverageRow((await getRegionCoverage(jabar, "tenaga-kerja")).total);
    const [direct] = await db.$queryRawUnsafe<{ listed: bigint; here: bigint }[]>(
      `SELECT coalesce(sum(workers_listed), 0) AS listed, coalesce(sum(workers_here), 0) AS here FROM business WHERE province_code = '32'`,
    );
    expect(total.workersListed).toBe(Number(direct!.listed));
    expect(total.workersHere).toBe(Number(direct!.here));
    const bySection = (await getCoverageBreakdowns(jabar)).kbli;
    expect(bySection.reduce((sum, g) => sum + coverageRow(g).workersListed, 0)).toBe(total.workersListed);

    const context = { ip: "127.0.0.1", userAgent: "vitest", requestId: randomUUID() };
    const actor: AuditActor = { id: null, username: "penyelia-jabar", role: "SUPERVISOR" };
    const file = (await exportDashboardChart({ chart: "wilayah", wilayah: "32", measure: "tenaga-kerja", scope: JABAR, actor, context }))!;
    const lines = Buffer.from(file.body).toString("utf8").trimEnd().split("\r\n");
    expect(lines[0]).toBe("\uFEFFKabupaten/Kota,Tenaga kerja (data TK Kemnaker),Terdaftar di pemberi kerja ini,Terdaftar di pemberi kerja lain,Terdaftar segmen lain,Belum terdaftar,Cakupan tenaga kerja (%)");
    expect(lines.at(-1)!.startsWith(`Jumlah,${total.workersListed},${total.workersHere},`)).toBe(true);
    expect(file.filename).toMatch(/^dasbor-wilayah-tenaga-kerja-32-/);
    const [event] = await db.auditEvent.findMany({ where: { requestId: context.requestId } });
    expect(event!.details).toMatchObject({ chart: "wilayah", measure: "tenaga-kerja", sha256: file.sha256 });
    expect(await exportDashboardChart({ chart: "wilayah", wilayah: "35", measure: "tenaga-kerja", scope: JABAR, actor, context })).toBeNull();
  });

  it("keeps the newest period's trend per province and replaces it on the next run", async () => {
    const trend = await db.coverageTrend.findMany({ orderBy: [{ provinceCode: "asc" }, { status: "asc" }] });
    expect(new Set(trend.map((t) => t.period))).toEqual(new Set(["2025-S2"]));
    const expected = await direct("province, st");
    expect(new Map(trend.map((t) => [key(t.provinceCode, t.status), t.businesses]))).toEqual(new Map([...expected].map(([k, v]) => [k, v.businesses])));
    await refresh();
    expect(await db.coverageTrend.count()).toBe(trend.length);
  });
});

describe("dashboard reads", () => {
  it("gives an admin every province plus the businesses without one, adding up to the whole table", async () => {
    const view = (await resolveDashboardView(EVERYTHING, null))!;
    const coverage = await getRegionCoverage(view);
    expect(coverage.units.at(-1)!.label).toBe("Wilayah tidak diketahui");
    const total = coverageRow(coverage.total);
    expect(total.businesses).toBe(await db.business.count());
    expect(coverage.units.reduce((sum, u) => sum + coverageRow(u).businesses, 0)).toBe(total.businesses);
  });

  it("keeps a supervisor of 32 inside Jawa Barat", async () => {
    // One province: the dashboard starts inside it, at its regencies.
    const top = (await resolveDashboardView(JABAR, null))!;
    expect(top.units.every((u) => u.code.startsWith("32."))).toBe(true);
    expect(top.totalCodes).toEqual(["32"]);
    const coverage = await getRegionCoverage(top);
    expect(coverageRow(coverage.total).businesses).toBe(await db.business.count({ where: { provinceCode: "32" } }));
    for (const code of ["35", "35.78", "35.78.01", "3578", "99", "x"]) expect(await resolveDashboardView(JABAR, code), code).toBeNull();

    const jabar = (await resolveDashboardView(JABAR, "32"))!;
    expect(jabar.units.every((u) => u.code.startsWith("32."))).toBe(true);
    const regencies = await getRegionCoverage(jabar);
    // The province equals the sum of its regencies plus those known only to the province.
    const parts = regencies.units.reduce((sum, u) => sum + coverageRow(u).businesses, 0);
    expect(parts).toBe(coverageRow(regencies.total).businesses);
    expect(regencies.units.at(-1)!.label).toBe("Tanpa kabupaten/kota");
    const breakdowns = await getCoverageBreakdowns(jabar);
    for (const list of [breakdowns.scale, breakdowns.kbli])
      expect(list.reduce((sum, g) => sum + coverageRow(g).businesses, 0)).toBe(coverageRow(regencies.total).businesses);
    expect(breakdowns.source.map((g) => g.key)).toEqual(["ahu-entitas", "bpjs-bu", "kemnaker-bu"]);
    expect((await getCoverageTrend(jabar))!.map((p) => p.period)).toEqual(["2025-S2"]);

    const bandung = (await resolveDashboardView(JABAR, "3273"))!;
    expect(bandung.region!.code).toBe("32.73");
    expect(await getCoverageTrend(bandung)).toBeNull();
    expect(bandung.breadcrumbs.map((b) => b.name)).toHaveLength(2);
    expect(bandung.breadcrumbs[1]!.name).toMatch(/bandung/i);
  });

  it("gives a supervisor of a regency no province figures, and starts inside the regency", async () => {
    const scope: RegionScope = { kind: "regions", codes: ["32.73"] };
    expect(await resolveDashboardView(scope, "32")).toBeNull();
    const top = (await resolveDashboardView(scope, null))!;
    expect(top.region?.code).toBe("32.73");
    expect(top.unitLabel).toBe("Kecamatan");
    expect(top.trendProvinces).toBeNull();
    const bandung = (await resolveDashboardView(scope, "32.73"))!;
    // No "Wilayah saya" above the one region: it would lead back here. The province is shown, not linked.
    expect(bandung.breadcrumbs.map((b) => [b.code, b.href !== null])).toEqual([["32", false], ["32.73", true]]);
  });

  it("starts a supervisor of one province at its regencies; of two, at the two provinces", async () => {
    const one = (await resolveDashboardView({ kind: "regions", codes: ["32"] }, null))!;
    expect([one.region?.code, one.unitLabel]).toEqual(["32", "Kabupaten/Kota"]);
    expect(one.breadcrumbs.map((b) => b.name)).toEqual([one.region!.name]);
    const two = (await resolveDashboardView({ kind: "regions", codes: ["32", "35"] }, null))!;
    expect([two.region, two.unitLabel, two.breadcrumbs.map((b) => b.name)]).toEqual([null, "Provinsi", ["Wilayah saya"]]);
  });
});

describe("follow-up funnel and officer progress", () => {
  beforeAll(async () => {
    const leads = await db.business.findMany({ where: { isLead: true, regencyCode: { in: ["32.73", "35.78"] } }, orderBy: { id: "asc" } });
    const bdg = leads.filter((b) => b.regencyCode === "32.73").slice(0, 6);
    const sby = leads.filter((b) => b.regencyCode === "35.78").slice(0, 4);
    const statuses = ["DIHUBUNGI", "DIKUNJUNGI", "TERDAFTAR", "MENOLAK", "BARU", "TIDAK_DITEMUKAN"] as const;
    await db.leadFollowUp.createMany({
      data: [
        ...bdg.map((b, i) => ({ businessId: b.id, status: statuses[i]!, assignedToId: officerA })),
        ...sby.map((b) => ({ businessId: b.id, status: "DIHUBUNGI" as const, assignedToId: officerB })),
      ],
    });
    // A visit recorded on a lead still marked Baru counts as visited.
    await db.leadActivity.create({ data: { businessId: bdg[4]!.id, kind: "KUNJUNGAN", occurredOn: new Date("2026-11-20"), actorUsername: "petugas-bdg" } });
  });

  it("counts the funnel inside the scope: unassigned leads on their own, the assigned ones as officer progress counts them", async () => {
    const jabar = (await resolveDashboardView(JABAR, null))!;
    const funnel = await getFollowUpFunnel(jabar, await getRegionCoverage(jabar));
    const byStage = Object.fromEntries(funnel.map((s) => [s.stage, s.count]));
    const leads = await db.business.count({ where: { isLead: true, provinceCode: "32" } });
    // The six Bandung leads assigned to officer A are every assigned lead of the province.
    expect(byStage).toEqual({ unassigned: leads - 6, assigned: 6, contacted: 4, visited: 3, converted: 1 });
    // One definition: each stage is the officers' column summed.
    const officers = await getOfficerProgress(jabar);
    const sum = (key: "assigned" | "contacted" | "visited" | "converted") => officers.reduce((n, o) => n + o[key], 0);
    expect([byStage.assigned, byStage.contacted, byStage.visited, byStage.converted]).toEqual([sum("assigned"), sum("contacted"), sum("visited"), sum("converted")]);
  });

  it("shows each officer's progress on the leads of the scope only", async () => {
    const jabar = (await resolveDashboardView(JABAR, null))!;
    expect(await getOfficerProgress(jabar)).toEqual([
      { officerId: officerA, name: "Petugas petugas-bdg", username: "petugas-bdg", assigned: 6, contacted: 4, visited: 3, converted: 1 },
    ]);
    const all = await getOfficerProgress((await resolveDashboardView(EVERYTHING, null))!);
    expect(all.map((o) => [o.username, o.assigned])).toEqual([["petugas-bdg", 6], ["petugas-sby", 4]]);
    expect(await getOfficerProgress((await resolveDashboardView(EVERYTHING, "35.78"))!)).toHaveLength(1);
  });
});

describe("chart download", () => {
  const supervisor: AuditActor = { id: null, username: "penyelia-jabar", role: "SUPERVISOR" };

  it("writes the funnel table as CSV and records the download with its hash", async () => {
    const context = { ip: "127.0.0.1", userAgent: "vitest", requestId: randomUUID() };
    const file = (await exportDashboardChart({ chart: "corong", wilayah: "32", scope: JABAR, actor: supervisor, context }))!;
    expect(file.filename).toMatch(/^dasbor-corong-32-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(file.sha256).toBe(createHash("sha256").update(file.body).digest("hex"));
    const text = Buffer.from(file.body).toString("utf8");
    expect(text.startsWith("\uFEFFTahap tindak lanjut,Jumlah prospek\r\n")).toBe(true);
    expect(file.rows).toBe(5);
    const events = await db.auditEvent.findMany({ where: { requestId: context.requestId } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: "dashboard.export",
      actorUsername: "penyelia-jabar",
      objectType: "dashboard_chart",
      objectId: "corong",
      region: "32",
      details: { chart: "corong", region: "32", rows: 5, sha256: file.sha256 },
    });
  });

  it("finds nothing outside the scope, nor a chart the level does not have, and records nothing", async () => {
    const context = { ip: "127.0.0.1", userAgent: "vitest", requestId: randomUUID() };
    expect(await exportDashboardChart({ chart: "wilayah", wilayah: "35", scope: JABAR, actor: supervisor, context })).toBeNull();
    expect(await exportDashboardChart({ chart: "tren", wilayah: "32.73", scope: JABAR, actor: supervisor, context })).toBeNull();
    expect(await db.auditEvent.count({ where: { requestId: context.requestId } })).toBe(0);
  });
});
