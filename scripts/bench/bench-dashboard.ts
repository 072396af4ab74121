/**
 * `npm run bench:dashboard`: the coverage dashboard at scale. Fills a database of its own with
 * BENCH_BUSINESSES (1,000,000) synthetic businesses spread over every district (statuses, scales,
 * KBLI and sources in demo-like shares; written by SQL, no matching needed), then times
 * refreshCoverageStats (what every match run adds to its write transaction) and the reads behind
 * one view of the Dasbor page (getDashboard, what app/(app)/dasbor/page.tsx awaits) for an admin
 * (national, a province, a regency) and for supervisors of one province each, as `bench:load`
 * signs them in (32, 35, 31, 33), p50/p95 over BENCH_ROUNDS. Follow-up rows as `bench:load` has
 * them: one lead in thirteen across the whole table (about 50,000), every other one assigned to
 * one of 100 officers — every one in the nine regencies its officers work — with recorded visits
 * and calls. Baseline, in the same run: the follow-up figures as they were read before
 * 2026-12-07 (joined to `business`), whose counts the new reads must equal (checked every view).
 * Then each read of a view alone, for its cost.
 * BENCH_KEEP_DIR keeps the database between runs (the fill takes a few minutes).
 */
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { disconnectDb, setDatabaseUrl } from "../../server/db/client.ts";
import { destroyEmbeddedPostgres, ensureEmbeddedPostgres, stopEmbeddedPostgres } from "../../server/db/embedded-postgres.ts";
import { applyMigrations } from "../../server/db/migrate.ts";
import type { RegionScope } from "../../server/access/region-scope.ts";
import { getCoverageBreakdowns, getCoverageTrend, getRegionCoverage, resolveDashboardView, type DashboardView } from "../../server/dashboard/get-coverage.ts";
import { getDashboard } from "../../server/dashboard/get-dashboard.ts";
import { dashboardViewCondition, getFollowUpProgress } from "../../server/dashboard/get-follow-up-progress.ts";
import { getNotaryCoverage } from "../../server/dashboard/get-notary-coverage.ts";
import { readDb } from "../../server/db/read-db.ts";
import { SqlParams } from "../../server/leads/lead-query.ts";
import { refreshCoverageStats } from "../../server/dashboard/refresh-coverage.ts";
import { ensureRegionsLoaded } from "../../server/regions/load-regions.ts";

const businesses = Number(process.env.BENCH_BUSINESSES ?? 1_000_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 20);
const keepDir = process.env.BENCH_KEEP_DIR;
const fmt = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });
/** The leads in follow-up: one in thirteen, spread over the whole table as `bench:load`'s are. */
const FOLLOW_UP_LEADS = "is_lead AND id % 13 = 0";
/** The regencies `bench:load`'s officers work, where every follow-up row is assigned. */
const OFFICER_REGENCIES = ["32.73", "35.78", "31.71", "33.74", "12.71", "73.71", "51.71", "64.72", "32.04"];
/** The views timed: an admin's, and each `bench:load` supervisor's first. */
const VIEWS: [string, RegionScope, string | null][] = [
  ["admin, all provinces", { kind: "all" }, null],
  ["admin, province 32", { kind: "all" }, "32"],
  ["admin, regency 32.73", { kind: "all" }, "32.73"],
  ...["32", "35", "31", "33"].map((code): [string, RegionScope, string | null] => [`supervisor of ${code}, top`, { kind: "regions", codes: [code] }, null]),
  ["supervisor of 32, regency 32.73", { kind: "regions", codes: ["32"] }, "32.73"],
];


const work = keepDir ?? (await mkdtemp(path.join(tmpdir(), "jangkau-bench-dashboard-")));
const fresh = !existsSync(path.join(work, "pg"));
const server = await ensureEmbeddedPostgres({ dataDir: work, port: 59600 + Math.floor(Math.random() * 300) });
// Bulk loading (TRUNCATE, VACUUM ANALYZE) is the owner's.
const client = new pg.Client({ connectionString: server.ownerUrl });
try {
  // Always: a kept database from before a migration gets it.
  await applyMigrations(server.ownerUrl);
  if (fresh) await ensureRegionsLoaded({ url: server.ownerUrl });
  setDatabaseUrl(server.url);
  await client.connect();
  const [{ count }] = (await client.query<{ count: string }>(`SELECT count(*) FROM business`)).rows as [{ count: string }];
  const refill = Number(count) !== businesses;
  if (refill) {
    const started = performance.now();
    await fillBusinesses(client, businesses);
    console.log(`filled ${fmt.format(businesses)} synthetic businesses in ${fmt.format((performance.now() - started) / 1000)} s`);
  }
  // Refilled too when a kept database holds them in an earlier shape.
  const followUps = await client.query<{ here: string; planned: string }>(
    `SELECT (SELECT count(*) FROM lead_follow_up) AS here, (SELECT count(*) FROM business WHERE ${FOLLOW_UP_LEADS}) AS planned`,
  );
  if (refill || followUps.rows[0]!.here !== followUps.rows[0]!.planned) await fillFollowUps(client);

  const refreshTimes: number[] = [];
  for (let i = 0; i < 3; i++) {
    await client.query("BEGIN");
    const summary = await refreshCoverageStats(client, 0, i === 0 ? console.log : undefined);
    await client.query("COMMIT");
    refreshTimes.push(summary.milliseconds);
    if (i === 0) console.log(`coverage_stat: ${fmt.format(summary.rows)} rows, trend period ${summary.period}`);
  }
  console.log(`refreshCoverageStats (3 runs, in a transaction): ${refreshTimes.map((t) => `${fmt.format(t / 1000)} s`).join(", ")}`);
  await client.query("VACUUM ANALYZE coverage_stat");
  await benchQueries(rounds);
} finally {
  await client.end().catch(() => undefined);
  await disconnectDb();
  if (keepDir) await stopEmbeddedPostgres(work);
  else {
    await destroyEmbeddedPostgres(work);
    await rm(work, { recursive: true, force: true });
  }
}

/** Businesses spread over every district, with demo-like shares of statuses, scales, KBLI and sources. */
async function fillBusinesses(client: pg.Client, n: number): Promise<void> {
  await client.query(`TRUNCATE business CASCADE`);
  await client.query(
    `WITH d AS (SELECT array_agg(code ORDER BY code) AS codes FROM region WHERE level = 'DISTRICT')
     INSERT INTO business (id, name, name_core, province_code, regency_code, district_code, worker_count, registered_workers,
                           worker_gap, business_scale, kbli, status, is_lead, priority, sources, latest_period, record_count, match_run_id)
     SELECT g, 'PT USAHA ' || g, 'USAHA ' || g, left(x.district, 2), left(x.district, 5), x.district,
            x.workers, CASE WHEN x.status = 'BELUM_TERDAFTAR' THEN NULL ELSE x.registered END,
            CASE WHEN x.status = 'BELUM_TERDAFTAR' THEN x.workers ELSE greatest(0, x.workers - x.registered) END,
            (ARRAY['MIKRO','KECIL','MENENGAH','BESAR',NULL])[1 + (g % 5)], lpad(((g * 7) % 99 + 1)::text, 2, '0') || '100',
            x.status::"BusinessStatus", x.status <> 'TERDAFTAR_AKTIF', (g % 100)::int,
            CASE g % 4 WHEN 0 THEN ARRAY['ahu-entitas','bpjs-bu','kemnaker-bu'] WHEN 1 THEN ARRAY['kemnaker-bu']
                       WHEN 2 THEN ARRAY['ahu-entitas','kemnaker-bu'] ELSE ARRAY['bpjs-bu','kemnaker-bu'] END,
            '2025-S2', 2, 1
     FROM generate_series(1, $1::int) g, d,
     LATERAL (SELECT d.codes[1 + floor(random() * array_length(d.codes, 1))::int] AS district,
                     (1 + floor(random() * 200))::int AS workers, (floor(random() * 150))::int AS registered,
                     (ARRAY['BELUM_TERDAFTAR','BELUM_TERDAFTAR','TERDAFTAR_AKTIF','TERDAFTAR_AKTIF','DAFTAR_SEBAGIAN','TERDAFTAR_NONAKTIF'])[1 + (g % 6)] AS status
              WHERE g > 0 /* correlated, so random() is drawn per business */) x`,
    [n],
  );
  await client.query(`VACUUM ANALYZE business`);
}

/**
 * About 50,000 leads in follow-up, every other one (and all in OFFICER_REGENCIES) assigned to one
 * of 100 officers; a recorded visit on a tenth of them, a call on a third.
 */
async function fillFollowUps(client: pg.Client): Promise<void> {
  await client.query(`TRUNCATE lead_follow_up, lead_activity`);
  await client.query(
    `INSERT INTO app_user (id, username, name, role, updated_at)
     SELECT gen_random_uuid(), 'petugas-bench-' || g, 'Petugas ' || g, 'OFFICER', now() FROM generate_series(1, 100) g
     ON CONFLICT (username) DO NOTHING`,
  );
  await client.query(
    `WITH officers AS (SELECT array_agg(id ORDER BY username) AS ids FROM app_user WHERE username LIKE 'petugas-bench-%')
     INSERT INTO lead_follow_up (business_id, status, assigned_to_id, assigned_at)
     SELECT b.id, (ARRAY['BARU','DIHUBUNGI','DIKUNJUNGI','BERSEDIA_DAFTAR','TERDAFTAR','MENOLAK','TIDAK_DITEMUKAN'])[1 + (b.id / 13 % 7)]::"FollowUpStatus",
            CASE WHEN b.id / 13 % 2 = 0 OR b.regency_code = ANY($1::text[]) THEN o.ids[1 + (b.id % 100)] END, now()
     FROM (SELECT id, regency_code FROM business WHERE ${FOLLOW_UP_LEADS}) b, officers o`,
    [OFFICER_REGENCIES],
  );
  await client.query(
    `INSERT INTO lead_activity (business_id, kind, occurred_on, actor_username)
     SELECT business_id, CASE WHEN business_id % 10 = 0 THEN 'KUNJUNGAN' ELSE 'TELEPON' END::"ActivityKind", DATE '2026-11-20', 'petugas-bench'
     FROM lead_follow_up WHERE business_id % 10 = 0 OR business_id % 3 = 0`,
  );
  await client.query(`VACUUM ANALYZE lead_follow_up`);
  await client.query(`VACUUM ANALYZE lead_activity`);
}

/**
 * The follow-up figures as the page read them before 2026-12-07 — every follow-up row joined to
 * `business` for its kind and region, the officers' read beside the coverage reads and the
 * funnel's after them — for the baseline and to check the new reads' counts against.
 */
async function plainFollowUpProgress(view: DashboardView, officersOnly: boolean) {
  const params = new SqlParams();
  const where = `b.kind = 'BADAN_USAHA' AND ${dashboardViewCondition(view, params)}`;
  const rows = await (await readDb()).$queryRawUnsafe<{ officer: string | null; assigned: number; contacted: number; visited: number; converted: number; leads: number }[]>(
    `SELECT u.username AS officer, count(*)::int AS assigned,
       count(*) FILTER (WHERE f.status IN ('DIHUBUNGI','DIKUNJUNGI','BERSEDIA_DAFTAR','TERDAFTAR','MENOLAK'))::int AS contacted,
       count(*) FILTER (WHERE f.status IN ('DIKUNJUNGI','BERSEDIA_DAFTAR','TERDAFTAR')
         OR EXISTS (SELECT 1 FROM lead_activity a WHERE a.business_id = f.business_id AND a.kind = 'KUNJUNGAN'))::int AS visited,
       count(*) FILTER (WHERE f.status = 'TERDAFTAR')::int AS converted, count(*) FILTER (WHERE b.is_lead)::int AS leads
     FROM lead_follow_up f JOIN business b ON b.id = f.business_id ${officersOnly ? "JOIN app_user u ON u.id = f.assigned_to_id" : "LEFT JOIN app_user u ON FALSE"}
     WHERE ${where} AND f.assigned_to_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, min(u.name)`,
    ...params.values,
  );
  return rows;
}

/** One view of the page (what app/(app)/dasbor/page.tsx awaits), p50/p95 per view, beside the baseline. */
async function benchQueries(rounds: number): Promise<void> {
  const costs = new Map<string, number[]>();
  const cost = async <T>(name: string, read: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await read();
    costs.set(name, [...(costs.get(name) ?? []), performance.now() - started]);
    return result;
  };
  for (const [name, scope, wilayah] of VIEWS) {
    const times: number[] = [];
    const baseline: number[] = [];
    for (let i = 0; i < rounds + 2; i++) {
      let started = performance.now();
      const view = (await resolveDashboardView(scope, wilayah))!;
      const figures = await getDashboard(view, "badan-usaha");
      if (i >= 2) times.push(performance.now() - started); // two warm-up rounds

      started = performance.now();
      const plainView = (await resolveDashboardView(scope, wilayah))!;
      const [, , , plainOfficers] = await Promise.all([
        getRegionCoverage(plainView),
        plainView.region?.level === "DISTRICT" ? null : getCoverageBreakdowns(plainView),
        getCoverageTrend(plainView),
        plainFollowUpProgress(plainView, true),
        getNotaryCoverage(plainView),
      ]);
      const [plainFunnel] = await plainFollowUpProgress(plainView, false);
      if (i >= 2) baseline.push(performance.now() - started);
      if (i === 0) {
        const funnel = Object.fromEntries(figures.funnel.map((s) => [s.stage, s.count]));
        const same =
          JSON.stringify(figures.officers.map((o) => [o.username, o.assigned, o.contacted, o.visited, o.converted])) ===
            JSON.stringify(plainOfficers.slice(0, 100).map((o) => [o.officer, o.assigned, o.contacted, o.visited, o.converted])) &&
          [funnel.assigned, funnel.contacted, funnel.visited, funnel.converted].join() ===
            [plainFunnel?.assigned ?? 0, plainFunnel?.contacted ?? 0, plainFunnel?.visited ?? 0, plainFunnel?.converted ?? 0].join();
        if (!same) throw new Error(`${name}: the follow-up figures differ from the plain join`);
      }
    }
    times.sort((a, b) => a - b);
    baseline.sort((a, b) => a - b);
    console.log(
      `dashboard view, ${name}: p50 ${ms(percentile(times, 50))}, p95 ${ms(percentile(times, 95))}` +
        ` (baseline, follow-up joined to business: p50 ${ms(percentile(baseline, 50))}, p95 ${ms(percentile(baseline, 95))}; ${rounds} rounds)`,
    );

    // Each read alone, one after another: what each costs the database.
    for (let i = 0; i < rounds; i++) {
      const view = (await resolveDashboardView(scope, wilayah))!;
      await cost("getRegionCoverage", () => getRegionCoverage(view));
      if (view.region?.level !== "DISTRICT") await cost("getCoverageBreakdowns", () => getCoverageBreakdowns(view));
      await cost("getCoverageTrend", () => getCoverageTrend(view));
      await cost("getNotaryCoverage", () => getNotaryCoverage(view));
      await cost("getFollowUpProgress", () => getFollowUpProgress(view));
      await cost("baseline: officers joined to business", () => plainFollowUpProgress(view, true));
      await cost("baseline: funnel joined to business", () => plainFollowUpProgress(view, false));
    }
    console.log(
      `  each read alone, p50: ${[...costs].map(([read, t]) => `${read} ${ms(percentile(t.sort((a, b) => a - b), 50))}`).join(", ")}`,
    );
    costs.clear();
  }
}

function ms(value: number): string {
  return `${fmt.format(value)} ms`;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
