import "server-only";
import { BALIKAN_PARTNER_LABELS, isEndpointOfPartner, setBalikanTargetSchema, type SetBalikanTargetInput } from "@/lib/balikan.ts";
import { appendAuditEvent, type AuditActor } from "@/server/audit/append-audit-event.ts";
import { db } from "@/server/db/client.ts";
import { DomainError } from "@/server/errors.ts";
import type { RequestContext } from "@/server/http/request-context.ts";

/**
 * Chooses where a partner's data balikan is pushed: one of that partner's SFTP endpoints (its
 * credentials and pinned host key are reused) and a folder on it. An endpoint of another partner
 * is refused, so AHU's files cannot be sent to Kemnaker's server. Audited as `balikan.target_set`.
 */
export async function setBalikanTarget(options: { input: SetBalikanTargetInput; actor: AuditActor; context: RequestContext }) {
  const data = setBalikanTargetSchema.parse(options.input);
  return db.$transaction(async (tx) => {
    const endpoint = await tx.sftpEndpoint.findUnique({ where: { id: data.endpointId }, select: { id: true, name: true, host: true, source: true } });
    if (!endpoint) throw new DomainError("Sumber SFTP tidak ditemukan.", "endpointId");
    if (!isEndpointOfPartner(endpoint.source, data.partner)) {
      throw new DomainError(`Sumber SFTP "${endpoint.name}" bukan milik ${BALIKAN_PARTNER_LABELS[data.partner]}.`, "endpointId");
    }
    const values = { endpointId: endpoint.id, remoteDir: data.remoteDir, updatedById: options.actor.id, updatedByUsername: options.actor.username, updatedAt: new Date() };
    await tx.balikanTarget.upsert({ where: { partner: data.partner }, create: { partner: data.partner, ...values }, update: values });
    await appendAuditEvent(tx, {
      action: "balikan.target_set",
      actor: options.actor,
      objectType: "balikan_target",
      objectId: data.partner,
      details: { partner: data.partner, endpoint: endpoint.name, host: endpoint.host, remoteDir: data.remoteDir },
      context: options.context,
    });
    return { endpointName: endpoint.name, remoteDir: data.remoteDir };
  });
}
