import "server-only";
import { isUuid } from "@/lib/uuid.ts";
import type { BatchCounts } from "./write-batch.ts";
import { db } from "@/server/db/client.ts";
import { isOlderPeriod } from "@/lib/imports.ts";
import type { ImportJobStatus } from "@/server/db/generated/enums.ts";

/**
 * One import job's progress as the upload page polls it: counts, phase and the outcome, no
 * personal data (no rows, no uploader). Plain JSON values: it is sent as is.
 */
export interface ImportJobStatusDto {
  id: string;
  status: ImportJobStatus;
  /** "memeriksa berkas", "membaca dan memvalidasi", "menyimpan", "selesai", "berhenti". */
  phase: string;
  source: string;
  period: string;
  fileName: string | null;
  /** Bytes of the CSV read so far (uncompressed, for a ZIP) and their total once known. */
  bytesRead: number;
  bytesTotal: number | null;
  rowsRead: number;
  /** Why it was refused or failed; "already imported" for a file seen before. */
  message: string | null;
  startedAt: string;
  finishedAt: string | null;
  /** Once the job succeeded: the batch it produced, or the earlier batch of the same file. */
  result: ImportJobResultDto | null;
}

export interface ImportJobResultDto extends BatchCounts {
  batchId: string;
  /** True when the file had been imported before: nothing changed, the earlier batch is shown. */
  alreadyImported: boolean;
  fileSha256: string;
  hasRejectReport: boolean;
  /**
   * The source's newest period when it is newer than this delivery's: matching reads the newest
   * period only, so this import changed no lead. Null for a current delivery.
   */
  supersededBy: string | null;
}

/** The job's progress and outcome; null when no job has this id. */
export async function getImportJob({ jobId }: { jobId: string }): Promise<ImportJobStatusDto | null> {
  if (!isUuid(jobId)) return null;
  const job = await db.importJob.findUnique({
    where: { id: jobId },
    select: {
      id: true,
      status: true,
      phase: true,
      source: true,
      period: true,
      fileName: true,
      bytesRead: true,
      bytesTotal: true,
      rowsRead: true,
      message: true,
      createdAt: true,
      finishedAt: true,
      batch: {
        select: {
          id: true,
          fileSha256: true,
          dataRows: true,
          accepted: true,
          rejected: true,
          duplicates: true,
          warnings: true,
          rejectReport: true,
          createdAt: true,
        },
      },
    },
  });
  if (!job) return null;
  const batch = job.status === "SUCCEEDED" ? job.batch : null;
  const newest = batch
    ? (await db.importBatch.aggregate({ where: { source: job.source }, _max: { period: true } }))._max.period
    : null;
  return {
    id: job.id,
    status: job.status,
    phase: job.phase,
    source: job.source,
    period: job.period,
    fileName: job.fileName,
    bytesRead: Number(job.bytesRead),
    bytesTotal: job.bytesTotal === null ? null : Number(job.bytesTotal),
    rowsRead: job.rowsRead,
    message: job.message,
    startedAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
    result: batch && {
      batchId: batch.id,
      // A job's own batch is written after the job started; an earlier one means the same file
      // had been imported before and this job changed nothing.
      alreadyImported: batch.createdAt < job.createdAt,
      fileSha256: batch.fileSha256,
      dataRows: batch.dataRows,
      accepted: batch.accepted,
      rejected: batch.rejected,
      duplicates: batch.duplicates,
      warnings: batch.warnings,
      hasRejectReport: batch.rejectReport !== null,
      supersededBy: newest && isOlderPeriod(job.period, newest) ? newest : null,
    },
  };
}
