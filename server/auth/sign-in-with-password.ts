import "server-only";
import { appendAuditEvent, recordAuditEvent } from "@/server/audit/append-audit-event.ts";
import { db } from "@/server/db/client.ts";
import type { RequestContext } from "@/server/http/request-context.ts";
import { burnPasswordCheck, verifyPassword } from "./passwords.ts";
import { createAuthSession } from "./sessions.ts";
import { LOCKOUT_MS, MAX_FAILED_SIGN_INS } from "./session-policy.ts";

export interface SignInInput {
  username: string;
  password: string;
  context: RequestContext;
}

export type SignInResult =
  | { ok: true; userId: string; sessionId: string; name: string }
  /** One answer for every failure: wrong password, unknown user, locked or inactive account. */
  | { ok: false };

/**
 * Checks a user name and password. Failed attempts count towards a lockout; the audit event
 * (success, failure or lockout) commits in the same transaction as the counter it changes.
 */
export async function signInWithPassword({ username, password, context }: SignInInput): Promise<SignInResult> {
  const normalized = username.trim().toLowerCase();
  const user = await db.user.findUnique({ where: { username: normalized } });

  if (!user || !user.passwordHash) {
    await burnPasswordCheck(password);
    await recordAuditEvent({
      action: "auth.sign_in_failed",
      outcome: "FAILURE",
      actor: null,
      reason: "unknown_user",
      // The attempted name is not personal data of ours, but it may be a typo of a real one:
      // keep only its length, enough to spot credential stuffing.
      details: { usernameLength: normalized.length },
      context,
    });
    return { ok: false };
  }

  const actor = { id: user.id, username: user.username, role: user.role };
  const now = new Date();
  const locked = user.lockedUntil !== null && user.lockedUntil > now;
  // Verify even when locked or inactive, so timing does not reveal the account's state.
  const passwordOk = await verifyPassword(user.passwordHash, password);

  if (passwordOk && !locked && user.active) {
    return db.$transaction(async (tx) => {
      await tx.user.update({
        where: { id: user.id },
        data: { failedLogins: 0, lockedUntil: null, lastLoginAt: now },
      });
      const session = await createAuthSession(tx, user.id, context);
      await appendAuditEvent(tx, {
        action: "auth.sign_in",
        actor,
        objectType: "session",
        objectId: session.id,
        details: { method: "password" },
        context,
      });
      return { ok: true as const, userId: user.id, sessionId: session.id, name: user.name };
    });
  }

  const reason = locked ? "locked" : !user.active ? "inactive" : "wrong_password";
  await db.$transaction(async (tx) => {
    // Attempts during a lockout do not extend it; a wrong password after it expired starts over.
    if (reason !== "wrong_password") {
      await appendAuditEvent(tx, { action: "auth.sign_in_failed", outcome: "FAILURE", actor, reason, context });
      return;
    }
    const expiredLock = user.lockedUntil !== null && user.lockedUntil <= now;
    const failedLogins = (expiredLock ? 0 : user.failedLogins) + 1;
    const lockNow = failedLogins >= MAX_FAILED_SIGN_INS;
    await tx.user.update({
      where: { id: user.id },
      data: { failedLogins, lockedUntil: lockNow ? new Date(now.getTime() + LOCKOUT_MS) : expiredLock ? null : undefined },
    });
    await appendAuditEvent(tx, {
      action: "auth.sign_in_failed",
      outcome: "FAILURE",
      actor,
      reason,
      details: { failedLogins },
      context,
    });
    if (lockNow) {
      await appendAuditEvent(tx, {
        action: "auth.lockout",
        outcome: "FAILURE",
        actor,
        objectType: "user",
        objectId: user.id,
        reason: "too_many_failed_sign_ins",
        details: { failedLogins, lockedMinutes: LOCKOUT_MS / 60_000 },
        context,
      });
    }
  });
  return { ok: false };
}
