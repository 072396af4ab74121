import "server-only";
import type { AuditAction } from "@/lib/audit-actions.ts";
import { appendAuditEvent } from "@/server/audit/append-audit-event.ts";
import type { Tx } from "@/server/db/client.ts";
import type { RequestContext } from "@/server/http/request-context.ts";
import { revokeAllSessionsOf } from "./sessions.ts";
import { LOCKOUT_MS, MAX_FAILED_SIGN_INS } from "./session-policy.ts";

interface AttemptedUser {
  id: string;
  username: string;
  role: string;
  failedLogins: number;
  lockedUntil: Date | null;
}

/**
 * Counts one failed proof of identity — a wrong password or second-factor code at sign-in, or a
 * failed "Konfirmasi identitas" — towards the one lockout: five in a row lock the account for
 * 15 minutes. A lockout from failed confirmations also ends the account's open sessions (the one
 * guessing is sitting in one); one from failed sign-ins does not, or anyone who knows a user name
 * could sign its owner out. Runs in the caller's transaction with its audit events. Returns
 * whether the account is now locked.
 */
export async function recordFailedAttempt(
  tx: Tx,
  user: AttemptedUser,
  attempt: { action: Extract<AuditAction, "auth.sign_in_failed" | "auth.reauth_failed">; reason: string; context: RequestContext },
): Promise<boolean> {
  const now = new Date();
  const actor = { id: user.id, username: user.username, role: user.role };
  // A failure after an expired lock starts the count over.
  const expiredLock = user.lockedUntil !== null && user.lockedUntil <= now;
  const failedLogins = (expiredLock ? 0 : user.failedLogins) + 1;
  const lockNow = failedLogins >= MAX_FAILED_SIGN_INS;
  await tx.user.update({
    where: { id: user.id },
    data: { failedLogins, lockedUntil: lockNow ? new Date(now.getTime() + LOCKOUT_MS) : expiredLock ? null : undefined },
  });
  await appendAuditEvent(tx, {
    action: attempt.action,
    outcome: "FAILURE",
    actor,
    reason: attempt.reason,
    details: { failedLogins },
    context: attempt.context,
  });
  if (lockNow) {
    const endSessions = attempt.action === "auth.reauth_failed";
    const endedSessions = endSessions ? await revokeAllSessionsOf(tx, user.id, "lockout") : 0;
    await appendAuditEvent(tx, {
      action: "auth.lockout",
      outcome: "FAILURE",
      actor,
      objectType: "user",
      objectId: user.id,
      reason: "too_many_failed_sign_ins",
      details: { failedLogins, lockedMinutes: LOCKOUT_MS / 60_000, ...(endSessions && { endedSessions }) },
      context: attempt.context,
    });
  }
  return lockNow;
}
