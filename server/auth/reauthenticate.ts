import "server-only";
import { MAX_PASSWORD_LENGTH } from "@/lib/password-policy.ts";
import { appendAuditEvent } from "@/server/audit/append-audit-event.ts";
import { db } from "@/server/db/client.ts";
import { DomainError } from "@/server/errors.ts";
import type { RequestContext } from "@/server/http/request-context.ts";
import { recordFailedAttempt } from "./failed-attempts.ts";
import { verifyPassword } from "./passwords.ts";
import { verifySecondFactor } from "./verify-second-factor.ts";

export interface ReauthenticateOptions {
  sessionId: string;
  /** The password, or a code of the user's authenticator (or a recovery code). */
  secret: string;
  context: RequestContext;
}

/**
 * "Konfirmasi identitas": the signed-in user proves again who they are, and the time is stored on
 * the session row, which the sensitive actions check (server/auth/reauth-policy.ts). A failure
 * counts towards the same lockout as sign-in, so an unattended session cannot be used to guess.
 */
export async function reauthenticate({ sessionId, secret, context }: ReauthenticateOptions): Promise<{ method: "password" | "totp" | "recovery_code" }> {
  const session = await db.authSession.findUnique({ where: { id: sessionId }, include: { user: true } });
  if (!session || session.revokedAt) throw new DomainError("Sesi Anda sudah berakhir. Silakan masuk kembali.");
  const user = session.user;
  if (user.lockedUntil && user.lockedUntil > new Date()) {
    throw new DomainError("Akun sedang dikunci sementara karena terlalu banyak percobaan gagal. Coba lagi nanti.");
  }
  const actor = { id: user.id, username: user.username, role: user.role };
  const value = secret.slice(0, MAX_PASSWORD_LENGTH);

  const passwordOk = user.passwordHash !== null && (await verifyPassword(user.passwordHash, value));
  const outcome = await db.$transaction(async (tx) => {
    const method = passwordOk ? ("password" as const) : await verifySecondFactor(tx, user, value, { actor, context });
    if (!method) {
      const locked = await recordFailedAttempt(tx, user, { action: "auth.reauth_failed", reason: "wrong_secret", context });
      return { ok: false as const, locked };
    }
    await tx.authSession.update({ where: { id: session.id }, data: { reauthenticatedAt: new Date() } });
    await tx.user.update({ where: { id: user.id }, data: { failedLogins: 0 } });
    await appendAuditEvent(tx, { action: "auth.reauth", actor, objectType: "session", objectId: session.id, details: { method }, context });
    return { ok: true as const, method };
  });
  if (outcome.ok) return { method: outcome.method };
  throw new DomainError(
    outcome.locked
      ? "Terlalu banyak percobaan gagal: akun dikunci 15 menit dan semua sesinya diakhiri."
      : "Kata sandi atau kode salah.",
    "secret",
  );
}
