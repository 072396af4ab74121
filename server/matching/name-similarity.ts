import "server-only";
import { keysAdjacent } from "@/lib/names/keyboard.ts";

/**
 * How alike two folded business names are, 0–1: a soft, weighted Dice over their words. Rare
 * words weigh more than the ones every other business uses (JAYA, MANDIRI, SEJAHTERA …), and a
 * word with a slip of the finger (one edit, two in long words, a short word's first letter
 * dropped) still counts for most of its weight. A misspelt word is rare because it is misspelt,
 * not because it sets the name apart: a word matched with edits weighs, on both sides, what the
 * lighter of the two weighs. Two names whose letters are the same once spaces go
 * ("SINARJAYA" / "SINAR JAYA") are equal.
 */

export interface TokenWeights {
  weight(token: string): number;
}

/** Inverse document frequency: ln(1 + N / df), where df counts the records that use the word. */
export class IdfWeights implements TokenWeights {
  private readonly cache = new Map<string, number>();
  constructor(
    private readonly frequency: (token: string) => number,
    private readonly total: number,
  ) {}

  weight(token: string): number {
    let w = this.cache.get(token);
    if (w === undefined) {
      const df = Math.max(1, this.frequency(token));
      w = Math.log(1 + Math.max(1, this.total) / df);
      this.cache.set(token, w);
    }
    return w;
  }
}

/** Credit for a word matched with edits. */
const FUZZY_CREDIT = 0.85;

export function nameSimilarity(aTokens: readonly string[], aKey: string, bTokens: readonly string[], bKey: string, weights: TokenWeights): number {
  if (aKey === bKey) return 1;
  let aTotal = 0;
  let bTotal = 0;
  for (const t of aTokens) aTotal += weights.weight(t);
  for (const t of bTokens) bTotal += weights.weight(t);
  if (aTotal === 0 || bTotal === 0) return 0;
  const used = new Uint8Array(bTokens.length);
  let shared = 0;
  for (const a of aTokens) {
    let best = 0;
    let bestAt = -1;
    for (let j = 0; j < bTokens.length; j++) {
      if (used[j]) continue;
      const b = bTokens[j]!;
      const credit = a === b ? 1 : wordsAlike(a, b) ? FUZZY_CREDIT : 0;
      if (credit > best) {
        best = credit;
        bestAt = j;
        if (credit === 1) break;
      }
    }
    if (bestAt >= 0) {
      used[bestAt] = 1;
      const wa = weights.weight(a);
      const wb = weights.weight(bTokens[bestAt]!);
      const lighter = Math.min(wa, wb);
      shared += best * lighter;
      // MAJU typed JAJU is as common as MAJU, however rare JAJU looks: weigh both as the lighter.
      if (best < 1) {
        aTotal += lighter - wa;
        bTotal += lighter - wb;
      }
    }
  }
  return (2 * shared) / (aTotal + bTotal);
}

/**
 * One edit apart (two for words of eight letters or more). Words of three letters must be equal
 * but for their first letter, dropped (AJU for MAJU) or one key off (DRA for ERA): the slips a
 * short word shows most, as its first letter is typed before the hand has settled.
 */
export function wordsAlike(a: string, b: string): boolean {
  const shortest = Math.min(a.length, b.length);
  if (shortest === 3) return firstLetterSlip(a, b);
  if (shortest < 4) return false;
  const allowed = shortest >= 8 ? 2 : 1;
  if (Math.abs(a.length - b.length) > allowed) return false;
  return editDistanceAtMost(a, b, allowed);
}

/** Optimal-string-alignment distance (swaps count as one edit) ≤ limit, with an early exit. */
export function editDistanceAtMost(a: string, b: string, limit: number): boolean {
  const n = a.length;
  const m = b.length;
  let prevPrev = new Int32Array(m + 1);
  let prev = new Int32Array(m + 1);
  let row = new Int32Array(m + 1);
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    row[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const cb = b.charCodeAt(j - 1);
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (ca === cb ? 0 : 1));
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) d = Math.min(d, prevPrev[j - 2]! + 1);
      row[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > limit) return false;
    [prevPrev, prev, row] = [prev, row, prevPrev];
  }
  return prev[m]! <= limit;
}

/** "AJU" and "MAJU" (first letter dropped), "DRA" and "ERA" (first letter one key off). */
function firstLetterSlip(a: string, b: string): boolean {
  if (a.length === b.length) return a.slice(1) === b.slice(1) && keysAdjacent(a[0]!, b[0]!);
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return long.length === short.length + 1 && long.endsWith(short);
}
