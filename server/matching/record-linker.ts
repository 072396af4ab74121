import "server-only";
import { ConstrainedClusters, type ClusterInput, type MergeRules } from "./union-find.ts";
import type { RecordLink } from "./types.ts";

/**
 * The linking rules of a resolution, over record indices: identifier links strongest first,
 * confirmed review pairs, name links best score first, and which grey-zone pairs go to review.
 * Each record keeps the strongest way it joined its cluster (its rule, the record it joined, and
 * the caller's reference to the scored pair). The in-memory resolver (resolve.ts) and the full
 * run's coordinator (full-match/resolve-clusters.ts) feed it the same edges in the same order,
 * so both reach the same businesses.
 */

const IDENTIFIER: MergeRules = { allowSameSource: true, allowNibConflict: true };
const BY_NAME: MergeRules = { allowSameSource: false, allowNibConflict: false };

/** Rules by strength: a record keeps the strongest link it got. */
export const LINK_RULES = ["dasar", "nama", "tinjauan", "kode", "nib", "npwp"] as const satisfies readonly RecordLink["rule"][];
export type LinkRule = (typeof LINK_RULES)[number];
const RANK: Record<LinkRule, number> = { dasar: 0, nama: 1, tinjauan: 2, kode: 3, nib: 4, npwp: 5 };

export class RecordLinker {
  readonly clusters: ConstrainedClusters;
  /** Per record: rank of its rule (LINK_RULES), the record it joined (−1), the pair reference. */
  readonly rule: Uint8Array;
  readonly withIdx: Int32Array;
  readonly refA: Int32Array;
  readonly refB: Int32Array;
  private readonly fingerprint: Int32Array;
  private readonly reviewed = new Set<string>();

  constructor(input: ClusterInput) {
    const n = input.npwp.length;
    this.clusters = new ConstrainedClusters(input);
    this.fingerprint = input.fingerprint;
    this.rule = new Uint8Array(n);
    this.withIdx = new Int32Array(n).fill(-1);
    this.refA = new Int32Array(n).fill(-1);
    this.refB = new Int32Array(n).fill(-1);
  }

  /** `m` shares an identifier with `anchor`, the first record of the key. */
  identifier(rule: "npwp" | "nib" | "kode", anchor: number, m: number): void {
    if (m === anchor) return;
    const c = this.clusters;
    if (c.find(m) !== c.find(anchor) && !c.union(anchor, m, IDENTIFIER)) return;
    this.set(m, RANK[rule], anchor, -1, -1);
    this.set(anchor, RANK[rule], m, -1, -1);
  }

  /** A pair a reviewer confirmed (each side: the first record of its fingerprint). */
  confirmed(left: number, right: number): void {
    if (!this.clusters.union(left, right, BY_NAME)) return;
    this.set(left, RANK.tinjauan, right, -1, -1);
    this.set(right, RANK.tinjauan, left, -1, -1);
  }

  /** A pair scored at or above the link threshold, in order of falling score. */
  name(a: number, b: number, refA: number, refB: number): void {
    const c = this.clusters;
    if (c.find(a) === c.find(b) || !c.union(a, b, BY_NAME)) return;
    this.set(a, RANK.nama, b, refA, refB);
    this.set(b, RANK.nama, a, refA, refB);
  }

  /**
   * A grey-zone pair, in order of falling score (after every link): true when it goes to the
   * review queue — still apart, joinable, not decided before and not already queued.
   */
  reviewable(a: number, b: number, decided: ReadonlySet<string>): boolean {
    const c = this.clusters;
    if (c.find(a) === c.find(b) || c.conflict(a, b, BY_NAME) !== null) return false;
    const key = fingerprintPairKey(this.fingerprint[a]!, this.fingerprint[b]!);
    if (this.reviewed.has(key) || decided.has(key)) return false;
    this.reviewed.add(key);
    return true;
  }

  /** Per record: the smallest index of its cluster (clusters numbered by first appearance). */
  clusterOf(): Int32Array {
    const n = this.rule.length;
    const first = new Int32Array(n).fill(-1);
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const root = this.clusters.find(i);
      if (first[root] === -1) first[root] = i;
      out[i] = first[root]!;
    }
    return out;
  }

  ruleOf(i: number): LinkRule {
    return LINK_RULES[this.rule[i]!]!;
  }

  private set(i: number, rank: number, other: number, refA: number, refB: number): void {
    if (rank <= this.rule[i]!) return;
    this.rule[i] = rank;
    this.withIdx[i] = other;
    this.refA[i] = refA;
    this.refB[i] = refB;
  }
}

/** Key of an unordered pair of fingerprint ids. */
export function fingerprintPairKey(x: number, y: number): string {
  return x < y ? `${x}:${y}` : `${y}:${x}`;
}
