import "server-only";
import { z } from "zod";
import type { LeadFilter } from "@/lib/leads/lead-filter.ts";
import { openSecret, sealSecret, SecretBoxError } from "@/server/secrets/secret-box.ts";

/**
 * A search for a personal identifier (a NIK, an NPWP that is a NIK, a mobile number, an email)
 * never travels in the address bar, where it would sit in the browser history, in proxy and
 * server logs and in every shared link. The search form posts it (sealLeadSearchAction) and the
 * URL carries `?cari-token=…` instead: the text sealed under the server's secret key
 * (server/secrets/secret-box.ts, AES-256-GCM) together with its expiry, bound to the user who
 * searched. No table to clean up; another user's or an expired token simply searches nothing.
 * Every other filter stays in the URL as it is, so a link still reproduces the rest of the view.
 */

// One working shift: long enough to page through results and open leads, short enough that a
// link copied out of the browser stops working the same day.
const TOKEN_TTL_MS = 8 * 60 * 60 * 1000;

/** For doors that act on a whole filter (export, count, bulk assignment): never on "everything" instead. */
export const EXPIRED_SEARCH_MESSAGE = "Pencarian data pribadi sudah kedaluwarsa (berlaku 8 jam) atau milik akun lain. Ketik ulang di Cari, lalu coba lagi.";

const payloadSchema = z.object({ q: z.string().min(1), exp: z.number() });

const context = (userId: string) => `lead-search/${userId}`;

/** The opaque token for `q`, openable only by `userId` until it expires. */
export function sealLeadSearch(q: string, userId: string, now = Date.now()): string {
  return sealSecret(JSON.stringify({ q, exp: now + TOKEN_TTL_MS }), context(userId));
}

/** The search text behind `token` for `userId`, or null when it is another user's, expired or forged. */
export function openLeadSearch(token: string, userId: string, now = Date.now()): string | null {
  try {
    const payload = payloadSchema.safeParse(JSON.parse(openSecret(token, context(userId))));
    return payload.success && payload.data.exp > now ? payload.data.q : null;
  } catch (error) {
    if (error instanceof SecretBoxError || error instanceof SyntaxError) return null;
    throw error;
  }
}

/**
 * The filter a door queries with: `q` taken from the token when there is one (the token wins over
 * a `cari` beside it), the token itself dropped. `searchExpired` tells the page to ask for the
 * text again instead of silently listing everything.
 */
export function resolveLeadSearch(filter: LeadFilter, userId: string): { filter: LeadFilter; searchExpired: boolean } {
  const { qToken, ...rest } = filter;
  if (!qToken) return { filter: rest, searchExpired: false };
  const q = openLeadSearch(qToken, userId);
  return q === null ? { filter: { ...rest, q: undefined }, searchExpired: true } : { filter: { ...rest, q }, searchExpired: false };
}
