import "server-only";
import { generateSecret, generateURI, verify } from "otplib";
import QRCode from "qrcode";
import { openSecret, sealSecret } from "@/server/secrets/secret-box.ts";

/** Shown by authenticator apps above the code. */
const TOTP_ISSUER = "Jangkau BPJS Kesehatan";
/**
 * Codes of the step before and after the current one are accepted too (±30 s): phone clocks
 * drift, and a code typed in its last seconds arrives in the next step. Replay protection
 * (afterTimeStep) still refuses any step at or before the last one accepted.
 */
const TOTP_TOLERANCE_SECONDS = 30;

/** RFC 6238 defaults every authenticator app supports: SHA-1, 6 digits, 30 s; 160-bit secret. */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

export function totpUri(secret: string, username: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label: username, secret });
}

/** The enrolment QR code as an inline SVG data: URL (the CSP allows no remote images). */
export async function totpQrDataUrl(uri: string): Promise<string> {
  const svg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
}

/** A stored secret is sealed and bound to its user, so a value copied onto another row does not open. */
const sealContext = (userId: string) => `user/${userId}/totp`;
export const sealTotpSecret = (userId: string, secret: string) => sealSecret(secret, sealContext(userId));
export const openTotpSecret = (userId: string, sealed: string) => openSecret(sealed, sealContext(userId));

export const TOTP_CODE_PATTERN = /^\d{6}$/;

/**
 * Checks a 6-digit code; returns the time step it belongs to (store it as the user's last step)
 * or null when it is wrong, outside the window, or of a step already used (a replay).
 */
export async function verifyTotpCode(secret: string, code: string, lastStep: number | null): Promise<number | null> {
  const token = code.replace(/\s+/g, "");
  if (!TOTP_CODE_PATTERN.test(token)) return null;
  try {
    const result = await verify({
      secret,
      token,
      epochTolerance: TOTP_TOLERANCE_SECONDS,
      ...(lastStep !== null && { afterTimeStep: lastStep }),
    });
    return result.valid && "timeStep" in result ? result.timeStep : null;
  } catch {
    return null;
  }
}
