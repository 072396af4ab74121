import "server-only";
import { changePasswordSchema } from "@/lib/password-policy.ts";
import { appendAuditEvent } from "@/server/audit/append-audit-event.ts";
import { db } from "@/server/db/client.ts";
import { DomainError } from "@/server/errors.ts";
import type { RequestContext } from "@/server/http/request-context.ts";
import { hashPassword, verifyPassword } from "./passwords.ts";
import { enforcePasswordPolicy } from "./password-strength.ts";
import { revokeAllSessionsOf } from "./sessions.ts";

export interface ChangeOwnPasswordOptions {
  input: { currentPassword: string; newPassword: string; confirmPassword: string };
  /** The session the change is made in: it stays; every other session of the user ends. */
  sessionId: string;
  userId: string;
  context: RequestContext;
}

/**
 * Self-service password change (also the forced change after an admin set the password). The
 * current password is asked again, so an unattended session cannot take the account over.
 */
export async function changeOwnPassword({ input, sessionId, userId, context }: ChangeOwnPasswordOptions): Promise<{ endedSessions: number }> {
  const data = changePasswordSchema.parse(input);
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
  const actor = { id: user.id, username: user.username, role: user.role };
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, data.currentPassword))) {
    await db.$transaction((tx) =>
      appendAuditEvent(tx, { action: "auth.password_change", outcome: "FAILURE", actor, reason: "wrong_current_password", context }),
    );
    throw new DomainError("Kata sandi saat ini salah.", "currentPassword");
  }
  await enforcePasswordPolicy(data.newPassword, user, "newPassword");
  const passwordHash = await hashPassword(data.newPassword);
  return db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, mustChangePassword: false } });
    const endedSessions = await revokeAllSessionsOf(tx, user.id, "password_change", sessionId);
    await appendAuditEvent(tx, {
      action: "auth.password_change",
      actor,
      objectType: "user",
      objectId: user.id,
      details: { endedSessions, forced: user.mustChangePassword },
      context,
    });
    return { endedSessions };
  });
}
