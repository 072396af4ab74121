import "server-only";
import type { MatchRecord } from "./types.ts";

/**
 * Keys under which a record can meet the records it may describe the same business as. Identifier
 * keys (NPWP, NIB, a partner's own code) link on their own; name keys only make two records of
 * the same regency candidates for scoring: the whole folded name, each pair of neighbouring
 * words, and each word of three letters or more (a typo spoils one word, not all of them). A
 * name of one word has no other word to meet by when that word is mistyped (BORNEOGHNA for
 * BORNEOGUNA): its first and last five letters are name keys too.
 * Common words make huge blocks: `NAME_KEY_CAP` leaves those out when candidates are drawn.
 */

/** Name keys shared by more records than this are too common to draw candidates from. */
export const NAME_KEY_CAP = { name: 400, pair: 200, word: 120 } as const;

export type NameKeyKind = keyof typeof NAME_KEY_CAP;

/** Letters of a one-word name's head and tail keys, and the shortest name given them (shorter ones share too much). */
const ONE_WORD_END = 5;
const ONE_WORD_MIN = 7;

export interface NameKey {
  kind: NameKeyKind;
  key: string;
}

export function identifierKeys(r: MatchRecord): string[] {
  const keys: string[] = [];
  if (r.npwp) keys.push(`n:${r.npwp}`);
  if (r.nib) keys.push(`b:${r.nib}`);
  const code = partnerCode(r);
  if (code) keys.push(code);
  return keys;
}

/** The partner's own code of the record (unique within that partner only). */
export function partnerCode(r: MatchRecord): string | null {
  if (r.source === "kemnaker-bu" && r.kodeWlkp) return `w:${r.kodeWlkp}`;
  if (r.source === "bpjs-bu" && r.kodeBadanUsaha) return `k:${r.kodeBadanUsaha}`;
  return null;
}

export function nameKeys(r: Pick<MatchRecord, "regencyCode" | "key" | "tokens">): NameKey[] {
  const region = r.regencyCode;
  if (!region || !r.key) return [];
  const keys: NameKey[] = [{ kind: "name", key: `f:${region}:${r.key}` }];
  const tokens = r.tokens;
  if (tokens.length === 1 && r.key.length >= ONE_WORD_MIN) {
    keys.push({ kind: "name", key: `h:${region}:${r.key.slice(0, ONE_WORD_END)}` }, { kind: "name", key: `e:${region}:${r.key.slice(-ONE_WORD_END)}` });
  }
  for (let i = 0; i + 1 < tokens.length; i++) keys.push({ kind: "pair", key: `p:${region}:${tokens[i]} ${tokens[i + 1]}` });
  const seen = new Set<string>();
  for (const t of tokens) {
    if (t.length >= 3 && !seen.has(t)) {
      seen.add(t);
      keys.push({ kind: "word", key: `t:${region}:${t}` });
    }
  }
  return keys;
}

/**
 * A 63-bit hash of a key (two 32-bit FNV-1a variants), for the `match_key` table: collisions only
 * add a candidate that scoring then rejects.
 */
export function keyHash(key: string): bigint {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ key.length;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  return (BigInt((h1 >>> 0) & 0x7fffffff) << 32n) | BigInt(h2 >>> 0);
}

/**
 * The stored blocking keys (match_key) of a record: its identifier keys and every name key, the
 * common ones included. An incremental run reads from them how many current records share a
 * key — whether the full run would score through it (`NAME_KEY_CAP`) — and which records a key
 * that crosses the cap concerns, so it scores exactly the pairs a full run would.
 */
export function recordKeyHashes(r: MatchRecord): Set<bigint> {
  const hashes = new Set<bigint>();
  for (const key of identifierKeys(r)) hashes.add(keyHash(key));
  for (const { key } of nameKeys(r)) hashes.add(keyHash(key));
  return hashes;
}
