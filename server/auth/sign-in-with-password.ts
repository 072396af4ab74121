import "server-only";
import { appendAuditEvent, recordAuditEvent } from "@/server/audit/append-audit-event.ts";
import { db } from "@/server/db/client.ts";
import type { RequestContext } from "@/server/http/request-context.ts";
import { burnPasswordCheck, verifyPassword } from "./passwords.ts";
import { recordFailedAttempt } from "./failed-attempts.ts";
import { createAuthSession } from "./sessions.ts";
import { verifySecondFactor } from "./verify-second-factor.ts";

export interface SignInInput {
  username: string;
  password: string;
  /** The second factor: a TOTP code or a recovery code; only asked of users who enrolled one. */
  code?: string;
  context: RequestContext;
}

export type SignInResult =
  | { ok: true; userId: string; sessionId: string; name: string }
  /**
   * The password was right and the account has a second factor: ask for the code. No session
   * exists yet. Only said after a correct password, so it tells a guesser nothing new.
   */
  | { ok: false; codeRequired: true }
  /** One answer for every other failure: wrong password or code, unknown user, locked or inactive account. */
  | { ok: false };

/**
 * Checks a user name, password and — for accounts with a second factor — the code. Failed
 * attempts (a wrong password or a wrong or replayed code) count towards one lockout; the audit
 * event commits in the same transaction as the counter it changes.
 */
export async function signInWithPassword({ username, password, code, context }: SignInInput): Promise<SignInResult> {
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

  if (!passwordOk || locked || !user.active) {
    const reason = locked ? "locked" : !user.active ? "inactive" : "wrong_password";
    await db.$transaction(async (tx) => {
      // Attempts during a lockout do not extend it.
      if (reason !== "wrong_password") {
        await appendAuditEvent(tx, { action: "auth.sign_in_failed", outcome: "FAILURE", actor, reason, context });
      } else {
        await recordFailedAttempt(tx, user, { action: "auth.sign_in_failed", reason, context });
      }
    });
    return { ok: false };
  }

  if (user.totpSecret && !code?.trim()) return { ok: false, codeRequired: true };

  return db.$transaction(async (tx) => {
    const method = user.totpSecret ? await verifySecondFactor(tx, user, code ?? "", { actor, context }) : null;
    if (user.totpSecret && !method) {
      await recordFailedAttempt(tx, user, { action: "auth.sign_in_failed", reason: "wrong_code", context });
      return { ok: false as const };
    }
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
      details: { method: "password", ...(method && { secondFactor: method }) },
      context,
    });
    return { ok: true as const, userId: user.id, sessionId: session.id, name: user.name };
  });
}
