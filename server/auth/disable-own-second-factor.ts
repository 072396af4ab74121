import "server-only";
import { appendAuditEvent, type AuditActor } from "@/server/audit/append-audit-event.ts";
import { db } from "@/server/db/client.ts";
import { DomainError } from "@/server/errors.ts";
import type { RequestContext } from "@/server/http/request-context.ts";
import { clearSecondFactor } from "./clear-second-factor.ts";
import { assertRecentReauth } from "./reauth-policy.ts";

export interface DisableOwnSecondFactorOptions {
  actor: AuditActor & { id: string };
  session: { reauthenticatedAt: Date | null };
  context: RequestContext;
}

/**
 * Officers, supervisors and auditors may switch their optional second factor off again, after
 * confirming their identity; admins must keep theirs (another admin can reset it).
 */
export async function disableOwnSecondFactor({ actor, session, context }: DisableOwnSecondFactorOptions): Promise<void> {
  assertRecentReauth(session);
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: actor.id }, select: { role: true, totpSecret: true } });
    if (user.role === "ADMIN") throw new DomainError("Admin wajib memakai autentikator; minta admin lain untuk mengatur ulang bila perlu.");
    if (!user.totpSecret) throw new DomainError("Autentikator tidak aktif.");
    await clearSecondFactor(tx, actor.id);
    await appendAuditEvent(tx, { action: "auth.totp_disable", actor, objectType: "user", objectId: actor.id, context });
  });
}
