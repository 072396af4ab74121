import "server-only";
import { db } from "@/server/db/client.ts";
import { newTotpSecret, openTotpSecret, sealTotpSecret, totpQrDataUrl, totpUri } from "./totp.ts";

export interface TotpEnrolment {
  /** Base32, grouped in fours for typing into an app by hand. */
  secretForManualEntry: string;
  uri: string;
  qrDataUrl: string;
}

/**
 * The enrolment the "Keamanan akun" page shows to a user without an active second factor: a new
 * secret, kept sealed on the user's row as pending until a code confirms it. Showing the page
 * again shows the same pending secret (an app may already hold it); once confirmed, the secret is
 * never shown again. Null when a factor is already active.
 */
export async function prepareTotpEnrolment(userId: string): Promise<TotpEnrolment | null> {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { id: true, username: true, totpSecret: true, totpPendingSecret: true },
  });
  if (user.totpSecret) return null;
  let secret = user.totpPendingSecret ? openTotpSecret(user.id, user.totpPendingSecret) : null;
  if (!secret) {
    secret = newTotpSecret();
    await db.user.update({ where: { id: user.id }, data: { totpPendingSecret: sealTotpSecret(user.id, secret) } });
  }
  const uri = totpUri(secret, user.username);
  return { secretForManualEntry: secret.replace(/(.{4})(?=.)/g, "$1 "), uri, qrDataUrl: await totpQrDataUrl(uri) };
}
