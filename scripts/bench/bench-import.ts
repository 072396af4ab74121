/**
 * `npm run bench:import`: builds a 1,000,000-row kemnaker-bu file (BENCH_ROWS to change), times
 * a plain COPY of it into an unindexed all-text table (the floor), then a real import in a
 * separate process (as the app role, like the app), and prints rows/s, the ratio to the floor and
 * the import's peak RSS. Then it times COPYing the rows the import stored back into source_record
 * (rolled back): the database's own share of an import, which no speed-up of the Node side can go
 * below — once as the app does (each row's foreign key checked), once with the check skipped
 * (replica mode, superuser only: what imports did before the app lost its superuser).
 * Targets: within 3× of the floor, peak RSS under 500 MB.
 */
import { createReadStream, createWriteStream, existsSync } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import { writeKemnakerBenchmarkFile } from "../../server/demo/demo-data/index.ts";
import { destroyEmbeddedPostgres, ensureEmbeddedPostgres } from "../../server/db/embedded-postgres.ts";
import { applyMigrations } from "../../server/db/migrate.ts";
import { RECORD_COLUMNS } from "../../server/ingest/write-batch.ts";
import { ensureRegionsLoaded } from "../../server/regions/load-regions.ts";
import { copyFloor } from "./copy-floor.ts";
import { runImport } from "./run-import.ts";

const rows = Number(process.env.BENCH_ROWS) || 1_000_000;
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

  const result = await runImport(server.url, file, work);
  const { seconds, maxRssMb, summary } = result;
  console.log(
    `import ${fmt.format(seconds)} s (${fmt.format(rows / seconds)} rows/s), ${fmt.format(seconds / floorSeconds)}× the floor, peak RSS ${fmt.format(maxRssMb)} MB`,
  );
  console.log(
    `       accepted ${fmt.format(summary.accepted)}, rejected ${fmt.format(summary.rejected)}, duplicates ${fmt.format(summary.duplicates)}, warnings ${fmt.format(summary.warnings)}`,
  );
  const storedFile = path.join(work, "stored.copy");
  const stored = await copyStoredRows(server.url, summary.batchId, storedFile, false);
  console.log(
    `stored rows: COPY of the ${fmt.format(stored.megabytes)} MB the import wrote into source_record (indexes included): ` +
      `${fmt.format(stored.seconds)} s, ${fmt.format(stored.seconds / floorSeconds)}× the floor`,
  );
  const skipped = await copyStoredRows(server.ownerUrl, summary.batchId, storedFile, true);
  console.log(
    `       the same without each row's foreign-key check (superuser, replica mode): ${fmt.format(skipped.seconds)} s — ` +
      `the check costs ${fmt.format(stored.seconds - skipped.seconds)} s, ${fmt.format((100 * (stored.seconds - skipped.seconds)) / seconds)} % of the import`,
  );
  const ok = seconds / floorSeconds <= 3 && maxRssMb < 500;
  console.log(`targets (≤ 3× floor, RSS < 500 MB): ${ok ? "met" : "NOT met"}`);
} finally {
  await destroyEmbeddedPostgres(path.join(work, "db"));
  await rm(work, { recursive: true, force: true });
}

/**
 * Writes the batch's stored rows out in COPY text format (once), then times COPYing them back into
 * source_record the way an import does (same columns, in a transaction that is rolled back);
 * `skipForeignKeys` uses replica mode, which only a superuser may set.
 */
async function copyStoredRows(url: string, batchId: string, file: string, skipForeignKeys: boolean): Promise<{ seconds: number; megabytes: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const columns = RECORD_COLUMNS.join(", ");
  try {
    if (!existsSync(file)) {
      await pipeline(client.query(copyTo(`COPY (SELECT ${columns} FROM source_record WHERE batch_id = '${batchId}') TO STDOUT`)), createWriteStream(file));
    }
    const { size } = await stat(file);
    await client.query("BEGIN");
    if (skipForeignKeys) await client.query("SET LOCAL session_replication_role = replica");
    const started = performance.now();
    await pipeline(createReadStream(file), client.query(copyFrom(`COPY source_record (${columns}) FROM STDIN`)));
    const seconds = (performance.now() - started) / 1000;
    await client.query("ROLLBACK");
    return { seconds, megabytes: size / 1e6 };
  } finally {
    await client.end();
  }
}
