/**
 * The lead export at scale, side by side with its floor: the same rows (the export's own
 * statement, leadExportQuery) written by `psql \copy … csv` to a file, then a CSV and an XLSX
 * through `openLeadExport` — the code /prospek/ekspor and `jangkau export leads` run — into a sink
 * that only counts bytes (the network or the disk is not what is measured). BENCH_EXPORT_ROUNDS
 * (3) rounds of floor, CSV, XLSX in one process, then BENCH_EXPORT_CONCURRENT (4) exports at
 * once (CSV and XLSX alternating); the process's RSS after each export and its peak during each
 * (sampled every 50 ms). Targets: CSV ≤ 2× and XLSX ≤ 4× the floor (median over the rounds),
 * each < 30 s, and memory flat — the RSS after the later rounds and after the concurrent
 * exports within FLAT_MB of the RSS after the first round.
 *
 * The floor runs the statement as the app's export session runs it (BACKGROUND_SESSION_SETTINGS:
 * no parallel workers, which keep the normal priority and starved the pages of `bench:load`), so
 * the ratio is the app's own cost over the same plan; psql with PostgreSQL's defaults (parallel)
 * is printed beside it.
 *
 * `benchLeadExports(client, url)` runs on any loaded database (the lead benchmark's section); run
 * as a script (`npm run bench:export`) it loads BENCH_EXPORT_ROWS × 1.5 synthetic leads of its own
 * into a throwaway embedded PostgreSQL first (~1 minute; BENCH_KEEP_DIR keeps that database).
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import pg from "pg";
import { LEAD_COLUMNS, type LeadExportFormat } from "../../lib/leads/lead-columns.ts";
import type { LeadFilter } from "../../lib/leads/lead-filter.ts";
import { disconnectDb, setDatabaseUrl } from "../../server/db/client.ts";
import { destroyEmbeddedPostgres, ensureEmbeddedPostgres, stopEmbeddedPostgres } from "../../server/db/embedded-postgres.ts";
import { applyMigrations } from "../../server/db/migrate.ts";
import { BACKGROUND_SESSION_SETTINGS } from "../../server/db/background-backend.ts";
import { leadExportQuery, openLeadExport } from "../../server/leads/export-leads.ts";
import { ensureRegionsLoaded } from "../../server/regions/load-regions.ts";

const EXPORT_ROWS = Number(process.env.BENCH_EXPORT_ROWS ?? 200_000);
const ROUNDS = Number(process.env.BENCH_EXPORT_ROUNDS ?? 3);
const CONCURRENT = Number(process.env.BENCH_EXPORT_CONCURRENT ?? 4);
const TARGET_SECONDS = 30;
const TARGET_RATIO: Readonly<Record<LeadExportFormat, number>> = { csv: 2, "csv-id": 2, xlsx: 4 };
// How far the RSS may drift from the first round's and still count as flat: a few buffers and
// V8's heap sizing, well below one export's worth of rows (~70 MB of CSV for 200,000 rows).
const FLAT_MB = 48;
const fmt = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });
const mb = (bytes: number) => `${fmt.format(bytes / 1e6)} MB`;
const run = promisify(execFile);

/** Peak RSS while `work` runs, sampled every 50 ms. */
async function withPeakRss<T>(work: () => Promise<T>): Promise<{ result: T; peak: number }> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  try {
    const result = await work();
    return { result, peak: Math.max(peak, process.memoryUsage().rss) };
  } finally {
    clearInterval(sampler);
  }
}

/** One export through the app's code into a byte-counting sink: seconds, rows, bytes. */
async function appExport(filter: LeadFilter, format: LeadExportFormat): Promise<{ seconds: number; rows: number; bytes: number }> {
  const started = performance.now();
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
  return { seconds: (performance.now() - started) / 1000, rows: summary.rows, bytes };
}

/** The export's statement with its parameters written in, for psql (which \copy cannot bind). */
function inlineParameters(client: pg.Client, sql: string, values: readonly unknown[]): string {
  const literal = (value: unknown): string => {
    if (typeof value === "number") return String(value);
    if (Array.isArray(value)) return `ARRAY[${value.map(literal).join(", ")}]`;
    return client.escapeLiteral(String(value));
  };
  return sql.replace(/\$(\d+)/g, (_, n: string) => literal(values[Number(n) - 1])).replace(/\s+/g, " ");
}

/** The floor: `psql \copy (<the export's statement>) TO <file> csv header`, seconds and bytes. */
async function psqlCopy(url: string, query: string, file: string, settings: Record<string, string> = {}): Promise<{ seconds: number; bytes: number }> {
  const options = Object.entries(settings).map(([name, value]) => `-c ${name}=${value}`).join(" ");
  const started = performance.now();
  await run("psql", [url, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", `\\copy (${query}) TO '${file}' WITH (FORMAT csv, HEADER)`], {
    maxBuffer: 1 << 20,
    env: { ...process.env, PGOPTIONS: options },
  });
  const seconds = (performance.now() - started) / 1000;
  const { size } = await stat(file);
  await rm(file, { force: true });
  return { seconds, bytes: size };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

/** True when every export met its targets. `url` is a connection string psql can use. */
export async function benchLeadExports(client: pg.Client, url: string): Promise<boolean> {
  const filter = await filterOfAbout(client, EXPORT_ROWS);
  const { sql, values } = leadExportQuery({ filter, scope: { kind: "all" }, actorId: null, columns: LEAD_COLUMNS });
  const query = inlineParameters(client, sql, values);
  const scratch = await mkdtemp(path.join(tmpdir(), "jangkau-bench-copy-"));
  console.log(
    `\nlead export: ${fmt.format(EXPORT_ROWS)} rows (leads with workers ≤ ${filter.workersMax ?? "∞"}, every column), ${ROUNDS} rounds then ${CONCURRENT} at once; ` +
      `targets CSV ≤ ${TARGET_RATIO.csv}× and XLSX ≤ ${TARGET_RATIO.xlsx}× psql \\copy, < ${TARGET_SECONDS} s each, RSS flat within ${FLAT_MB} MB`,
  );
  console.log(`  RSS at start ${mb(process.memoryUsage().rss)}`);
  const ratios: Record<LeadExportFormat, number[]> = { csv: [], "csv-id": [], xlsx: [] };
  const rssAfter: number[] = [];
  let ok = true;
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      const floor = await psqlCopy(url, query, path.join(scratch, "floor.csv"), BACKGROUND_SESSION_SETTINGS);
      const parallel = await psqlCopy(url, query, path.join(scratch, "floor.csv"));
      console.log(
        `  round ${round}  psql \\copy      ${fmt.format(floor.seconds).padStart(6)} s  ${mb(floor.bytes).padStart(9)}  (the export's session settings; with PostgreSQL's defaults, parallel: ${fmt.format(parallel.seconds)} s)`,
      );
      for (const format of ["csv", "xlsx"] as LeadExportFormat[]) {
        const { result, peak } = await withPeakRss(() => appExport(filter, format));
        const ratio = result.seconds / floor.seconds;
        ratios[format].push(ratio);
        const rss = process.memoryUsage().rss;
        rssAfter.push(rss);
        const fast = result.seconds < TARGET_SECONDS;
        ok &&= fast;
        console.log(
          `  round ${round}  ${format.toUpperCase().padEnd(5)} ${fmt.format(result.rows).padStart(9)} rows ${fmt.format(result.seconds).padStart(6)} s  ${mb(result.bytes).padStart(9)}  ` +
            `${fmt.format(ratio)}× psql  peak RSS ${mb(peak)}, after ${mb(rss)}${fast ? "" : "  SLOW"}`,
        );
      }
    }
    const formats = Array.from({ length: CONCURRENT }, (_, i): LeadExportFormat => (i % 2 === 0 ? "csv" : "xlsx"));
    const started = performance.now();
    const { result, peak } = await withPeakRss(() => Promise.all(formats.map((format) => appExport(filter, format))));
    const seconds = (performance.now() - started) / 1000;
    const rss = process.memoryUsage().rss;
    rssAfter.push(rss);
    console.log(
      `  ${CONCURRENT} at once (${formats.map((f) => f.toUpperCase()).join(", ")}): ${fmt.format(seconds)} s, ${result.map((r) => fmt.format(r.rows)).join(" / ")} rows; ` +
        `peak RSS ${mb(peak)}, after ${mb(rss)}`,
    );
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  for (const format of ["csv", "xlsx"] as LeadExportFormat[]) {
    const ratio = median(ratios[format]);
    const met = ratio <= TARGET_RATIO[format];
    ok &&= met;
    console.log(`  ${format.toUpperCase()}: median ${fmt.format(ratio)}× psql \\copy (rounds: ${ratios[format].map((r) => `${fmt.format(r)}×`).join(", ")}) — target ≤ ${TARGET_RATIO[format]}×: ${met ? "met" : "NOT MET"}`);
  }
  const drift = Math.max(...rssAfter) - rssAfter[0]!;
  const flat = drift <= FLAT_MB * 1e6;
  ok &&= flat;
  console.log(`  RSS after each export: ${rssAfter.map(mb).join(", ")} — largest rise over the first ${mb(drift)}: ${flat ? "flat" : "NOT FLAT"}`);
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
  // BENCH_KEEP_DIR keeps the database (and its leads) between runs, as bench:load does.
  const keepDir = process.env.BENCH_KEEP_DIR;
  const work = keepDir ?? (await mkdtemp(path.join(tmpdir(), "jangkau-bench-export-")));
  const dataDir = path.join(work, "db");
  try {
    const fresh = !existsSync(path.join(dataDir, "pg"));
    const server = await ensureEmbeddedPostgres({ dataDir, port: 59500 + Math.floor(Math.random() * 300) });
    if (fresh) await applyMigrations(server.ownerUrl);
    await ensureRegionsLoaded({ url: server.ownerUrl });
    setDatabaseUrl(server.url);
    // Bulk loading (indexes dropped and rebuilt, ANALYZE) is the owner's; the app's own code runs as the app role.
    const client = new pg.Client({ connectionString: server.ownerUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM business");
      if (rows[0]!.n === 0) await loadSyntheticLeads(client, Math.ceil(EXPORT_ROWS * 1.5));
      process.exitCode = (await benchLeadExports(client, server.url)) ? 0 : 1;
    } finally {
      await client.end();
    }
  } finally {
    await disconnectDb();
    if (keepDir) await stopEmbeddedPostgres(dataDir);
    else {
      await destroyEmbeddedPostgres(dataDir);
      await rm(work, { recursive: true, force: true });
    }
  }
}
