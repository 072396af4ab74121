import "server-only";
import { jobIdSchema, type JobIdInput } from "@/lib/jobs.ts";
import { appendAuditEvent, type AuditActor } from "@/server/audit/append-audit-event.ts";
import { db, Prisma } from "@/server/db/client.ts";
import { DomainError } from "@/server/errors.ts";
import type { RequestContext } from "@/server/http/request-context.ts";
import { isJobName, JOB_SCHEMA } from "./job-definitions.ts";

/**
 * Gives a failed job one more attempt, now (the SFTP server is back, the disk has room again).
 * The job reports into its own row again when a worker takes it; the retry and its audit event
 * commit together.
 */
export async function retryJob(options: { input: JobIdInput; actor: AuditActor; context: RequestContext }): Promise<void> {
  const { name, jobId } = jobIdSchema.parse(options.input);
  if (!isJobName(name)) throw new DomainError("Pekerjaan tidak dikenal.");
  await db.$transaction(async (tx) => {
    const retried = await tx.$executeRaw`
      UPDATE ${Prisma.raw(JOB_SCHEMA)}.job SET state = 'retry', retry_limit = retry_limit + 1, start_after = now()
       WHERE name = ${name} AND id = ${jobId}::uuid AND state = 'failed'`;
    if (retried === 0) throw new DomainError("Hanya pekerjaan yang gagal yang dapat diulang; muat ulang halaman.");
    await appendAuditEvent(tx, { action: "job.retry", actor: options.actor, objectType: "job", objectId: jobId, details: { name }, context: options.context });
  });
}
