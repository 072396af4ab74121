import "server-only";
import { decode } from "next-auth/jwt";

/** Cookies remembered at once: a few per user of a busy instance, a few hundred bytes each. */
const REMEMBERED = 2000;

const opened = new Map<string, { secret: string; sid: string; expiresAt: number }>();

/**
 * The server-side session id inside next-auth's signed and encrypted session cookie, or null for
 * a cookie that does not open with `secret` (tampered, expired, another secret's) or carries none.
 *
 * Opening a cookie derives its key (HKDF, a trip through libuv's thread pool) and decrypts it, on
 * every signed-in request, while a browser sends the same cookie for a whole session. So the ids
 * of the cookies opened last are remembered until their cookie expires: the same bytes under the
 * same secret always open to the same id. Nothing about the session itself is remembered — it is
 * read from the database on every request (loadActiveSession), so a sign-out, a revocation or a
 * role change still takes effect at once, on every instance.
 */
export async function sessionIdFromToken(token: string, secret: string): Promise<string | null> {
  const known = opened.get(token);
  if (known && known.secret === secret && Date.now() < known.expiresAt) return known.sid;
  if (known) opened.delete(token);
  let payload: Awaited<ReturnType<typeof decode>>;
  try {
    payload = await decode({ token, secret });
  } catch {
    return null;
  }
  const sid = typeof payload?.sid === "string" ? payload.sid : null;
  // next-auth always sets an expiry; a cookie without one is opened every time, as before.
  const expiresAt = typeof payload?.exp === "number" ? payload.exp * 1000 : 0;
  if (sid && expiresAt > Date.now()) {
    if (opened.size >= REMEMBERED) opened.delete(opened.keys().next().value!);
    opened.set(token, { secret, sid, expiresAt });
  }
  return sid;
}
