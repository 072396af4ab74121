import "server-only";
import { appendAuditEvent, type AuditActor } from "@/server/audit/append-audit-event.ts";
import { db } from "@/server/db/client.ts";
import type { RequestContext } from "@/server/http/request-context.ts";

/**
 * Sets (or clears, with null) the address the user's notices are mailed to. The user's own
 * setting; audited without the address itself, which is personal data.
 */
export async function setNotifyEmail(actor: AuditActor & { id: string }, email: string | null, context: RequestContext): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.id }, data: { notifyEmail: email } });
    await appendAuditEvent(tx, {
      action: "account.notify_email",
      actor,
      context,
      objectType: "user",
      objectId: actor.id,
      details: { set: email !== null },
    });
  });
}
