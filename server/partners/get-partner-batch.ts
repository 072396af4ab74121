import "server-only";
import { maskPersonalText } from "@/lib/personal-data.ts";
import { MAX_REJECTS_IN_ANSWER, PARTNER_BATCH_POLL_SECONDS, type PartnerBatchState, type PartnerBatchStatus } from "@/lib/partner-api.ts";
import type { SourceId } from "@/lib/sources.ts";
import type { PartnerCaller } from "@/server/access/partner-key-guard.ts";
import { recordAuditEvent, type AuditEventInput } from "@/server/audit/append-audit-event.ts";
import { db, Prisma } from "@/server/db/client.ts";
import { ApiProblem, jsonResponse } from "@/server/http/api-problem.ts";
import { RECORDS_ALREADY_IMPORTED } from "@/server/ingest/import-records.ts";
import { readReportedRejects } from "@/server/ingest/read-reject-report.ts";
import { JOB_SCHEMA } from "@/server/jobs/job-definitions.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * GET /api/v1/partners/{source}/records/{jobId}, once `requirePartnerKey` has admitted the
 * caller: how a pushed batch is going — queued, running, done (with the accounting and the first
 * rejections, masked, from the batch's reject report) or failed (with why, masked). Only batches
 * the keys of the caller's partner pushed to this source are found; any other id is 404, the same
 * answer as an id that exists nowhere. Audited as `partner_api.batch_status`.
 */
export async function getPartnerBatch(caller: PartnerCaller, jobId: string): Promise<Response> {
  const audit = (input: Omit<AuditEventInput, "action" | "actor" | "context" | "objectType" | "objectId">): AuditEventInput => ({
    action: "partner_api.batch_status",
    actor: caller.actor,
    context: caller.context,
    objectType: "import_job",
    objectId: jobId.slice(0, 64),
    ...input,
    details: { keyId: caller.key.id, keyPrefix: caller.key.prefix, partner: caller.key.partner, source: caller.source, ...input.details },
  });
  try {
    const status = await findPartnerBatch(caller, jobId);
    if (!status) throw new ApiProblem(404, "unknown_batch", "Kiriman tidak ditemukan", "Tidak ada kiriman dengan ID ini dari mitra Anda untuk sumber data ini.");
    await recordAuditEvent(audit({ details: { status: status.status } }));
    const finished = status.status === "done" || status.status === "failed";
    return jsonResponse(200, status, { "Cache-Control": "no-store", ...(!finished && { "Retry-After": String(PARTNER_BATCH_POLL_SECONDS) }) });
  } catch (error) {
    const problem = error instanceof ApiProblem ? error : null;
    await recordAuditEvent(audit({ outcome: "FAILURE", reason: problem?.code ?? "error" })).catch(() => undefined);
    throw error;
  }
}

async function findPartnerBatch(caller: PartnerCaller, jobId: string): Promise<PartnerBatchStatus | null> {
  if (!UUID.test(jobId)) return null;
  const keys = await db.partnerApiKey.findMany({ where: { partner: caller.key.partner }, select: { id: true } });
  const job = await db.importJob.findFirst({
    where: { id: jobId, channel: "API", source: caller.source, actorId: { in: keys.map((key) => key.id) } },
    select: {
      id: true,
      source: true,
      period: true,
      status: true,
      phase: true,
      message: true,
      queueJobId: true,
      createdAt: true,
      finishedAt: true,
      batch: { select: { id: true, fileSha256: true, dataRows: true, accepted: true, rejected: true, duplicates: true, warnings: true, rejectReport: true } },
    },
  });
  if (!job) return null;

  const base = { jobId: job.id, source: job.source as SourceId, period: job.period, receivedAt: job.createdAt.toISOString(), result: null, message: null };
  if (job.status === "RUNNING") {
    // "menunggu" until a worker takes the job (server/ingest/receive-upload.ts queueImport).
    return { ...base, status: job.phase === "menunggu" ? "queued" : "running", finishedAt: null };
  }
  if (job.status !== "SUCCEEDED" || !job.batch) {
    // A transient failure the queue will try again is not the end of the batch.
    const state: PartnerBatchState = (await retryPending(job.queueJobId)) ? "queued" : "failed";
    return { ...base, status: state, finishedAt: state === "failed" ? (job.finishedAt?.toISOString() ?? null) : null, message: state === "failed" ? maskPersonalText(job.message ?? "Impor gagal.") : null };
  }
  const { batch } = job;
  const reported = batch.rejectReport ? await readReportedRejects(batch.rejectReport, MAX_REJECTS_IN_ANSWER) : { rejects: [], truncated: false };
  return {
    ...base,
    status: "done",
    finishedAt: job.finishedAt?.toISOString() ?? null,
    result: {
      outcome: job.message === RECORDS_ALREADY_IMPORTED ? "already-imported" : "imported",
      batchId: batch.id,
      sha256: batch.fileSha256,
      dataRows: batch.dataRows,
      accepted: batch.accepted,
      rejected: batch.rejected,
      duplicatesCollapsed: batch.duplicates,
      warnings: batch.warnings,
      // The report holds personal values masked already, as every reject report does.
      rejects: reported.rejects.map(({ line, column, value, reason }) => ({ index: line, column, value, reason })),
      rejectsTruncated: reported.truncated,
    },
  };
}

async function retryPending(queueJobId: string | null): Promise<boolean> {
  if (!queueJobId) return false;
  const rows = await db.$queryRaw<{ state: string }[]>`
    SELECT state::text AS state FROM ${Prisma.raw(JOB_SCHEMA)}.job WHERE name = 'import' AND id = ${queueJobId}::uuid`;
  return rows[0]?.state === "retry" || rows[0]?.state === "created";
}
