import "server-only";
import { once } from "node:events";
import type { SourceId } from "@/lib/sources.ts";
import type { AuditActor, AuditEventInput } from "@/server/audit/append-audit-event.ts";
import type { RequestContext } from "@/server/http/request-context.ts";
import { matchHeaders } from "./header-matching.ts";
import { createImportJob, finishImportJob } from "./import-jobs.ts";
import { ImportRefusedError } from "./read/import-refused-error.ts";
import { getSource } from "./sources/index.ts";
import { createStoredFile, removeStoredFile } from "./storage.ts";
import type { RawRow, RowIssue, SourceDefinition } from "./types.ts";
import { DeliveryAlreadyImportedError, findImportedBatch, writeBatch, type BatchCounts, type WrittenBatch } from "./write-batch.ts";

/** One API record: a column's key, label or alias → its value (null = empty). */
export type RecordValues = Readonly<Record<string, string | number | null>>;

export interface ImportRecordsOptions {
  source: SourceId;
  period: string;
  records: readonly RecordValues[];
  /** The delivery as kept in storage and hashed for the batch's identity (canonical JSON). */
  body: { text: string; sha256: string };
  actor: AuditActor;
  context: RequestContext;
  onRejected?: (index: number, issues: readonly RowIssue[]) => void;
  /** Audit events to commit with the batch (see writeBatch). */
  alsoAudit?: (batch: { batchId: string; counts: BatchCounts }) => AuditEventInput[];
  /** An import job created beforehand (a queued partner batch, whose status URL reads it). */
  jobId?: string;
}

export interface RecordsImportSummary extends BatchCounts {
  status: "imported" | "already-imported";
  batchId: string;
  jobId: string;
  source: SourceId;
  period: string;
  sha256: string;
  rejectReport: string | null;
  /** Record keys that name no column of the source (ignored). Empty for `already-imported`. */
  unknownColumns: string[];
}

/**
 * Imports a partner's JSON records through the same pipeline as files (writeBatch): the same
 * header matching, normalization, reject accounting and atomic batch. The keys used across the
 * records play the part of a file's header row; a record's index in the array is its line (0 for
 * the first), in the reject report and in `source_record.line`. The same records again (same
 * canonical body) are `already-imported`.
 */
export async function importRecords(options: ImportRecordsOptions): Promise<RecordsImportSummary> {
  const { source, period } = options;
  const job = options.jobId ?? (await createImportJob({ source, period, channel: "API", fileName: null, actor: options.actor }));
  let storedFile: string | null = null;
  try {
    const existing = await findImportedBatch(source, options.body.sha256);
    if (existing) return await alreadyImported(job, existing);

    const { header, rows } = recordsAsRows(options.records, getSource(source));
    storedFile = await storeBody(options.body.text);
    let batch: WrittenBatch;
    try {
      batch = await writeBatch({
        source,
        period,
        channel: "API",
        actor: options.actor,
        context: options.context,
        delivery: { fileName: null, sha256: options.body.sha256, size: Buffer.byteLength(options.body.text), storedFile },
        jobId: job,
        header,
        rows,
        onRejected: options.onRejected,
        alsoAudit: options.alsoAudit,
      });
    } catch (error) {
      // The same records sent twice at once: the second waits for the first to commit, then is
      // simply already imported.
      const first = error instanceof DeliveryAlreadyImportedError ? await findImportedBatch(source, options.body.sha256) : null;
      if (!first) throw error;
      await removeStoredFile(storedFile);
      storedFile = null;
      return await alreadyImported(job, first);
    }
    await finishImportJob(job, { status: "SUCCEEDED", batchId: batch.batchId, fileSha256: options.body.sha256 });
    return { status: "imported", jobId: job, source, period, sha256: options.body.sha256, ...batch };
  } catch (error) {
    await removeStoredFile(storedFile);
    const refused = error instanceof ImportRefusedError;
    await finishImportJob(job, {
      status: refused ? "REFUSED" : "FAILED",
      message: refused ? error.message : `Impor gagal: ${error instanceof Error ? error.message : String(error)}`,
    }).catch(() => undefined);
    throw error;
  }
}

/** How an import job of records already imported ends: the batch is the earlier one. */
export const RECORDS_ALREADY_IMPORTED = "Data ini sudah pernah diimpor.";

async function alreadyImported(job: string, existing: NonNullable<Awaited<ReturnType<typeof findImportedBatch>>>): Promise<RecordsImportSummary> {
  await finishImportJob(job, { status: "SUCCEEDED", batchId: existing.id, fileSha256: existing.fileSha256, message: RECORDS_ALREADY_IMPORTED });
  return {
    status: "already-imported",
    batchId: existing.id,
    jobId: job,
    source: existing.source as SourceId,
    period: existing.period,
    sha256: existing.fileSha256,
    dataRows: existing.dataRows,
    accepted: existing.accepted,
    rejected: existing.rejected,
    duplicates: existing.duplicates,
    warnings: existing.warnings,
    rejectReport: existing.rejectReport,
    unknownColumns: [],
  };
}

/**
 * The records as a header row and data rows. Each column gets one header cell — the first key
 * that named it — and every record's value for it, whichever of the column's names that record
 * used. A record naming one column twice ("npwp" and "NPWP") is ambiguous, as a file with two
 * such columns is: the whole call is refused.
 */
export function recordsAsRows(records: readonly RecordValues[], definition: SourceDefinition): { header: string[]; rows: AsyncIterable<RawRow> } {
  const columnOfKey = new Map<string, string | null>();
  const header: string[] = [];
  const unknown: string[] = [];
  const positionOfColumn = new Map<string, number>();
  records.forEach((record, index) => {
    const columnsHere = new Map<string, string>();
    for (const key of Object.keys(record)) {
      let column = columnOfKey.get(key);
      if (column === undefined) {
        column = matchHeaders([key], definition).keyByIndex[0] ?? null;
        columnOfKey.set(key, column);
        if (column === null) unknown.push(key);
      }
      if (column === null) continue;
      const earlier = columnsHere.get(column);
      if (earlier !== undefined) {
        const label = definition.columns.find((c) => c.key === column)?.label ?? column;
        throw new ImportRefusedError("header", `Rekaman ${index}: kolom ganda: "${earlier}" dan "${key}" sama-sama berarti ${label}`);
      }
      columnsHere.set(column, key);
      if (!positionOfColumn.has(column)) {
        positionOfColumn.set(column, header.length);
        header.push(key);
      }
    }
  });
  // Unknown keys follow the known ones, as extra columns of a file would: writeBatch reports them
  // as unknown, and their values count when telling duplicate records apart.
  const positionOfUnknown = new Map(unknown.map((key, i) => [key, header.length + i]));
  header.push(...unknown);

  async function* rows(): AsyncGenerator<RawRow> {
    for (let index = 0; index < records.length; index++) {
      const record = records[index]!;
      const cells = new Array<string>(header.length).fill("");
      for (const [key, value] of Object.entries(record)) {
        const column = columnOfKey.get(key);
        const position = column ? positionOfColumn.get(column) : positionOfUnknown.get(key);
        if (position !== undefined) cells[position] = cellText(value);
      }
      yield { line: index, cells };
    }
  }
  return { header, rows: rows() };
}

function cellText(value: string | number | null): string {
  if (value === null) return "";
  return typeof value === "number" ? String(value) : value;
}

async function storeBody(text: string): Promise<string> {
  const file = await createStoredFile("raw", "json");
  try {
    if (!file.stream.write(text)) await once(file.stream, "drain");
    file.stream.end();
    await once(file.stream, "close");
    return file.name;
  } catch (error) {
    file.stream.destroy();
    await removeStoredFile(file.name);
    throw error;
  }
}
