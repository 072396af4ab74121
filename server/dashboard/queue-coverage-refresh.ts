import "server-only";
import { recordAuditEvent, type AuditActor } from "@/server/audit/append-audit-event.ts";
import { DomainError } from "@/server/errors.ts";
import type { RequestContext } from "@/server/http/request-context.ts";
import { enqueueJob } from "@/server/jobs/enqueue-job.ts";

/** One key for every ask: the queue keeps at most one refresh waiting (policy "stately"). */
const SINGLETON_KEY = "coverage";

/**
 * An admin's "Segarkan statistik" on the dashboard: queues a `coverage-refresh` job (a worker
 * recomputes the statistics, server/dashboard/run-coverage-refresh.ts) and records who asked
 * (`dashboard.refresh_request`, with the job's id). The job appears on Impor Data → Pekerjaan
 * latar like every other. Refused while one is already waiting: it would count the same rows.
 */
export async function queueCoverageRefresh(options: { actor: AuditActor; context: RequestContext }): Promise<{ jobId: string }> {
  const jobId = await enqueueJob("coverage-refresh", { actor: options.actor, context: options.context }, { singletonKey: SINGLETON_KEY });
  if (!jobId) throw new DomainError("Penyegaran statistik sudah mengantre; statistik diperbarui begitu pekerja menjalankannya.");
  await recordAuditEvent({ action: "dashboard.refresh_request", actor: options.actor, context: options.context, objectType: "job", objectId: jobId });
  return { jobId };
}
