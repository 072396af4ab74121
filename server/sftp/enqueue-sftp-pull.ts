import "server-only";
import { sftpEndpointIdSchema } from "@/lib/sftp.ts";
import type { AuditActor } from "@/server/audit/append-audit-event.ts";
import { db } from "@/server/db/client.ts";
import { DomainError } from "@/server/errors.ts";
import type { RequestContext } from "@/server/http/request-context.ts";
import { enqueueJob } from "@/server/jobs/enqueue-job.ts";

/**
 * "Tarik sekarang": queues a pull of one endpoint for a worker (server/jobs/handlers/sftp-pull.ts),
 * which audits it as `sftp.pull` in the admin's name. One pull per endpoint waits at a time:
 * a second click while one is queued is refused, not queued twice.
 */
export async function enqueueSftpPull(options: { input: { endpointId: string }; actor: AuditActor; context: RequestContext }): Promise<{ jobId: string }> {
  const { endpointId } = sftpEndpointIdSchema.parse(options.input);
  const endpoint = await db.sftpEndpoint.findUnique({ where: { id: endpointId }, select: { name: true, active: true } });
  if (!endpoint) throw new DomainError("Sumber SFTP tidak ditemukan.");
  if (!endpoint.active) throw new DomainError(`Sumber SFTP ${endpoint.name} nonaktif; aktifkan dulu.`);
  const jobId = await enqueueJob("sftp-pull", { endpointId, actor: options.actor, context: options.context }, { singletonKey: endpointId });
  if (!jobId) throw new DomainError(`Penarikan ${endpoint.name} sudah menunggu di antrean.`);
  return { jobId };
}
