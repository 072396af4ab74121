import "server-only";
import { createHash } from "node:crypto";

/**
 * Business ids follow from a business's records, not from the history of runs: the id is a hash
 * of the cluster's **anchor** — the smallest of its partner-code fingerprints (Kode WLKP, BPJS's
 * Kode Badan Usaha, AHU's NPWP), or the smallest fingerprint when it has none — as a positive
 * 15-digit number (under 2^49), so JavaScript, JSON and URLs carry it exactly and no id reads as a
 * NIK (16 digits) to the masking rule, which would hide it in the audit trail. The same records therefore give
 * the same ids whatever order they were imported and matched in, an incremental run and a full
 * run alike. Partner codes come first because they outlive a corrected name or address, which
 * changes a row-content fingerprint: the id then survives new periods.
 *
 * When the anchor changes (two businesses merge, or the anchor's record leaves), the business
 * gets the new anchor's id and its follow-up work moves there (`successorIds`).
 *
 * Two anchors hashing to one id (about 0.2 such pairs expected among ten million businesses) are told
 * apart deterministically: the smaller anchor keeps the hash, the other takes the hash of
 * `anchor#1`, `anchor#2` … (`businessIdOf(anchor, attempt)`).
 */

/** Fingerprints of a partner's own code (fingerprint.ts): `<source>/w|k|n/<code>`. */
const STABLE_FINGERPRINT = /^[^/]+\/[wkn]\//;

/** The same test in SQL (a POSIX regular expression), for a full run's anchors. */
export const STABLE_FINGERPRINT_SQL = `'^[^/]+/[wkn]/'`;

/** The fingerprint a cluster's id is derived from. */
export function anchorOf(fingerprints: readonly string[]): string {
  let best: string | null = null;
  let bestStable = false;
  for (const fp of fingerprints) {
    const stable = STABLE_FINGERPRINT.test(fp);
    if (best === null || (stable && !bestStable) || (stable === bestStable && fp < best)) {
      best = fp;
      bestStable = stable;
    }
  }
  if (best === null) throw new Error("a cluster without records");
  return best;
}

/**
 * Content ids lie in [2^48, 2^49): 15 digits each, never NIK-shaped (16 digits, masked wherever
 * it appears), far below JavaScript's largest exact integer, and above every id the old sequence
 * gave, so a business still numbered by it is told apart (run-match.ts).
 */
export const CONTENT_ID_MIN = 1n << 48n;

/** The id of an anchor: 48 bits of its SHA-256 above `CONTENT_ID_MIN`. */
export function businessIdOf(anchor: string, attempt = 0): bigint {
  const digest = createHash("sha256").update(attempt === 0 ? anchor : `${anchor}#${attempt}`, "utf8").digest();
  return CONTENT_ID_MIN | (digest.readBigUInt64BE(0) >> 16n);
}

/** `businessIdOf(anchor)` in SQL, for a full run. */
export function businessIdSql(anchor: string): string {
  return `(${CONTENT_ID_MIN}::bigint | ('x' || substr(encode(sha256(convert_to(${anchor}, 'UTF8')), 'hex'), 1, 12))::bit(48)::bigint)`;
}

/**
 * Each cluster's id from its anchor. `taken` names ids held by businesses this run does not
 * rewrite (an incremental run's neighbours). A hash two anchors share stays with the smaller
 * one; the others, and a cluster whose hash `taken` holds, take the next attempt that neither
 * any cluster's first hash nor an id settled before holds (losers in anchor order): a full run
 * settles the same way in SQL (`settleCollisions`).
 */
export function assignBusinessIds(clusters: readonly (readonly string[])[], taken: ReadonlySet<bigint> = new Set()): bigint[] {
  const anchors = clusters.map(anchorOf);
  const first = anchors.map((a) => businessIdOf(a));
  const owner = new Map<bigint, number>();
  anchors.forEach((anchor, i) => {
    const held = owner.get(first[i]!);
    if (held === undefined || anchor < anchors[held]!) owner.set(first[i]!, i);
  });
  const ids = first.map((id, i) => (owner.get(id) === i && !taken.has(id) ? id : null));
  const losers = ids.flatMap((id, i) => (id === null ? [i] : [])).sort((a, b) => (anchors[a]! < anchors[b]! ? -1 : 1));
  if (losers.length === 0) return ids as bigint[];
  const held = new Set([...first, ...taken]);
  const settled = settleCollisions(
    losers.map((i) => anchors[i]!),
    (id) => held.has(id),
  );
  losers.forEach((i, k) => (ids[i] = settled[k]!));
  return ids as bigint[];
}

/**
 * Ids for anchors whose first hash is someone else's, in the given (anchor) order: each takes the
 * first attempt `isHeld` does not name and no earlier one of them took.
 */
export function settleCollisions(anchors: readonly string[], isHeld: (id: bigint) => boolean): bigint[] {
  const mine = new Set<bigint>();
  return anchors.map((anchor) => {
    let attempt = 1;
    let id = businessIdOf(anchor, attempt);
    while (isHeld(id) || mine.has(id)) id = businessIdOf(anchor, ++attempt);
    mine.add(id);
    return id;
  });
}

/**
 * Where each business that this run dissolves went: for every previous id no cluster kept, the
 * id of the cluster holding most of its records (ties: the smaller id). Follow-up work on a
 * dissolved business moves there (server/leads/carry-follow-ups.ts). A business whose records
 * all left the current data has no successor.
 */
export function successorIds(
  clusters: readonly (readonly string[])[],
  previous: ReadonlyMap<string, bigint>,
  ids: readonly bigint[],
): Map<bigint, bigint> {
  const kept = new Set(ids);
  const votes = new Map<bigint, Map<bigint, number>>();
  clusters.forEach((fingerprints, i) => {
    for (const fp of fingerprints) {
      const old = previous.get(fp);
      if (old === undefined || kept.has(old)) continue;
      const byNew = votes.get(old) ?? new Map<bigint, number>();
      byNew.set(ids[i]!, (byNew.get(ids[i]!) ?? 0) + 1);
      votes.set(old, byNew);
    }
  });
  const successors = new Map<bigint, bigint>();
  for (const [old, byNew] of votes) successors.set(old, mostVoted(byNew)!);
  return successors;
}

/** The id with the most votes; ties go to the smaller id. Null when nobody voted. */
function mostVoted(votes: ReadonlyMap<bigint, number>): bigint | null {
  let best: bigint | null = null;
  let bestVotes = 0;
  for (const [id, count] of votes) {
    if (count > bestVotes || (count === bestVotes && best !== null && id < best)) {
      best = id;
      bestVotes = count;
    }
  }
  return best;
}
