import "server-only";
import { resetPasswordSchema } from "@/lib/user-schemas.ts";
import { appendAuditEvent, type AuditActor } from "@/server/audit/append-audit-event.ts";
import { hashPassword } from "@/server/auth/passwords.ts";
import { enforcePasswordPolicy } from "@/server/auth/password-strength.ts";
import { revokeAllSessionsOf } from "@/server/auth/sessions.ts";
import { db } from "@/server/db/client.ts";
import type { RequestContext } from "@/server/http/request-context.ts";
import { findUserForChange } from "./find-user-for-change.ts";

export interface ResetUserPasswordOptions {
  input: { userId: string; password: string };
  actor: AuditActor;
  context: RequestContext;
}

/**
 * Sets a new password, lifts any lockout and signs the user out everywhere. The admin knows this
 * password, so the user must replace it at the next sign-in.
 */
export async function resetUserPassword({ input, actor, context }: ResetUserPasswordOptions): Promise<void> {
  const { userId, password } = resetPasswordSchema.parse(input);
  const owner = await db.user.findUnique({ where: { id: userId }, select: { username: true, name: true } });
  if (owner) await enforcePasswordPolicy(password, owner);
  const passwordHash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    await findUserForChange(tx, userId);
    await tx.user.update({ where: { id: userId }, data: { passwordHash, mustChangePassword: true, failedLogins: 0, lockedUntil: null } });
    const endedSessions = await revokeAllSessionsOf(tx, userId, "password_reset");
    await appendAuditEvent(tx, {
      action: "user.password_reset",
      actor,
      objectType: "user",
      objectId: userId,
      details: { endedSessions },
      context,
    });
  });
}
