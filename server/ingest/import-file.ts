import "server-only";
import { stat } from "node:fs/promises";
import path from "node:path";
import { isPeriod, isSourceId, type SourceId } from "@/lib/sources.ts";
import type { AuditActor } from "@/server/audit/append-audit-event.ts";
import type { ImportChannel } from "@/server/db/generated/enums.ts";
import type { RequestContext } from "@/server/http/request-context.ts";
import { createImportJob, finishImportJob, progressReporter } from "./import-jobs.ts";
import { sha256File } from "./read/hash-file.ts";
import { ImportRefusedError, openPartnerFile } from "./read/open-partner-file.ts";
import { regionResolverFor } from "./load-region-resolver.ts";
import { removeStoredFile, storeFileCopy } from "./storage.ts";
import { DeliveryAlreadyImportedError, findImportedBatch, writeBatch, type BatchCounts, type WrittenBatch } from "./write-batch.ts";

export interface ImportFileOptions {
  source: string;
  period: string;
  /** The file on disk (an upload's temp file, an SFTP download, a CLI argument). */
  filePath: string;
  /** The name the partner gave it, for history and reports. */
  originalName?: string;
  /** For password-protected ZIPs: used to open the file, never stored or logged. */
  password?: string;
  channel: ImportChannel;
  actor: AuditActor;
  context: RequestContext;
  /** An import job created beforehand (the upload page shows its progress). */
  jobId?: string;
}

export interface ImportSummary extends BatchCounts {
  status: "imported" | "already-imported";
  batchId: string;
  jobId: string;
  source: SourceId;
  period: string;
  fileSha256: string;
  /** Server-generated name of the reject report in the storage folder (null when there was nothing to report). */
  rejectReport: string | null;
}

/**
 * Imports one partner file: every data row is either accepted into `source_record` or reported
 * with its reason (accepted + rejected + collapsed duplicates = data rows, always). The batch,
 * its rows and its audit event commit in one transaction, so a process killed halfway leaves
 * no trace of the batch; the same file again is a no-op reported as `already-imported`.
 */
export async function importFile(options: ImportFileOptions): Promise<ImportSummary> {
  if (!isSourceId(options.source)) throw new ImportRefusedError("unknown_source", `Sumber data tidak dikenal: ${options.source}.`);
  if (!isPeriod(options.period)) {
    throw new ImportRefusedError("bad_period", `Periode tidak sah: ${options.period} (gunakan format 2025-S1 atau 2025-S2).`);
  }
  const source = options.source;
  const fileName = options.originalName ?? path.basename(options.filePath);
  const job = options.jobId ?? (await createImportJob({ ...options, source, fileName }));
  const auditBase = { actor: options.actor, context: options.context, objectType: "import_job", objectId: job };

  let storedFile: string | null = null;
  // The region table is read and indexed (~1 s) while the file is hashed and copied. A file
  // already imported does not need it: the load then just goes unused.
  const regions = regionResolverFor(source);
  regions.catch(() => undefined); // awaited (and its failure reported) by writeBatch
  try {
    const { size } = await stat(options.filePath);
    // The kept copy is made while the file is hashed (the copy runs in libuv's threads, the hash
    // here): one pass less over a file of a gigabyte. A file already imported then drops its copy.
    const extension = path.extname(fileName).slice(1).toLowerCase() || "dat";
    const [hashed, copied] = await Promise.allSettled([sha256File(options.filePath), storeFileCopy(options.filePath, "raw", extension)]);
    if (copied.status === "fulfilled") storedFile = copied.value;
    if (hashed.status === "rejected") throw hashed.reason;
    if (copied.status === "rejected") throw copied.reason;
    const fileSha256 = hashed.value;
    const alreadyImported = async (existing: NonNullable<Awaited<ReturnType<typeof findImportedBatch>>>): Promise<ImportSummary> => {
      await finishImportJob(
        job,
        { status: "SUCCEEDED", batchId: existing.id, fileSha256, message: "Berkas ini sudah pernah diimpor." },
        { ...auditBase, action: "import.skip", details: { source, period: options.period, sha256: fileSha256, batchId: existing.id } },
      );
      return { ...summaryOf(existing), status: "already-imported", jobId: job, source, rejectReport: existing.rejectReport };
    };
    const existing = await findImportedBatch(source, fileSha256);
    if (existing) {
      await removeStoredFile(storedFile);
      storedFile = null;
      return await alreadyImported(existing);
    }

    const progress = progressReporter(job, size);
    const file = await openPartnerFile({ path: options.filePath, password: options.password, onProgress: progress.bytes });
    try {
      let batch: WrittenBatch;
      try {
        batch = await writeBatch({
          source,
          period: options.period,
          channel: options.channel,
          actor: options.actor,
          context: options.context,
          delivery: { fileName, sha256: fileSha256, size, storedFile },
          jobId: job,
          header: file.header,
          rows: { batches: file.rowBatches },
          regions,
          progress,
        });
      } catch (error) {
        // The same file imported twice at once: this one waited for the other to commit.
        const first = error instanceof DeliveryAlreadyImportedError ? await findImportedBatch(source, fileSha256) : null;
        if (!first) throw error;
        await removeStoredFile(storedFile);
        storedFile = null;
        return await alreadyImported(first);
      }
      await finishImportJob(job, { status: "SUCCEEDED", batchId: batch.batchId, fileSha256 });
      return {
        status: "imported",
        batchId: batch.batchId,
        jobId: job,
        source,
        period: options.period,
        fileSha256,
        dataRows: batch.dataRows,
        accepted: batch.accepted,
        rejected: batch.rejected,
        duplicates: batch.duplicates,
        warnings: batch.warnings,
        rejectReport: batch.rejectReport,
      };
    } finally {
      await file.close();
    }
  } catch (error) {
    await removeStoredFile(storedFile);
    const refused = error instanceof ImportRefusedError;
    await finishImportJob(
      job,
      { status: refused ? "REFUSED" : "FAILED", message: errorMessage(error) },
      {
        ...auditBase,
        action: refused ? "import.refuse" : "import.fail",
        outcome: "FAILURE",
        reason: refused ? error.code : "error",
        details: { source, period: options.period, fileName },
      },
    ).catch((recordError: unknown) => {
      // The import's own error is what the caller must see; this one (the database gone?) is logged.
      console.error(`[impor] akhir pekerjaan impor ${job} tidak dapat dicatat:`, recordError);
    });
    throw error;
  }
}

function summaryOf(batch: BatchCounts & { id: string; period: string; fileSha256: string }) {
  return {
    batchId: batch.id,
    period: batch.period,
    fileSha256: batch.fileSha256,
    dataRows: batch.dataRows,
    accepted: batch.accepted,
    rejected: batch.rejected,
    duplicates: batch.duplicates,
    warnings: batch.warnings,
  };
}

function errorMessage(error: unknown): string {
  if (error instanceof ImportRefusedError) return error.message;
  return `Impor gagal: ${error instanceof Error ? error.message : String(error)}`.slice(0, 1000);
}
