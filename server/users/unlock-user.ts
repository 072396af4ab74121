import "server-only";
import { z } from "zod";
import { appendAuditEvent, type AuditActor } from "@/server/audit/append-audit-event.ts";
import { db } from "@/server/db/client.ts";
import { DomainError } from "@/server/errors.ts";
import type { RequestContext } from "@/server/http/request-context.ts";
import { findUserForChange } from "./find-user-for-change.ts";

// The unlock form carries only the user's id, so there is nothing for a browser to check first.
export const unlockUserSchema = z.object({ userId: z.uuid() });

export interface UnlockUserOptions {
  input: z.input<typeof unlockUserSchema>;
  actor: AuditActor;
  context: RequestContext;
}

/**
 * Lifts a lockout from too many failed sign-ins before it runs out, and clears the failure
 * count. Sessions and password stay as they are: use a password reset when the account may be
 * compromised.
 */
export async function unlockUser({ input, actor, context }: UnlockUserOptions): Promise<void> {
  const { userId } = unlockUserSchema.parse(input);
  await db.$transaction(async (tx) => {
    const user = await findUserForChange(tx, userId);
    const now = new Date();
    if (user.lockedUntil === null || user.lockedUntil <= now) {
      throw new DomainError(`Akun ${user.username} tidak sedang terkunci.`);
    }
    await tx.user.update({ where: { id: userId }, data: { failedLogins: 0, lockedUntil: null } });
    await appendAuditEvent(tx, {
      action: "user.unlock",
      actor,
      objectType: "user",
      objectId: userId,
      details: { lockedUntil: user.lockedUntil.toISOString() },
      context,
    });
  });
}
