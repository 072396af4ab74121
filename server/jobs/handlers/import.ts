import "server-only";
import { rm } from "node:fs/promises";
import { db } from "@/server/db/client.ts";
import { importFile } from "@/server/ingest/import-file.ts";
import { importPasswordContext, queuedUploadPath } from "@/server/ingest/receive-upload.ts";
import { openSecret } from "@/server/secrets/secret-box.ts";
import { enqueueMatchAfterImport } from "@/server/matching/enqueue-match-run.ts";
import { notifyImportOutcome } from "@/server/notifications/notify-import-outcome.ts";
import { importPartnerBatch } from "@/server/partners/import-partner-batch.ts";
import { JOB_POLICIES, type JobPayloads } from "../job-definitions.ts";
import { defineJobHandler } from "./job-handler.ts";

/**
 * Imports a file a request stored and queued — an upload, or a partner's batch pushed through the
 * web service (its canonical JSON) — into the import_job row the request created, so the page
 * (or the partner's status URL) that polls it sees the worker's progress. Then queues the
 * incremental match of the new batch. The stored file is deleted once imported or refused.
 */
export const importJob = defineJobHandler("import", {
  row: (data) => ({ table: "importJob", id: data.importJobId }),
  async run(data: JobPayloads["import"], job) {
    const filePath = queuedUploadPath(data.storedPath);
    // A retry reports into the same row, from the start.
    await db.importJob.update({
      where: { id: data.importJobId },
      data: { queueJobId: job.jobId, status: "RUNNING", phase: "memeriksa berkas", message: null, finishedAt: null, bytesRead: 0n, rowsRead: 0, heartbeatAt: new Date() },
    });
    let done = false;
    const notice = { key: data.importJobId, source: data.source, period: data.period, fileName: data.originalName, actor: data.actor };
    let outcome: { status: string; batchId: string; matchRunId: number | null; accepted: number; rejected: number };
    try {
      const summary = data.partnerCall
        ? await importPartnerBatch({ importJobId: data.importJobId, source: data.source, filePath, partnerCall: data.partnerCall, actor: data.actor, context: data.context })
        : await importFile({
            source: data.source,
            period: data.period,
            filePath,
            originalName: data.originalName,
            password: data.sealedPassword ? openSecret(data.sealedPassword, importPasswordContext(data.importJobId)) : undefined,
            channel: data.channel,
            actor: data.actor,
            context: data.context,
            jobId: data.importJobId,
          });
      done = true;
      const runId = summary.status === "imported" ? await enqueueMatchAfterImport({ batchId: summary.batchId, actor: data.actor }) : null;
      outcome = { status: summary.status, batchId: summary.batchId, matchRunId: runId, accepted: summary.accepted, rejected: summary.rejected };
    } catch (error) {
      // Refused data will not import on a retry; a transient failure's file stays for one (an
      // admin's "Ulangi" after the last attempt too) until the upload folder's day-old sweep.
      done = job.permanent(error);
      // Told once, when no retry follows.
      if (done || job.attempt > JOB_POLICIES.import.retryLimit) await notifyImportOutcome({ ...notice, failure: error instanceof Error ? error.message : "Impor gagal." });
      throw error;
    } finally {
      if (done) await rm(/*turbopackIgnore: true*/ filePath, { force: true });
    }
    // After the file is gone: a notice never holds up the cleanup. A partner's web-service
    // batches arrive all day, so admins hear of those only when one fails.
    if (outcome.status === "imported" && !data.partnerCall) await notifyImportOutcome({ ...notice, failure: null, accepted: outcome.accepted, rejected: outcome.rejected });
    return { status: outcome.status, batchId: outcome.batchId, matchRunId: outcome.matchRunId };
  },
});
