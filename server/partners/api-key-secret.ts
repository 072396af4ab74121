import "server-only";
import { createHash, randomBytes } from "node:crypto";

/** Keys start with this, so a leaked one is recognisable (secret scanners, logs). */
export const API_KEY_MARK = "jk_";
/** Characters of the secret shown in lists: the mark and 5 random characters. */
export const API_KEY_PREFIX_CHARS = 8;
// 32 random bytes → 43 base64url characters.
const API_KEY_PATTERN = /^jk_[A-Za-z0-9_-]{43}$/;

/**
 * A new API key secret: `jk_` + 32 random bytes (base64url). 256 bits of entropy make guessing
 * hopeless, so a plain SHA-256 is enough to store it (a slow password hash would only slow every
 * request down).
 */
export function generateApiKeySecret(): { secret: string; prefix: string; secretHash: string } {
  const secret = `${API_KEY_MARK}${randomBytes(32).toString("base64url")}`;
  return { secret, prefix: secret.slice(0, API_KEY_PREFIX_CHARS), secretHash: hashApiKeySecret(secret) };
}

export function hashApiKeySecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** True when `value` has the shape of one of our keys (anything else is not worth a lookup). */
export function looksLikeApiKey(value: string): boolean {
  return API_KEY_PATTERN.test(value);
}
