import "server-only";
import { revokePartnerApiKeySchema, type RevokePartnerApiKeyInput } from "@/lib/partner-api.ts";
import { appendAuditEvent, type AuditActor } from "@/server/audit/append-audit-event.ts";
import { db } from "@/server/db/client.ts";
import { DomainError } from "@/server/errors.ts";
import type { RequestContext } from "@/server/http/request-context.ts";
import { partnerApiKeyDtoSelect, type PartnerApiKeyDto } from "./partner-api-key-dto.ts";

export interface RevokePartnerApiKeyOptions {
  input: RevokePartnerApiKeyInput;
  actor: AuditActor;
  context: RequestContext;
}

/**
 * Revokes a key for good: the next request made with it is refused (401). Revoking is final —
 * the partner gets a new key — so a revoked key is kept, for the audit trail and the list.
 */
export async function revokePartnerApiKey({ input, actor, context }: RevokePartnerApiKeyOptions): Promise<PartnerApiKeyDto> {
  const { keyId } = revokePartnerApiKeySchema.parse(input);
  return db.$transaction(async (tx) => {
    // Only an active key changes; a second click (or a concurrent admin) is told so.
    const { count } = await tx.partnerApiKey.updateMany({
      where: { id: keyId, revokedAt: null },
      data: { revokedAt: new Date(), revokedByUsername: actor.username },
    });
    const key = await tx.partnerApiKey.findUnique({ where: { id: keyId }, select: partnerApiKeyDtoSelect });
    if (!key) throw new DomainError("Kunci API tidak ditemukan.");
    if (count === 0) throw new DomainError(`Kunci ${key.prefix}… sudah dicabut sebelumnya.`);
    await appendAuditEvent(tx, {
      action: "partner_key.revoke",
      actor,
      context,
      objectType: "partner_api_key",
      objectId: key.id,
      details: { partner: key.partner, name: key.name, prefix: key.prefix },
    });
    return key;
  });
}
