import "server-only";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { config } from "@/server/config.ts";
import { databaseUrl } from "@/server/db/client.ts";
import { readDatabaseUrl } from "@/server/db/read-db.ts";
import { runAsBackgroundBackend } from "@/server/db/background-backend.ts";
import { copyOutBatches, copyOutLines, inlineSqlParameters } from "@/server/db/copy-out.ts";
import { holdLivenessLock } from "@/server/db/liveness-lock.ts";
import type { CsvDialect } from "./csv.ts";
import { eventLoopTurns } from "./event-loop-turns.ts";
import type { TableCell, TableFileWriter } from "./table-file.ts";
import type { XlsxRow } from "./xlsx.ts";

/**
 * How an audited download streams rows from PostgreSQL into a file (server/exports/table-file.ts),
 * shared by the lead exports and the one-business worker export: `COPY (<query>) TO STDOUT` in one
 * read-only REPEATABLE READ transaction on a connection of its own (one consistent snapshot: a
 * count taken first and the rows agree), with backpressure all the way to the reader — the
 * connection is paused while the file catches up — so memory stays flat whatever the row count.
 * COPY rather than a cursor: its text rows are decoded a network chunk at a time, where FETCH
 * built each cell of each row separately; with it a CSV export went from 3.8 to 2.3 times the time of
 * `psql \copy` of the same rows. Cells arrive as COPY's text (numbers as digits, booleans `t`/`f`).
 * A CSV or XLSX file may take COPY's text lines instead (`ExportLineWriters`) and skip the cell
 * arrays: what is left of a large export's time is Node's per-row work.
 *
 * The audit trail follows every file: a start event (with a fresh export id) before the first
 * row, while the export holds its liveness lock (server/db/liveness-lock.ts) so that a process
 * killed mid-file is recognised at the next start (server/leads/fail-interrupted-exports.ts);
 * an end event — SUCCESS with the rows and the file's SHA-256, written before the file's last
 * chunk is released, or FAILURE with the rows and bytes sent so far.
 */

/**
 * A reader that neither reads nor goes away (a browser tab left open on a stalled download, a
 * file on a hung network share) holds a connection and a snapshot: after this long without a row
 * written the COPY is cancelled and the export fails (audited) instead. The same limit ends a
 * connection left idle in its transaction (a caller that never writes).
 * JANGKAU_EXPORT_STALL_SECONDS, 600 by default.
 */
function stalledReaderMs(): number {
  return config().JANGKAU_EXPORT_STALL_SECONDS * 1000;
}

/**
 * A connection in a read-only snapshot, for the caller's own queries (a count) before
 * `writeExportFile`. The caller ends it (`client.end()`) when it gives up before writing.
 */
export async function openExportSnapshot(): Promise<pg.Client> {
  const url = await readDatabaseUrl();
  const client = new pg.Client({ connectionString: url });
  if (url !== databaseUrl()) snapshotsOnReplica.add(client);
  // A connection lost between two queries (the stall timeout, a restart) surfaces through the next
  // query; unheard, the client's 'error' event would bring the whole server down.
  client.on("error", () => undefined);
  try {
    await client.connect();
    // One user's bulk read: the other users' pages come first.
    await runAsBackgroundBackend(client);
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    await client.query(`SET LOCAL idle_in_transaction_session_timeout = '${stalledReaderMs()}ms'`);
    return client;
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
}

/**
 * Snapshots read on the replica (server/db/read-db.ts). Their liveness lock is held on a primary
 * connection of its own: the sweep that fails interrupted exports looks for it on the primary.
 */
const snapshotsOnReplica = new WeakSet<pg.Client>();

async function lockConnection(snapshot: pg.Client): Promise<pg.Client> {
  if (!snapshotsOnReplica.has(snapshot)) return snapshot;
  const client = new pg.Client({ connectionString: databaseUrl() });
  client.on("error", () => undefined);
  await client.connect();
  return client;
}

/** The rows a file holds, in their order: a query on the snapshot's connection and its parameters. */
export interface ExportRows {
  sql: string;
  values: readonly unknown[];
}

export interface ExportAudit {
  /** The file begins: recorded before its first row. */
  start(details: { exportId: string }): Promise<void>;
  /** The file ended: SUCCESS with rows and SHA-256, or FAILURE with what was sent and why. */
  end(outcome: "SUCCESS" | "FAILURE", details: { exportId: string; rows: number } & ({ sha256: string } | { bytes: number }), reason?: string): Promise<void>;
}

export interface WrittenExport {
  rows: number;
  bytes: number;
  /** SHA-256 of the bytes written, hex. */
  sha256: string;
}

/**
 * COPY text lines (server/db/copy-out.ts `copyOutLines`) straight to the CSV lines of a file in
 * `dialect`, for a CSV file: it must write exactly what `cells` and the file's CSV writer would
 * write for the same rows, without the cell arrays in between.
 */
export type CsvLinesWriter = (dialect: CsvDialect) => (lines: readonly string[]) => string;

/**
 * COPY text lines straight to the encoded cells of an XLSX row (xlsx.ts `XlsxRow`, the same
 * object for every line of a file), for an XLSX file: the cells `cells` would give for the same
 * row, encoded as the sheet writes them.
 */
export type XlsxLineWriter = () => (line: string) => XlsxRow;

/** Writers that take COPY's text lines as they come, per format, instead of cell arrays. */
export interface ExportLineWriters {
  csv?: CsvLinesWriter;
  xlsx?: XlsxLineWriter;
}

/**
 * Writes `rows` into `file` (each row turned into cells by `cells`; through the writer of
 * `lines` for the file's format when given), audits the file and commits it. Ends the
 * connection either way; the reader gets a complete file only when its SUCCESS record is stored.
 */
export async function writeExportFile(
  client: pg.Client,
  rows: ExportRows,
  file: TableFileWriter,
  cells: (row: (string | null)[]) => readonly TableCell[],
  audit: ExportAudit,
  lines?: ExportLineWriters,
): Promise<WrittenExport> {
  const exportId = randomUUID();
  let lockHolder: pg.Client | null = null;
  const end = async () => {
    await client.end().catch(() => undefined);
    if (lockHolder && lockHolder !== client) await lockHolder.end().catch(() => undefined);
  };
  const stalled = new AbortController();
  const stallMs = stalledReaderMs();
  let watchdog: NodeJS.Timeout | undefined;
  const progress = () => {
    clearTimeout(watchdog);
    watchdog = setTimeout(() => {
      const error = new Error("Pembaca berhenti membaca terlalu lama");
      stalled.abort(error);
      file.abort(error);
    }, stallMs);
    watchdog.unref();
  };
  try {
    const query = inlineSqlParameters(client, rows.sql, rows.values);
    // The lock first: a start event is never seen without a live holder.
    lockHolder = await lockConnection(client);
    await holdLivenessLock(lockHolder, "export", exportId);
    await audit.start({ exportId });
    progress();
    const toCsvLines = file.csvDialect && lines?.csv ? lines.csv(file.csvDialect) : null;
    const toXlsxRow = file.format === "xlsx" && lines?.xlsx ? lines.xlsx() : null;
    const turn = eventLoopTurns();
    if (toCsvLines) {
      for await (const batch of copyOutLines(client, query, stalled.signal)) {
        const wait = file.addCsvLines(toCsvLines(batch), batch.length);
        if (wait) await wait;
        progress();
        await turn();
      }
    } else if (toXlsxRow) {
      for await (const batch of copyOutLines(client, query, stalled.signal)) {
        for (const line of batch) {
          const wait = file.addXlsxRow(toXlsxRow(line));
          if (wait) await wait;
        }
        progress();
        await turn();
      }
    } else {
      for await (const batch of copyOutBatches(client, query, stalled.signal)) {
        for (const row of batch) {
          const wait = file.add(cells(row));
          if (wait) await wait;
        }
        progress();
        await turn();
      }
    }
    // Still watched: the file's last bytes wait for the reader too.
    await file.end();
    clearTimeout(watchdog);
    await client.query("COMMIT");
  } catch (error) {
    clearTimeout(watchdog);
    const failure = error instanceof Error ? error : new Error(String(error));
    file.abort(failure);
    await end();
    await audit.end("FAILURE", { exportId, rows: file.rows, bytes: file.bytes }, failure.message).catch(() => undefined);
    throw failure;
  }
  await end();

  const written: WrittenExport = { rows: file.rows, bytes: file.bytes, sha256: file.sha256() };
  try {
    await audit.end("SUCCESS", { exportId, rows: written.rows, sha256: written.sha256 });
  } catch (error) {
    file.abort(error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
  await file.commit();
  return written;
}
