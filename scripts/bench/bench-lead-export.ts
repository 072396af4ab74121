/**
 * The lead export at scale: a 200,000-row CSV and XLSX through
 * `openLeadExport` — the code /prospek/ekspor and `jangkau export leads` run — into a sink that
 * only counts bytes (the network or the disk is not what is measured). Prints seconds, MB written
 * and the process's peak RSS during each export (sampled every 50 ms); target < 30 s each, with
 * memory flat however many rows there are (compare BENCH_EXPORT_ROWS=50000).
 *
 * `benchLeadExports(client)` runs on any loaded database (the lead benchmark's section); run as a
 * script (`npm run bench:export`) it loads BENCH_EXPORT_ROWS × 1.5 synthetic leads of its own into
 * a throwaway embedded PostgreSQL first (~1 minute).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { pathToFileURL } from "node:url";
import pg from "pg";
import type { LeadExportFormat } from "../../lib/leads/lead-columns.ts";
import type { LeadFilter } from "../../lib/leads/lead-filter.ts";
import { disconnectDb, setDatabaseUrl } from "../../server/db/client.ts";
import { destroyEmbeddedPostgres, ensureEmbeddedPostgres } from "../../server/db/embedded-postgres.ts";
import { applyMigrations } from "../../server/db/migrate.ts";
import { openLeadExport } from "../../server/leads/export-leads.ts";
import { ensureRegionsLoaded } from "../../server/regions/load-regions.ts";

const EXPORT_ROWS = Number(process.env.BENCH_EXPORT_ROWS ?? 200_000);
const TARGET_SECONDS = 30;
const fmt = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });

/** True when every export met the target. */
export async function benchLeadExports(client: pg.Client): Promise<boolean> {
  const filter = await filterOfAbout(client, EXPORT_ROWS);
  console.log(`\nlead export: ${fmt.format(EXPORT_ROWS)} rows (leads with workers ≤ ${filter.workersMax ?? "∞"}, every column), target < ${TARGET_SECONDS} s each`);
  let ok = true;
  for (const format of ["csv", "xlsx"] as LeadExportFormat[]) {
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    const started = performance.now();
    try {
      const opened = await openLeadExport({
        filter,
        scope: { kind: "all" },
        actorId: null,
        format,
        maxRows: 1_000_000,
        actor: { id: null, username: "bench", role: "CLI" },
        context: { ip: null, userAgent: "bench-leads", requestId: null },
        fileName: `bench.${format}`,
      });
      let bytes = 0;
      const sink = new Writable({
        write(chunk: Buffer, _encoding, callback) {
          bytes += chunk.byteLength;
          callback();
        },
      });
      const summary = await opened.writeTo(sink);
      const seconds = (performance.now() - started) / 1000;
      peak = Math.max(peak, process.memoryUsage().rss);
      const fast = seconds < TARGET_SECONDS;
      ok &&= fast;
      console.log(
        `  ${format.toUpperCase().padEnd(5)} ${fmt.format(summary.rows).padStart(9)} rows  ${fmt.format(seconds).padStart(6)} s  ${fmt.format(bytes / 1e6).padStart(7)} MB  ` +
          `peak RSS ${fmt.format(peak / 1e6)} MB (${fmt.format(rssBefore / 1e6)} MB before)  ${fast ? "ok" : "SLOW"}`,
      );
    } finally {
      clearInterval(sampler);
    }
  }
  return ok;
}

/**
 * A real filter (workers ≤ n) holding at least `rows` leads: the worker count at that rank among
 * the leads sorted by it. With fewer leads than `rows`, every lead.
 */
export async function filterOfAbout(client: pg.Client, rows: number): Promise<LeadFilter> {
  const { rows: found } = await client.query<{ workers: number | null }>(
    `SELECT worker_count AS workers FROM business WHERE is_lead AND worker_count IS NOT NULL ORDER BY worker_count OFFSET $1::int - 1 LIMIT 1`,
    [rows],
  );
  const workers = found[0]?.workers;
  return workers == null ? {} : { workersMax: workers };
}

/** Leads spread over every village, every column filled as a partner delivery would fill it. */
async function loadSyntheticLeads(client: pg.Client, count: number): Promise<void> {
  await client.query("CREATE TEMP TABLE bench_village AS SELECT row_number() OVER (ORDER BY code) AS n, code FROM region WHERE level = 'VILLAGE'");
  await client.query(
    `INSERT INTO business (id, name, name_core, legal_form, npwp, nib, province_code, regency_code, district_code, village_code,
       address, postcode, phone, email, worker_count, registered_workers, worker_gap, business_scale, kbli, status, is_lead,
       priority, sources, latest_period, record_count, match_run_id)
     SELECT g, 'PT SINAR JAYA ' || g, 'SINAR JAYA ' || g, 'PT', lpad((g::bigint * 7919)::text, 16, '0'), lpad((g::bigint * 104729)::text, 13, '0'),
       split_part(v.code, '.', 1), substr(v.code, 1, 5), substr(v.code, 1, 8), v.code, 'Jl. Merdeka No. ' || (g % 200) || ' RT 01 RW 02',
       '40111', '+6222' || (1000000 + g % 8999999), 'info' || g || '@usaha.co.id', (g % 500) + 1, NULL, (g % 500) + 1, 'MIKRO', '47111',
       'BELUM_TERDAFTAR', true, g % 100, ARRAY['kemnaker-bu', 'ahu-entitas'], '2025-S2', 2, 1
     FROM generate_series(1, $1::int) g
     JOIN bench_village v ON v.n = 1 + (g::bigint * 31) % (SELECT count(*) FROM bench_village)`,
    [count],
  );
  await client.query("ANALYZE business");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const work = await mkdtemp(path.join(tmpdir(), "jangkau-bench-export-"));
  const dataDir = path.join(work, "db");
  try {
    const server = await ensureEmbeddedPostgres({ dataDir, port: 59500 + Math.floor(Math.random() * 300) });
    await applyMigrations(server.ownerUrl);
    await ensureRegionsLoaded({ url: server.ownerUrl });
    setDatabaseUrl(server.url);
    // Bulk loading (indexes dropped and rebuilt, ANALYZE) is the owner's; the app's own code runs as the app role.
    const client = new pg.Client({ connectionString: server.ownerUrl });
    await client.connect();
    try {
      await loadSyntheticLeads(client, Math.ceil(EXPORT_ROWS * 1.5));
      process.exitCode = (await benchLeadExports(client)) ? 0 : 1;
    } finally {
      await client.end();
    }
  } finally {
    await disconnectDb();
    await destroyEmbeddedPostgres(dataDir);
    await rm(work, { recursive: true, force: true });
  }
}
