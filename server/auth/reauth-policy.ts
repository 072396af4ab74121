import "server-only";
import { DomainError } from "@/server/errors.ts";

/**
 * How long a proof of identity (sign-in, or "Konfirmasi identitas" with the password or an
 * authenticator code) lets a session do sensitive things: change a role, create a partner API
 * key, set SFTP credentials, see or check a balikan ZIP password. Five minutes covers one task
 * and leaves a walked-away-from screen little to abuse.
 */
export const REAUTH_WINDOW_MS = 5 * 60_000;

export const REAUTH_REQUIRED_MESSAGE =
  "Tindakan ini memerlukan konfirmasi identitas. Pilih “Konfirmasi identitas”, masukkan kata sandi atau kode autentikator Anda, lalu ulangi (berlaku 5 menit).";

/** A refusal the form can act on: it offers the "Konfirmasi identitas" step. */
export class ReauthRequiredError extends DomainError {
  constructor() {
    super(REAUTH_REQUIRED_MESSAGE);
    this.name = "ReauthRequiredError";
  }
}

export function hasRecentReauth(reauthenticatedAt: Date | null, now = Date.now()): boolean {
  return reauthenticatedAt !== null && now - reauthenticatedAt.getTime() < REAUTH_WINDOW_MS && reauthenticatedAt.getTime() <= now;
}

/** Checked on the server by every sensitive action, whatever the page showed. */
export function assertRecentReauth(session: { reauthenticatedAt: Date | null }): void {
  if (!hasRecentReauth(session.reauthenticatedAt)) throw new ReauthRequiredError();
}
