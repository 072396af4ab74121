import "server-only";
import { pushBalikanSchema } from "@/lib/balikan.ts";
import type { AuditActor } from "@/server/audit/append-audit-event.ts";
import { db } from "@/server/db/client.ts";
import { DomainError } from "@/server/errors.ts";
import type { RequestContext } from "@/server/http/request-context.ts";
import { enqueueJob } from "@/server/jobs/enqueue-job.ts";

/**
 * "Kirim": queues the upload of a delivery to its partner's SFTP server for a worker
 * (server/jobs/handlers/balikan-push.ts → pushBalikan, which records and audits every attempt in
 * the admin's name). A server that is down is retried with backoff; the page's history shows the
 * attempts, the Impor page's job list the job.
 */
export async function enqueueBalikanPush(options: { input: { deliveryId: string }; actor: AuditActor; context: RequestContext }): Promise<{ jobId: string }> {
  const { deliveryId } = pushBalikanSchema.parse(options.input);
  const delivery = await db.balikanDelivery.findUnique({ where: { id: deliveryId }, select: { id: true } });
  if (!delivery) throw new DomainError("Berkas balikan tidak ditemukan.");
  const jobId = await enqueueJob("balikan-push", { deliveryId, actor: options.actor, context: options.context });
  if (!jobId) throw new DomainError("Pengiriman tidak dapat diantrekan.");
  return { jobId };
}
