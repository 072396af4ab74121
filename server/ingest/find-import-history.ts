import "server-only";
import type { BatchCounts } from "./write-batch.ts";
import { IMPORT_HISTORY_PAGE_SIZE } from "@/lib/imports.ts";
import { db } from "@/server/db/client.ts";
import type { ImportChannel } from "@/server/db/generated/enums.ts";

interface HistoryEntryBase {
  id: string;
  /** When the batch was written, or the attempt started. */
  at: Date;
  source: string;
  period: string;
  channel: ImportChannel;
  fileName: string | null;
  /** Null for an attempt refused before its file was hashed. */
  fileSha256: string | null;
  actorUsername: string;
}

/** A delivery that was imported: its rows are in `source_record`. */
export interface ImportedBatchEntry extends HistoryEntryBase, BatchCounts {
  kind: "batch";
  fileSha256: string;
  hasRejectReport: boolean;
}

/** An attempt that produced no batch (yet): still running, refused, or failed. */
export interface UnfinishedJobEntry extends HistoryEntryBase {
  kind: "job";
  status: "RUNNING" | "REFUSED" | "FAILED";
  phase: string;
  rowsRead: number;
  message: string | null;
}

export type ImportHistoryEntry = ImportedBatchEntry | UnfinishedJobEntry;

export interface ImportHistoryPage {
  entries: ImportHistoryEntry[];
  /** The page shown (clamped to the last one). */
  page: number;
  pageCount: number;
  total: number;
}

interface HistoryRow {
  kind: "batch" | "job";
  id: string;
  at: Date;
  source: string;
  period: string;
  channel: ImportChannel;
  file_name: string | null;
  file_sha256: string | null;
  actor_username: string;
  data_rows: number | null;
  accepted: number | null;
  rejected: number | null;
  duplicates: number | null;
  warnings: number | null;
  has_reject_report: boolean | null;
  status: "RUNNING" | "REFUSED" | "FAILED" | null;
  phase: string | null;
  rows_read: number | null;
  message: string | null;
}

/**
 * The import history, newest first: every batch, and every job that did not end in one (still
 * running, refused, failed) so an attempt that left no data is not invisible. Jobs that succeeded
 * are their batch (or, for a file seen before, a no-op) and are not listed twice. Both tables
 * grow by a few rows per delivery, so an exact count and OFFSET paging stay cheap.
 */
export async function findImportHistory({ page = 1, pageSize = IMPORT_HISTORY_PAGE_SIZE }: { page?: number; pageSize?: number } = {}): Promise<ImportHistoryPage> {
  const [{ total }] = await db.$queryRaw<[{ total: number }]>`
    SELECT ((SELECT count(*) FROM import_batch) + (SELECT count(*) FROM import_job WHERE status <> 'SUCCEEDED'))::int AS total`;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const shown = Math.min(Math.max(1, Math.trunc(page)), pageCount);

  const rows = await db.$queryRaw<HistoryRow[]>`
    SELECT * FROM (
      SELECT 'batch' AS kind, b.id::text AS id, b.created_at AS at, b.source, b.period, b.channel,
             b.file_name, b.file_sha256, b.actor_username,
             b.data_rows, b.accepted, b.rejected, b.duplicates, b.warnings, (b.reject_report IS NOT NULL) AS has_reject_report,
             NULL::text AS status, NULL::text AS phase, NULL::int AS rows_read, NULL::text AS message
        FROM import_batch b
      UNION ALL
      SELECT 'job', j.id::text, j.created_at, j.source, j.period, j.channel,
             j.file_name, j.file_sha256, j.actor_username,
             NULL, NULL, NULL, NULL, NULL, NULL,
             j.status::text, j.phase, j.rows_read, j.message
        FROM import_job j
       WHERE j.status <> 'SUCCEEDED'
    ) history
    ORDER BY at DESC, id DESC
    LIMIT ${pageSize} OFFSET ${(shown - 1) * pageSize}`;

  return { entries: rows.map(toEntry), page: shown, pageCount, total };
}

function toEntry(row: HistoryRow): ImportHistoryEntry {
  const base: HistoryEntryBase = {
    id: row.id,
    at: row.at,
    source: row.source,
    period: row.period,
    channel: row.channel,
    fileName: row.file_name,
    fileSha256: row.file_sha256,
    actorUsername: row.actor_username,
  };
  if (row.kind === "batch") {
    return {
      ...base,
      kind: "batch",
      fileSha256: row.file_sha256 ?? "",
      dataRows: row.data_rows ?? 0,
      accepted: row.accepted ?? 0,
      rejected: row.rejected ?? 0,
      duplicates: row.duplicates ?? 0,
      warnings: row.warnings ?? 0,
      hasRejectReport: row.has_reject_report ?? false,
    };
  }
  return {
    ...base,
    kind: "job",
    status: row.status ?? "FAILED",
    phase: row.phase ?? "",
    rowsRead: row.rows_read ?? 0,
    message: row.message,
  };
}
