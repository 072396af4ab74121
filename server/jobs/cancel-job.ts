import "server-only";
import { rm } from "node:fs/promises";
import { jobIdSchema, type JobIdInput } from "@/lib/jobs.ts";
import { appendAuditEvent, type AuditActor } from "@/server/audit/append-audit-event.ts";
import { db, Prisma } from "@/server/db/client.ts";
import { DomainError } from "@/server/errors.ts";
import type { RequestContext } from "@/server/http/request-context.ts";
import { queuedUploadPath } from "@/server/ingest/receive-upload.ts";
import { isJobName, JOB_SCHEMA } from "./job-definitions.ts";

/**
 * Cancels a job that is still waiting (queued, or waiting for its next attempt): the queue's row,
 * the job's own row (an import or a match run shows "Dibatalkan") and the audit event commit
 * together. A running job is not cancelled: stopping an import or a match halfway is what the
 * transactions already make harmless, but it is the worker's to end, not the page's.
 */
export async function cancelJob(options: { input: JobIdInput; actor: AuditActor; context: RequestContext }): Promise<void> {
  const { name, jobId } = jobIdSchema.parse(options.input);
  if (!isJobName(name)) throw new DomainError("Pekerjaan tidak dikenal.");
  const message = `Dibatalkan oleh ${options.actor.username} sebelum berjalan.`;
  const data = await db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ data: { storedPath?: string } | null }[]>`
      UPDATE ${Prisma.raw(JOB_SCHEMA)}.job SET state = 'cancelled', completed_on = now()
       WHERE name = ${name} AND id = ${jobId}::uuid AND state IN ('created', 'retry')
       RETURNING data`;
    if (rows.length === 0) throw new DomainError("Pekerjaan ini tidak lagi mengantre (sudah berjalan atau selesai); muat ulang halaman.");
    const finished = { status: "FAILED" as const, phase: "berhenti", message, finishedAt: new Date() };
    await tx.importJob.updateMany({ where: { queueJobId: jobId, status: "RUNNING" }, data: finished });
    await tx.matchRun.updateMany({ where: { queueJobId: jobId, status: "RUNNING" }, data: finished });
    await appendAuditEvent(tx, { action: "job.cancel", actor: options.actor, objectType: "job", objectId: jobId, details: { name }, context: options.context });
    return rows[0]!.data;
  });
  // An upload no attempt will import any more: its waiting file goes now, not a day later.
  if (name === "import" && typeof data?.storedPath === "string") await rm(/*turbopackIgnore: true*/ queuedUploadPath(data.storedPath), { force: true });
}
