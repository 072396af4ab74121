/**
 * `npm run bench:dashboard`: the coverage dashboard at scale. Fills a database of its own with
 * BENCH_BUSINESSES (1,000,000) synthetic businesses spread over every district (statuses, scales,
 * KBLI and sources in demo-like shares; written by SQL, no matching needed), then times
 * refreshCoverageStats (what every match run adds to its write transaction) and the queries
 * behind one view of the dashboard (national, a province, a regency; 50,000 leads in follow-up
 * with 100 officers), p50/p95 over BENCH_ROUNDS.
 * BENCH_KEEP_DIR keeps the database between runs (the fill takes about a minute).
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
import { getCoverageBreakdowns, getCoverageTrend, getRegionCoverage, resolveDashboardView } from "../../server/dashboard/get-coverage.ts";
import { getFollowUpFunnel, getOfficerProgress } from "../../server/dashboard/get-follow-up-progress.ts";
import { refreshCoverageStats } from "../../server/dashboard/refresh-coverage.ts";
import { ensureRegionsLoaded } from "../../server/regions/load-regions.ts";

const businesses = Number(process.env.BENCH_BUSINESSES ?? 1_000_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 20);
const keepDir = process.env.BENCH_KEEP_DIR;
const fmt = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });

const work = keepDir ?? (await mkdtemp(path.join(tmpdir(), "jangkau-bench-dashboard-")));
const fresh = !existsSync(path.join(work, "pg"));
const server = await ensureEmbeddedPostgres({ dataDir: work, port: 59600 + Math.floor(Math.random() * 300) });
// Bulk loading (TRUNCATE, VACUUM ANALYZE) is the owner's.
const client = new pg.Client({ connectionString: server.ownerUrl });
try {
  if (fresh) {
    await applyMigrations(server.ownerUrl);
    await ensureRegionsLoaded({ url: server.ownerUrl });
  }
  setDatabaseUrl(server.url);
  await client.connect();
  const [{ count }] = (await client.query<{ count: string }>(`SELECT count(*) FROM business`)).rows as [{ count: string }];
  if (Number(count) !== businesses) {
    const started = performance.now();
    await fillBusinesses(client, businesses);
    console.log(`filled ${fmt.format(businesses)} synthetic businesses in ${fmt.format((performance.now() - started) / 1000)} s`);
  }
  if (Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM lead_follow_up`)).rows[0]!.n) === 0) await fillFollowUps(client);

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

/** 50,000 leads in follow-up, assigned to 100 officers, for the live funnel and progress reads. */
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
     SELECT b.id, (ARRAY['BARU','DIHUBUNGI','DIKUNJUNGI','BERSEDIA_DAFTAR','TERDAFTAR','MENOLAK','TIDAK_DITEMUKAN'])[1 + (b.id % 7)]::"FollowUpStatus",
            o.ids[1 + (b.id % 100)], now()
     FROM (SELECT id FROM business WHERE is_lead ORDER BY id LIMIT 50000) b, officers o`,
  );
  await client.query(`VACUUM ANALYZE lead_follow_up`);
}

/** The reads behind one view of the page (what app/(app)/dasbor/page.tsx awaits), p50/p95 per view. */
async function benchQueries(rounds: number): Promise<void> {
  const views: [string, RegionScope, string | null][] = [
    ["admin, all provinces", { kind: "all" }, null],
    ["supervisor of 32, top", { kind: "regions", codes: ["32"] }, null],
    ["province 32 (27 regencies)", { kind: "all" }, "32"],
    ["regency 32.73 (districts)", { kind: "regions", codes: ["32"] }, "32.73"],
  ];
  for (const [name, scope, wilayah] of views) {
    const times: number[] = [];
    for (let i = 0; i < rounds + 2; i++) {
      const started = performance.now();
      const view = (await resolveDashboardView(scope, wilayah))!;
      const [coverage] = await Promise.all([getRegionCoverage(view), getCoverageBreakdowns(view), getCoverageTrend(view), getOfficerProgress(view)]);
      await getFollowUpFunnel(view, coverage);
      if (i >= 2) times.push(performance.now() - started); // two warm-up rounds
    }
    times.sort((a, b) => a - b);
    console.log(`dashboard view, ${name}: p50 ${fmt.format(percentile(times, 50))} ms, p95 ${fmt.format(percentile(times, 95))} ms (${rounds} rounds; target well under 1,000 ms)`);
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
