import "server-only";
import { createPartnerApiKeySchema, sourcesOfPartner, type CreatePartnerApiKeyInput } from "@/lib/partner-api.ts";
import { appendAuditEvent, type AuditActor } from "@/server/audit/append-audit-event.ts";
import { db } from "@/server/db/client.ts";
import type { RequestContext } from "@/server/http/request-context.ts";
import { generateApiKeySecret } from "./api-key-secret.ts";
import { partnerApiKeyDtoSelect, type PartnerApiKeyDto } from "./partner-api-key-dto.ts";

export interface CreatePartnerApiKeyOptions {
  input: CreatePartnerApiKeyInput;
  actor: AuditActor;
  context: RequestContext;
}

/**
 * Creates a key for a partner. The secret is in the answer and nowhere else: only its hash is
 * stored, so the admin must hand it over now (a lost key is revoked and replaced).
 */
export async function createPartnerApiKey({ input, actor, context }: CreatePartnerApiKeyOptions): Promise<{ key: PartnerApiKeyDto; secret: string }> {
  const data = createPartnerApiKeySchema.parse(input);
  const { secret, prefix, secretHash } = generateApiKeySecret();
  const key = await db.$transaction(async (tx) => {
    const created = await tx.partnerApiKey.create({
      data: { partner: data.partner, name: data.name, prefix, secretHash, createdById: actor.id, createdByUsername: actor.username },
      select: partnerApiKeyDtoSelect,
    });
    await appendAuditEvent(tx, {
      action: "partner_key.create",
      actor,
      context,
      objectType: "partner_api_key",
      objectId: created.id,
      details: { partner: created.partner, name: created.name, prefix, sources: sourcesOfPartner(created.partner) },
    });
    return created;
  });
  return { key, secret };
}
