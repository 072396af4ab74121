/**
 * The database's own share of an import: the rows an import stored, COPYed back into
 * `source_record` the way an import writes them (same columns and indexes, one transaction, rolled
 * back). No speed-up of the Node side can take an import below it. Shared by `bench:import` and
 * `bench:workers`.
 */
import { createReadStream, createWriteStream, existsSync, readFileSync } from "node:fs";
import { rm, stat } from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import { RECORD_COLUMNS } from "../../server/ingest/write-batch.ts";

export interface StoredRowsCopy {
  seconds: number;
  megabytes: number;
  /** CPU seconds of the PostgreSQL backend that took the COPY; null when its /proc entry is not readable (a remote server). */
  backendCpuSeconds: number | null;
}

export interface CopyStoredRowsOptions {
  /** The select list written out (default: the columns an import writes, as stored). */
  select?: string;
  /** COPY options, the same out and in: "(FORMAT binary)". */
  format?: string;
  /** A fresh copy of source_record, made in the transaction, to COPY into instead of source_record itself (needs the owner). */
  into?: { table: string; indexes: boolean };
}

/**
 * Writes the batch's stored rows out in COPY format (once, into `file`, which the call removes),
 * then times COPYing them back as an import does: into source_record, or into a fresh copy of it,
 * in a transaction that is rolled back.
 */
export async function copyStoredRows(url: string, batchId: string, file: string, options: CopyStoredRowsOptions = {}): Promise<StoredRowsCopy> {
  const { select = RECORD_COLUMNS.join(", "), format = "", into } = options;
  const table = into?.table ?? "source_record";
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    if (!existsSync(file)) {
      await pipeline(
        client.query(copyTo(`COPY (SELECT ${select} FROM source_record WHERE batch_id = '${batchId}') TO STDOUT ${format}`)),
        createWriteStream(file),
      );
    }
    const { size } = await stat(file);
    const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
    const backendCpu = () => processCpuSeconds(rows[0]!.pid);
    await client.query("BEGIN");
    if (into) await client.query(`CREATE TABLE ${into.table} (LIKE source_record INCLUDING DEFAULTS${into.indexes ? " INCLUDING INDEXES" : ""})`);
    const cpuBefore = backendCpu();
    const started = performance.now();
    await pipeline(createReadStream(file), client.query(copyFrom(`COPY ${table} (${RECORD_COLUMNS.join(", ")}) FROM STDIN ${format}`)));
    const seconds = (performance.now() - started) / 1000;
    const cpuAfter = backendCpu();
    await client.query("ROLLBACK");
    return { seconds, megabytes: size / 1e6, backendCpuSeconds: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore };
  } finally {
    await client.end();
    await rm(file, { force: true });
  }
}

/** User + system CPU seconds of a local process (Linux clock ticks, 100 a second); null where /proc cannot say. */
function processCpuSeconds(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}
