import "server-only";

/**
 * Clusters of records with "cannot-link" constraints: two clusters merge only when they do not
 * hold different NPWPs, different NIBs, two different records of one partner, or a pair a
 * reviewer rejected. Union by size with path halving; members are kept per root (small lists are
 * folded into large ones) so cluster-wide checks stay cheap.
 */

export interface ClusterFacts {
  npwp: string | null;
  nib: string | null;
  /** Fingerprint of the record each source contributed, by source index. */
  sourceFingerprints: (string | null)[];
}

export interface MergeRules {
  /** Identifier links ignore the one-record-per-partner rule (an NPWP is one taxpayer). */
  allowSameSource: boolean;
  /** NIB and partner-code links may not override a different NIB either. */
  allowNibConflict: boolean;
}

export class ConstrainedClusters {
  private readonly parent: Int32Array;
  private readonly size: Int32Array;
  private readonly facts: (ClusterFacts | null)[];
  private readonly members: (number[] | null)[];

  constructor(
    initial: readonly ClusterFacts[],
    /** Fingerprint of each element, for rejected-pair checks. */
    private readonly fingerprints: readonly string[],
    /** fingerprint → fingerprints a reviewer said are a different business. */
    private readonly rejected: ReadonlyMap<string, ReadonlySet<string>>,
  ) {
    const n = initial.length;
    this.parent = new Int32Array(n);
    this.size = new Int32Array(n).fill(1);
    this.facts = initial.slice();
    this.members = new Array<number[] | null>(n).fill(null);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }

  get length(): number {
    return this.parent.length;
  }

  find(i: number): number {
    const parent = this.parent;
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  }

  factsOf(i: number): ClusterFacts {
    return this.facts[this.find(i)]!;
  }

  membersOf(i: number): number[] {
    const root = this.find(i);
    return this.members[root] ?? [root];
  }

  /** Why the clusters of a and b may not merge, or null when they may. */
  conflict(a: number, b: number, rules: MergeRules): string | null {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return null;
    const fa = this.facts[ra]!;
    const fb = this.facts[rb]!;
    if (fa.npwp && fb.npwp && fa.npwp !== fb.npwp) return "npwp";
    if (!rules.allowNibConflict && fa.nib && fb.nib && fa.nib !== fb.nib) return "nib";
    if (!rules.allowSameSource) {
      for (let s = 0; s < fa.sourceFingerprints.length; s++) {
        const x = fa.sourceFingerprints[s];
        const y = fb.sourceFingerprints[s];
        if (x && y && x !== y) return "sumber";
      }
    }
    if (this.rejected.size > 0 && this.spansRejection(ra, rb)) return "ditolak";
    return null;
  }

  /** Merges the clusters of a and b when allowed; returns false (and changes nothing) otherwise. */
  union(a: number, b: number, rules: MergeRules): boolean {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return true;
    if (this.conflict(ra, rb, rules) !== null) return false;
    if (this.size[ra]! < this.size[rb]!) [ra, rb] = [rb, ra];
    const fa = this.facts[ra]!;
    const fb = this.facts[rb]!;
    this.facts[ra] = {
      npwp: fa.npwp ?? fb.npwp,
      nib: fa.nib ?? fb.nib,
      sourceFingerprints: fa.sourceFingerprints.map((x, s) => x ?? fb.sourceFingerprints[s] ?? null),
    };
    this.facts[rb] = null;
    const into = this.members[ra] ?? [ra];
    for (const m of this.members[rb] ?? [rb]) into.push(m);
    this.members[ra] = into;
    this.members[rb] = null;
    this.parent[rb] = ra;
    this.size[ra]! += this.size[rb]!;
    return true;
  }

  private spansRejection(ra: number, rb: number): boolean {
    const left = this.members[ra] ?? [ra];
    const right = this.members[rb] ?? [rb];
    const [small, large] = left.length <= right.length ? [left, right] : [right, left];
    let largeFingerprints: Set<string> | null = null;
    for (const m of small) {
      const banned = this.rejected.get(this.fingerprints[m]!);
      if (!banned) continue;
      largeFingerprints ??= new Set(large.map((x) => this.fingerprints[x]!));
      for (const fp of banned) if (largeFingerprints.has(fp)) return true;
    }
    // Rejections are symmetric in the map, so checking the smaller side suffices.
    return false;
  }
}
