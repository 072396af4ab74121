/**
 * `npm run bench:workers [-- --rows N]`: the worker-level flow at national scale.
 *
 * Writes (streaming, to a temporary folder) N kemnaker-tk rows and N bpjs-peserta rows
 * (default 10,000,000) over a world of businesses, with the kemnaker-bu and bpjs-bu rows of those
 * businesses; imports the businesses, then each worker file in a process of its own with the
 * CLI's heap settings (as `npx jangkau import` does), printing rows/s and the import's peak RSS
 * next to a plain COPY of the same file (the floor), and the database's share (the rows it stored,
 * COPYed into an empty copy of source_record) with the CPU a row costs on each side, which bounds
 * what any import could reach on this machine's cores; then runs a full match and prints the time
 * of its worker step ("pekerja") and of the whole run.
 * Targets: import ≥ 150,000 rows/s, peak RSS < 500 MB, worker matching < 5 min. `--skip-match`
 * stops after the imports (to work on the import alone). BENCH_THREADS (default "1,2"): one import
 * of each worker file per validation-thread count, printed side by side; the target is judged on
 * the fastest. BENCH_CPU_PROF=<folder> writes a CPU profile of each import (run-import.ts).
 */
import { appendFile, mkdtemp, rm } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { SYSTEM_ACTOR } from "../../server/audit/system-actor.ts";
import { disconnectDb, setDatabaseUrl } from "../../server/db/client.ts";
import { destroyEmbeddedPostgres, ensureEmbeddedPostgres } from "../../server/db/embedded-postgres.ts";
import { applyMigrations } from "../../server/db/migrate.ts";
import { DEFAULT_PERIOD, DEMO_FILE_LAYOUTS, writeWorkerBenchmarkFiles } from "../../server/demo/demo-data/index.ts";
import { runMatch } from "../../server/matching/run-match.ts";
import { ensureRegionsLoaded } from "../../server/regions/load-regions.ts";
import { copyFloor } from "./copy-floor.ts";
import { copyStoredRows } from "./copy-stored-rows.ts";
import { runImport } from "./run-import.ts";
import { stepSeconds } from "./step-seconds.ts";

const TARGET_ROWS_PER_SECOND = 150_000;
const TARGET_RSS_MB = 500;
const TARGET_WORKER_PASS_SECONDS = 300;

const { values } = parseArgs({ options: { rows: { type: "string" }, "skip-match": { type: "boolean" } } });
const rows = Number((values.rows ?? "10000000").replaceAll("_", ""));
// Validation threads per import (JANGKAU_IMPORT_THREADS), each a run of its own, side by side.
const threadCounts = (process.env.BENCH_THREADS ?? "1,2").split(",").map(Number);
if (!Number.isSafeInteger(rows) || rows < 1) throw new RangeError(`--rows must be a positive whole number (not ${values.rows})`);
const fmt = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });
const work = await mkdtemp(path.join(tmpdir(), "jangkau-bench-workers-"));
const server = await ensureEmbeddedPostgres({ dataDir: path.join(work, "db"), port: 57000 + Math.floor(Math.random() * 1000) });
process.env.JANGKAU_STORAGE_DIR = path.join(work, "storage");
let failed = false;

try {
  await applyMigrations(server.ownerUrl);
  await ensureRegionsLoaded({ url: server.ownerUrl });

  const generated = await writeWorkerBenchmarkFiles({ rows, outDir: path.join(work, "files") });
  console.log(`files (generated in ${fmt.format(generated.seconds)} s, ${fmt.format(generated.businesses)} businesses drawn):`);
  for (const [source, file] of Object.entries(generated.files)) {
    console.log(`  ${source.padEnd(13)} ${fmt.format(file.rows).padStart(12)} rows  ${fmt.format(file.bytes / 1e6).padStart(8)} MB`);
  }

  for (const source of ["kemnaker-bu", "bpjs-bu"] as const) {
    const result = await runImport(server.url, generated.files[source].path, work, source, DEFAULT_PERIOD);
    console.log(`employers: ${source} imported in ${fmt.format(result.seconds)} s (${fmt.format(result.summary.accepted)} accepted)`);
  }

  for (const source of ["kemnaker-tk", "bpjs-peserta"] as const) {
    const file = generated.files[source];
    const floor = await copyFloor(server.ownerUrl, file.path, DEMO_FILE_LAYOUTS[source].delimiter);
    console.log(`\n${source}: ${fmt.format(file.rows)} rows`);
    console.log(`  floor   plain COPY into an unindexed text table: ${fmt.format(floor)} s (${fmt.format(file.rows / floor)} rows/s)`);
    let best = { rate: 0, maxRssMb: Infinity, batchId: "", cpuSeconds: 0 };
    for (const [i, threads] of threadCounts.entries()) {
      // Each run after the first gets one more trailing empty line: a new SHA-256, the same rows.
      if (i > 0) await appendFile(file.path, "\n");
      const env = { JANGKAU_IMPORT_THREADS: String(threads) };
      const { seconds, maxRssMb, cpuSeconds, summary } = await runImport(server.url, file.path, work, source, DEFAULT_PERIOD, env);
      const rate = file.rows / seconds;
      if (rate > best.rate) best = { rate, maxRssMb, batchId: summary.batchId, cpuSeconds };
      const stored = await storedBytes(server.url, summary.batchId);
      console.log(
        `  import, ${String(threads)} validation thread(s): ${fmt.format(seconds)} s (${fmt.format(rate)} rows/s, target ≥ ${fmt.format(TARGET_ROWS_PER_SECOND)}), ` +
          `${fmt.format(seconds / floor)}× the floor, peak RSS ${fmt.format(maxRssMb)} MB (target < ${TARGET_RSS_MB}), ` +
          `CPU ${fmt.format(cpuSeconds)} s; rows stored at ${fmt.format(stored.row)} bytes (raw ${fmt.format(stored.raw)}, extra ${fmt.format(stored.extra)})`,
      );
      console.log(`          accepted ${fmt.format(summary.accepted)}, rejected ${fmt.format(summary.rejected)}, duplicates ${fmt.format(summary.duplicates)}, warnings ${fmt.format(summary.warnings)}`);
    }
    // What PostgreSQL alone needs to take these rows, at best: the rows stored, COPYed into an
    // empty copy of source_record, with its indexes and with none. Beside the import's own CPU a
    // row, it bounds what any import of this file could reach on this machine's cores.
    const nodeMicros = (best.cpuSeconds * 1e6) / file.rows;
    const cores = availableParallelism();
    for (const indexes of [true, false]) {
      const into = { table: "bench_share", indexes };
      const share = await copyStoredRows(server.ownerUrl, best.batchId, path.join(work, `${source}.copy`), { into });
      const databaseMicros = share.backendCpuSeconds === null ? null : (share.backendCpuSeconds * 1e6) / file.rows;
      console.log(
        `  database share, ${indexes ? "with source_record's indexes" : "without any index"}: the ${fmt.format(share.megabytes)} MB of rows stored, ` +
          `COPYed into an empty copy of source_record: ${fmt.format(share.seconds)} s (${fmt.format(file.rows / share.seconds)} rows/s)` +
          (databaseMicros === null
            ? ""
            : `; CPU a row ${fmt.format(databaseMicros)} µs there + ${fmt.format(nodeMicros)} µs in the import's process: ` +
              `at most ${fmt.format((cores * 1e6) / (databaseMicros + nodeMicros))} rows/s with ${cores} cores busy all the time`),
      );
    }
    const ok = best.rate >= TARGET_ROWS_PER_SECOND && best.maxRssMb < TARGET_RSS_MB;
    failed ||= !ok;
    console.log(`  targets (fastest run): ${ok ? "met" : "NOT met"}`);
  }

  if (!values["skip-match"]) {
    setDatabaseUrl(server.url);
    console.log("\nfull match:");
    const lines: string[] = [];
    const summary = await runMatch({
      kind: "FULL",
      actor: SYSTEM_ACTOR,
      log: (message) => {
        lines.push(message);
        console.log(`  ${message}`);
      },
    });
    const workerSeconds = stepSeconds(lines, "pekerja");
    const ok = workerSeconds !== null && workerSeconds < TARGET_WORKER_PASS_SECONDS;
    failed ||= !ok;
    console.log(
      `worker matching ("pekerja"): ${workerSeconds === null ? "not logged" : `${fmt.format(workerSeconds)} s`} (target < ${TARGET_WORKER_PASS_SECONDS} s); ` +
        `whole run ${fmt.format(summary.seconds)} s over ${fmt.format(summary.records)} records, peak RSS of this process ${fmt.format(process.resourceUsage().maxRSS / 1024)} MB`,
    );
    console.log(`  target: ${ok ? "met" : "NOT met"}`);
  }
} finally {
  await disconnectDb();
  await destroyEmbeddedPostgres(path.join(work, "db"));
  await rm(work, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;

/** Average bytes of a batch's stored rows (pg_column_size: as stored, before TOAST), whole and per column. */
async function storedBytes(url: string, batchId: string): Promise<{ row: number; raw: number; extra: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ row: number; raw: number; extra: number }>(
      `SELECT avg(pg_column_size(s.*))::float8 AS row, avg(pg_column_size(s.raw))::float8 AS raw, avg(pg_column_size(s.extra))::float8 AS extra
       FROM source_record s WHERE batch_id = $1`,
      [batchId],
    );
    return rows[0]!;
  } finally {
    await client.end();
  }
}
