import "server-only";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { databaseUrl } from "@/server/db/client.ts";
import { holdLivenessLock } from "@/server/db/liveness-lock.ts";
import type { TableCell, TableFileWriter } from "./table-file.ts";

/**
 * How an audited download streams rows from PostgreSQL into a file (server/exports/table-file.ts),
 * shared by the lead exports and the one-business worker export: a server-side cursor in one
 * read-only REPEATABLE READ transaction on a connection of its own (one consistent snapshot: a
 * count taken first and the rows agree), fetched FETCH_ROWS at a time while the previous batch is
 * written, with backpressure all the way to the reader, so memory stays flat whatever the row count.
 *
 * The audit trail follows every file: a start event (with a fresh export id) before the first
 * row, while the export holds its liveness lock (server/db/liveness-lock.ts) so that a process
 * killed mid-file is recognised at the next start (server/leads/fail-interrupted-exports.ts);
 * an end event — SUCCESS with the rows and the file's SHA-256, written before the file's last
 * chunk is released, or FAILURE with the rows and bytes sent so far.
 */

// Rows per FETCH: one round trip per ~1 MB, and two batches in memory at most.
const FETCH_ROWS = 2_000;
// A reader that neither reads nor goes away holds a connection and a snapshot: PostgreSQL ends
// the session after this long without a FETCH, and the export fails (audited) instead.
const STALLED_READER_TIMEOUT = "10min";
const CURSOR = "table_export";

/**
 * A connection in a read-only snapshot, for the caller's own queries (a count) before
 * `declareExportCursor`. The caller ends it (`client.end()`) when it gives up before writing.
 */
export async function openExportSnapshot(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: databaseUrl() });
  // A connection lost between two queries (the stall timeout, a restart) surfaces through the next
  // query; unheard, the client's 'error' event would bring the whole server down.
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    // A cursor is planned for its first tenth by default (a fast-start plan: walk an index in
    // the sort's order, filtering as it goes); an export reads every row, so plan for all of them.
    await client.query(`SET LOCAL idle_in_transaction_session_timeout = '${STALLED_READER_TIMEOUT}'; SET LOCAL cursor_tuple_fraction = 1`);
    return client;
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
}

/** Declares the rows the file will hold (in their order) on the snapshot's connection. */
export async function declareExportCursor(client: pg.ClientBase, sql: string, values: readonly unknown[]): Promise<void> {
  await client.query(`DECLARE ${CURSOR} NO SCROLL CURSOR FOR ${sql}`, values as unknown[]);
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
 * Writes the declared cursor's rows into `file` (each turned into cells by `cells`), audits the
 * file and commits it. Ends the connection either way; the reader gets a complete file only when
 * its SUCCESS record is stored.
 */
export async function writeCursorToFile(
  client: pg.Client,
  file: TableFileWriter,
  cells: (row: unknown[]) => readonly TableCell[],
  audit: ExportAudit,
): Promise<WrittenExport> {
  const exportId = randomUUID();
  const fetchBatch = () => client.query<unknown[]>({ text: `FETCH FORWARD ${FETCH_ROWS} FROM ${CURSOR}`, rowMode: "array" }).then((r) => r.rows);
  try {
    // The lock first: a start event is never seen without a live holder.
    await holdLivenessLock(client, "export", exportId);
    await audit.start({ exportId });
    // The next batch is fetched while this one is written.
    const prefetch = () => {
      const batch = fetchBatch();
      batch.catch(() => undefined); // awaited below; a failure after an abort is nobody's
      return batch;
    };
    let next = prefetch();
    for (;;) {
      const batch = await next;
      if (batch.length === FETCH_ROWS) next = prefetch();
      for (const row of batch) await file.add(cells(row));
      if (batch.length < FETCH_ROWS) break;
    }
    await file.end();
    await client.query("COMMIT");
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    file.abort(failure);
    await client.end().catch(() => undefined);
    await audit.end("FAILURE", { exportId, rows: file.rows, bytes: file.bytes }, failure.message).catch(() => undefined);
    throw failure;
  }
  await client.end().catch(() => undefined);

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
