import "server-only";
import { setSftpEndpointActiveSchema } from "@/lib/sftp.ts";
import { appendAuditEvent, type AuditActor } from "@/server/audit/append-audit-event.ts";
import { db } from "@/server/db/client.ts";
import { DomainError } from "@/server/errors.ts";
import type { RequestContext } from "@/server/http/request-context.ts";

export interface SetSftpEndpointActiveOptions {
  input: { endpointId: string; active: boolean };
  actor: AuditActor;
  context: RequestContext;
}

/** An inactive endpoint is skipped by "pull all" and refuses a pull of its own; its history stays. */
export async function setSftpEndpointActive({ input, actor, context }: SetSftpEndpointActiveOptions): Promise<void> {
  const { endpointId, active } = setSftpEndpointActiveSchema.parse(input);
  await db.$transaction(async (tx) => {
    const endpoint = await tx.sftpEndpoint.findUnique({ where: { id: endpointId }, select: { id: true, name: true, active: true } });
    if (!endpoint) throw new DomainError("Sumber SFTP tidak ditemukan.");
    if (endpoint.active === active) return;
    await tx.sftpEndpoint.update({
      where: { id: endpointId },
      data: { active, updatedById: actor.id, updatedByUsername: actor.username, updatedAt: new Date() },
    });
    await appendAuditEvent(tx, {
      action: active ? "sftp.endpoint_activate" : "sftp.endpoint_deactivate",
      actor,
      objectType: "sftp_endpoint",
      objectId: endpointId,
      details: { name: endpoint.name },
      context,
    });
  });
}
