import "server-only";
import { NAME_KEY_CAP, nameKeys } from "./blocking-keys.ts";
import type { TokenWeights } from "./name-similarity.ts";
import { REVIEW, scorePair } from "./score-pair.ts";
import type { LinkEvidence, MatchRecord } from "./types.ts";

/**
 * Name matching inside one regency: records sharing a name key (blocking-keys.ts) are scored,
 * and every pair at or above the review threshold is passed to `emit`. Which pairs are emitted
 * does not depend on the block's order; their order does, so the linking breaks ties between
 * equal scores by the records' fingerprints instead (resolve.ts `canonicalRanks`).
 * It reads nothing outside the block, so regencies are independent units of work.
 *
 * Two records that both carry an NPWP are not scored: with the same one the identifier pass has
 * joined them already, with different ones they may never merge.
 */
export function scoreRegency(
  block: readonly MatchRecord[],
  weights: TokenWeights,
  emit: (x: number, y: number, score: number, evidence: LinkEvidence) => void,
  /** Keys more records of the whole regency share than their cap (a block that is part of it). */
  common?: ReadonlySet<string>,
): number {
  const postings = new Map<string, { cap: number; list: number[] }>();
  block.forEach((r, i) => {
    for (const { kind, key } of nameKeys(r)) {
      const posting = postings.get(key);
      if (posting) posting.list.push(i);
      else postings.set(key, { cap: NAME_KEY_CAP[kind], list: [i] });
    }
  });
  const n = block.length;
  const seen = new Set<number>();
  let scored = 0;
  for (const [key, { cap, list }] of postings) {
    if (list.length < 2 || list.length > cap || common?.has(key)) continue;
    for (let x = 0; x < list.length; x++) {
      const a = list[x]!;
      const ra = block[a]!;
      for (let y = x + 1; y < list.length; y++) {
        const b = list[y]!;
        const rb = block[b]!;
        if (ra.npwp && rb.npwp) continue;
        const pair = a < b ? a * n + b : b * n + a;
        if (seen.has(pair)) continue;
        seen.add(pair);
        scored++;
        const result = scorePair(ra, rb, weights);
        if (result && result.score >= REVIEW) emit(a, b, result.score, result.evidence);
      }
    }
  }
  return scored;
}
