import "server-only";

/**
 * Clusters of records with "cannot-link" constraints: two clusters merge only when they do not
 * hold different NPWPs, different NIBs, two different records of one partner, or a pair a
 * reviewer rejected. Union by size with path halving.
 *
 * Everything is an integer (NPWP, NIB and fingerprint as ids the caller interned, 0 for none) in
 * typed arrays, about 30 bytes a record: a full run over ten million records keeps its clusters
 * in a few hundred megabytes, where objects per record took gigabytes. Members are tracked only
 * for records a reviewer rejected a pair of, the only cluster-wide check that needs them.
 */

export interface ClusterInput {
  /** Per record: interned NPWP, NIB and fingerprint (0 = none); npwp and nib become the clusters' own. */
  npwp: Int32Array;
  nib: Int32Array;
  fingerprint: Int32Array;
  /** Per record: index of its partner source (0 … sources − 1). */
  source: Uint8Array;
  sources: number;
  /** fingerprint id → fingerprint ids a reviewer said are a different business (symmetric). */
  rejected: ReadonlyMap<number, ReadonlySet<number>>;
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
  /** Per root: the cluster's NPWP and NIB ids. */
  private readonly npwp: Int32Array;
  private readonly nib: Int32Array;
  /** Per root × source: the fingerprint id of the record that source contributed. */
  private readonly sourceFingerprint: Int32Array;
  private readonly sources: number;
  private readonly fingerprint: Int32Array;
  private readonly rejected: ReadonlyMap<number, ReadonlySet<number>>;
  /** Per root: its members whose fingerprint is in a rejected pair. */
  private readonly watched = new Map<number, number[]>();

  constructor(input: ClusterInput) {
    const n = input.npwp.length;
    this.parent = new Int32Array(n);
    this.size = new Int32Array(n).fill(1);
    this.npwp = input.npwp;
    this.nib = input.nib;
    this.sources = input.sources;
    this.sourceFingerprint = new Int32Array(n * input.sources);
    this.fingerprint = input.fingerprint;
    this.rejected = input.rejected;
    for (let i = 0; i < n; i++) {
      this.parent[i] = i;
      this.sourceFingerprint[i * input.sources + input.source[i]!] = input.fingerprint[i]!;
      if (input.rejected.has(input.fingerprint[i]!)) this.watched.set(i, [i]);
    }
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

  /** Why the clusters of a and b may not merge, or null when they may. */
  conflict(a: number, b: number, rules: MergeRules): string | null {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return null;
    const pa = this.npwp[ra]!;
    const pb = this.npwp[rb]!;
    if (pa && pb && pa !== pb) return "npwp";
    const na = this.nib[ra]!;
    const nb = this.nib[rb]!;
    if (!rules.allowNibConflict && na && nb && na !== nb) return "nib";
    if (!rules.allowSameSource) {
      const s = this.sources;
      for (let k = 0; k < s; k++) {
        const x = this.sourceFingerprint[ra * s + k]!;
        const y = this.sourceFingerprint[rb * s + k]!;
        if (x && y && x !== y) return "sumber";
      }
    }
    if (this.watched.size > 0 && this.spansRejection(ra, rb)) return "ditolak";
    return null;
  }

  /** Merges the clusters of a and b when allowed; returns false (and changes nothing) otherwise. */
  union(a: number, b: number, rules: MergeRules): boolean {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return true;
    if (this.conflict(ra, rb, rules) !== null) return false;
    if (this.size[ra]! < this.size[rb]!) [ra, rb] = [rb, ra];
    if (!this.npwp[ra]) this.npwp[ra] = this.npwp[rb]!;
    if (!this.nib[ra]) this.nib[ra] = this.nib[rb]!;
    const s = this.sources;
    for (let k = 0; k < s; k++) {
      if (!this.sourceFingerprint[ra * s + k]) this.sourceFingerprint[ra * s + k] = this.sourceFingerprint[rb * s + k]!;
    }
    const moved = this.watched.get(rb);
    if (moved) {
      const into = this.watched.get(ra);
      if (into) for (const m of moved) into.push(m);
      else this.watched.set(ra, moved);
      this.watched.delete(rb);
    }
    this.parent[rb] = ra;
    this.size[ra]! += this.size[rb]!;
    return true;
  }

  private spansRejection(ra: number, rb: number): boolean {
    const left = this.watched.get(ra);
    const right = this.watched.get(rb);
    if (!left || !right) return false;
    const [small, large] = left.length <= right.length ? [left, right] : [right, left];
    let largeFingerprints: Set<number> | null = null;
    for (const m of small) {
      const banned = this.rejected.get(this.fingerprint[m]!);
      if (!banned) continue;
      largeFingerprints ??= new Set(large.map((x) => this.fingerprint[x]!));
      for (const fp of banned) if (largeFingerprints.has(fp)) return true;
    }
    // Rejections are symmetric in the map, so checking the smaller side suffices.
    return false;
  }
}

/** Interns strings as 1, 2, 3 … (0 stays "none"), for the in-memory resolver. */
export class Interner {
  private readonly ids = new Map<string, number>();
  id(value: string | null): number {
    if (value === null) return 0;
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.ids.size + 1;
      this.ids.set(value, id);
    }
    return id;
  }
  get(value: string): number | undefined {
    return this.ids.get(value);
  }
}
