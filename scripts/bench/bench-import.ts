/**
 * `npm run bench:import`: builds a 1,000,000-row kemnaker-bu file (BENCH_ROWS to change), times
 * a plain COPY of it into an unindexed all-text table (the floor), then real imports in separate
 * processes (as the app role, like the app), once per worker-thread count of BENCH_THREADS
 * (default "0,1,2": the rows validated in the importing thread, then in one worker thread, then
 * two), each of a copy of the file that
 * differs only in trailing empty lines (so it is no "already imported"). Then the copy floor:
 * COPYing the rows the import stored back into source_record (rolled back) — the database's own
 * share, which no speed-up of the Node side can go below — and the same with what the import
 * could store less of (decisions in docs/importing.md): no `raw` at all, `extra` with its empty
 * keys, and COPY in binary instead of text.
 * Targets: each import within 2× the copy floor, peak RSS under 500 MB.
 */
import { appendFile, copyFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { writeKemnakerBenchmarkFile } from "../../server/demo/demo-data/index.ts";
import { destroyEmbeddedPostgres, ensureEmbeddedPostgres } from "../../server/db/embedded-postgres.ts";
import { applyMigrations } from "../../server/db/migrate.ts";
import { RECORD_COLUMNS } from "../../server/ingest/write-batch.ts";
import { ensureRegionsLoaded } from "../../server/regions/load-regions.ts";
import { copyFloor } from "./copy-floor.ts";
import { copyStoredRows } from "./copy-stored-rows.ts";
import { runImport, type ChildResult } from "./run-import.ts";

/** Every key kemnaker-bu writes to `extra`, as a jsonb object (for the "with empty keys" variant). */
const EXTRA_KEYS = `'{"contactName": null, "contactPhone": null, "businessActivity": null}'::jsonb`;
const TARGET_RATIO = 2;
const TARGET_RSS_MB = 500;
const rows = Number(process.env.BENCH_ROWS) || 1_000_000;
const threadCounts = (process.env.BENCH_THREADS ?? "0,1,2").split(",").map(Number);
const work = await mkdtemp(path.join(tmpdir(), "jangkau-bench-import-"));
const server = await ensureEmbeddedPostgres({ dataDir: path.join(work, "db"), port: 56000 + Math.floor(Math.random() * 2000) });
const fmt = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });

try {
  await applyMigrations(server.ownerUrl);
  await ensureRegionsLoaded({ url: server.ownerUrl });

  const file = path.join(work, "kemnaker-bu.csv");
  const generated = await writeKemnakerBenchmarkFile({ rows, path: file });
  console.log(`file: ${fmt.format(rows)} rows, ${fmt.format(generated.bytes / 1e6)} MB (generated in ${fmt.format(generated.seconds)} s)`);

  const floorSeconds = await copyFloor(server.ownerUrl, file);
  console.log(`floor  plain COPY into an unindexed text table: ${fmt.format(floorSeconds)} s (${fmt.format(rows / floorSeconds)} rows/s)`);

  const imports: { threads: number; result: ChildResult }[] = [];
  for (const [i, threads] of threadCounts.entries()) {
    const variant = path.join(work, `kemnaker-bu-${i}.csv`);
    await copyFile(file, variant);
    await appendFile(variant, "\n".repeat(i + 1));
    const result = await runImport(server.url, variant, work, "kemnaker-bu", "2025-S2", { JANGKAU_IMPORT_THREADS: String(threads) });
    await rm(variant);
    imports.push({ threads, result });
    const { seconds, maxRssMb, cpuSeconds, summary } = result;
    console.log(
      `import, ${threadLabel(threads)}: ${fmt.format(seconds)} s (${fmt.format(rows / seconds)} rows/s), ${fmt.format(seconds / floorSeconds)}× the floor, ` +
        `peak RSS ${fmt.format(maxRssMb)} MB, CPU ${fmt.format(cpuSeconds)} s`,
    );
    console.log(
      `       accepted ${fmt.format(summary.accepted)}, rejected ${fmt.format(summary.rejected)}, duplicates ${fmt.format(summary.duplicates)}, warnings ${fmt.format(summary.warnings)}`,
    );
  }

  const batchId = imports.at(-1)!.result.summary.batchId;
  const columns = RECORD_COLUMNS.join(", ");
  const stored = await copyStoredRows(server.url, batchId, path.join(work, "stored.copy"));
  console.log(
    `copy floor: COPY of the ${fmt.format(stored.megabytes)} MB of rows the import stored, into source_record (indexes included): ` +
      `${fmt.format(stored.seconds)} s, ${fmt.format(stored.seconds / floorSeconds)}× the floor`,
  );
  // Each variant into a fresh copy of source_record (same columns, defaults and indexes; made by
  // the owner, as the app role may create no table): COPYs rolled back one after the other would
  // each find the table more bloated than the last.
  const variant = async (what: string, select: string, format = "") => {
    const result = await copyStoredRows(server.ownerUrl, batchId, path.join(work, `${what}.copy`), { select, format, into: { table: "bench_variant", indexes: true } });
    console.log(`       ${what}: ${fmt.format(result.megabytes)} MB, ${fmt.format(result.seconds)} s`);
  };
  console.log("variants, each into an empty copy of source_record:");
  await variant("as stored", columns);
  await variant("without raw", columns.replace(/\braw$/, "'{}'::text[]"));
  await variant("with extra's empty keys", columns.replace(/\bextra\b/, `(SELECT jsonb_object_agg(k, NULL) FROM jsonb_each(${EXTRA_KEYS}) AS e(k, v)) || extra`));
  await variant("as stored, binary COPY", columns, "(FORMAT binary)");

  let ok = true;
  for (const { threads, result } of imports) {
    const ratio = result.seconds / stored.seconds;
    ok &&= ratio <= TARGET_RATIO && result.maxRssMb < TARGET_RSS_MB;
    console.log(`import, ${threadLabel(threads)}: ${fmt.format(ratio)}× the copy floor, peak RSS ${fmt.format(result.maxRssMb)} MB`);
  }
  console.log(`targets (≤ ${TARGET_RATIO}× the copy floor, RSS < ${TARGET_RSS_MB} MB): ${ok ? "met" : "NOT met"}`);
  process.exitCode = ok ? 0 : 1;
} finally {
  await destroyEmbeddedPostgres(path.join(work, "db"));
  await rm(work, { recursive: true, force: true });
}

function threadLabel(threads: number): string {
  return threads === 0 ? "validated in the importing thread" : `${threads} worker thread${threads === 1 ? "" : "s"}`;
}
