import "server-only";
import type { z } from "zod";
import { checkBalikanPasswordSchema } from "@/lib/balikan.ts";
import { recordAuditEvent, type AuditActor } from "@/server/audit/append-audit-event.ts";
import { verifyPassword } from "@/server/auth/passwords.ts";
import { db } from "@/server/db/client.ts";
import { DomainError } from "@/server/errors.ts";
import type { RequestContext } from "@/server/http/request-context.ts";

/**
 * Whether a password a partner reads back (it cannot open a file, or asks which one is current)
 * is the one of this delivery — checked against the stored argon2id, the password itself being
 * kept nowhere. Audited as `balikan.password_check` with the outcome, never the password.
 */
export async function checkBalikanPassword(options: {
  input: z.input<typeof checkBalikanPasswordSchema>;
  actor: AuditActor;
  context: RequestContext;
}): Promise<{ matches: boolean; fileName: string }> {
  const { deliveryId, password } = checkBalikanPasswordSchema.parse(options.input);
  const delivery = await db.balikanDelivery.findUnique({ where: { id: deliveryId }, select: { id: true, partner: true, period: true, fileName: true, passwordHash: true } });
  if (!delivery) throw new DomainError("Berkas balikan tidak ditemukan.");
  const matches = await verifyPassword(delivery.passwordHash, password);
  await recordAuditEvent({
    action: "balikan.password_check",
    actor: options.actor,
    objectType: "balikan_delivery",
    objectId: delivery.id,
    details: { partner: delivery.partner, period: delivery.period, fileName: delivery.fileName, matches },
    context: options.context,
  });
  return { matches, fileName: delivery.fileName };
}
