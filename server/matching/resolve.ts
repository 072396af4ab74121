import "server-only";
import { identifierKeys } from "./blocking-keys.ts";
import type { TokenWeights } from "./name-similarity.ts";
import { RecordLinker, fingerprintPairKey } from "./record-linker.ts";
import { AUTO_LINK } from "./score-pair.ts";
import { scoreRegency } from "./score-regency.ts";
import { BUSINESS_SOURCES, type LinkEvidence, type MatchRecord, type RecordLink, type ReviewCandidate, type ReviewDecisions } from "./types.ts";
import { Interner } from "./union-find.ts";

/**
 * Entity resolution of a set of business records, in memory (incremental runs, a few thousand
 * records; a full run partitions the same work, full-match/):
 *   1. identifiers: the same NPWP, then the same NIB, then the same partner code, link;
 *   2. review decisions: confirmed pairs link, rejected pairs never end up together;
 *   3. names: records of one regency that share a name key are scored (score-regency.ts); the
 *      best-scoring pairs link first, grey-zone pairs become review candidates.
 * Throughout, two clusters with different NPWPs never merge; name links also respect different
 * NIBs and "a partner lists a business once" (two records of one source stay apart).
 */

export interface ResolveInput {
  records: readonly MatchRecord[];
  weights: TokenWeights;
  decisions: ReviewDecisions;
  /**
   * Name keys too common to score through, counted over every current record of their regency
   * (an incremental run holds part of it; a full one counts its blocks itself).
   */
  commonKeys?: ReadonlySet<string>;
  /** Called now and then with the records done (for progress). */
  progress?: (done: number) => void;
}

export interface ResolvedCluster {
  /** Indices into `records`. */
  members: number[];
}

export interface ResolveResult {
  clusters: ResolvedCluster[];
  /** Per record index: how it joined its cluster. */
  links: RecordLink[];
  review: ReviewCandidate[];
}

/** The order identifier keys link in, strongest first (blocking-keys.ts prefixes). */
export const IDENTIFIER_PREFIXES = [
  ["n:", "npwp"],
  ["b:", "nib"],
  ["w:", "kode"],
  ["k:", "kode"],
] as const;

interface ScoredPair {
  a: number;
  b: number;
  score: number;
  evidence: LinkEvidence;
}

export function resolveRecords(input: ResolveInput): ResolveResult {
  const { records, weights, decisions } = input;
  const n = records.length;
  const sourceIndex = new Map<string, number>(BUSINESS_SOURCES.map((s, i) => [s, i]));
  const npwps = new Interner();
  const nibs = new Interner();
  const fingerprints = new Interner();
  const fingerprint = Int32Array.from(records, (r) => fingerprints.id(r.fingerprint));
  const rejected = new Map<number, Set<number>>();
  const confirmed: [number, number][] = [];
  const decided = new Set<string>();
  for (const [key, status] of decisions) {
    const [a, b] = key.split("\u0000").map((fp) => fingerprints.get(fp)) as [number | undefined, number | undefined];
    if (a === undefined || b === undefined) continue;
    decided.add(fingerprintPairKey(a, b));
    if (status === "REJECTED") {
      addToSet(rejected, a, b);
      addToSet(rejected, b, a);
    } else confirmed.push([a, b]);
  }
  const linker = new RecordLinker({
    npwp: Int32Array.from(records, (r) => npwps.id(r.npwp)),
    nib: Int32Array.from(records, (r) => nibs.id(r.nib)),
    fingerprint,
    source: Uint8Array.from(records, (r) => sourceIndex.get(r.source)!),
    sources: BUSINESS_SOURCES.length,
    rejected,
  });

  // Everything that could depend on which record came first goes in fingerprint order instead
  // (record ids tell only identical fingerprints apart): the same records link the same way
  // whatever order they were imported in.
  const canon = canonicalRanks(records);

  // 1. Identifiers, strongest first; each key's records join its first record.
  const groups = new Map<string, number[]>();
  for (const i of byRank(canon)) for (const key of identifierKeys(records[i]!)) addTo(groups, key, i);
  for (const [prefix, rule] of IDENTIFIER_PREFIXES) {
    for (const [key, members] of groups) {
      if (!key.startsWith(prefix) || members.length < 2) continue;
      for (const m of members) linker.identifier(rule, members[0]!, m);
    }
  }

  // 2. Decisions of the review queue.
  const firstOf = new Map<number, number>();
  for (let i = n - 1; i >= 0; i--) firstOf.set(fingerprint[i]!, i);
  for (const [a, b] of confirmed) linker.confirmed(firstOf.get(a)!, firstOf.get(b)!);

  // 3. Names, within each regency.
  const accepted: ScoredPair[] = [];
  const grey: ScoredPair[] = [];
  const byRegency = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const regency = records[i]!.regencyCode;
    if (regency) addTo(byRegency, regency, i);
  }
  let done = 0;
  for (const block of byRegency.values()) {
    scoreRegency(
      block.map((i) => records[i]!),
      weights,
      (x, y, score, evidence) => (score >= AUTO_LINK ? accepted : grey).push({ a: block[x]!, b: block[y]!, score, evidence }),
      input.commonKeys,
    );
    done += block.length;
    input.progress?.(done);
  }
  const bestFirst = (x: ScoredPair, y: ScoredPair) => y.score - x.score || pairRank(canon, x) - pairRank(canon, y) || pairRank2(canon, x) - pairRank2(canon, y);
  accepted.sort(bestFirst);
  accepted.forEach(({ a, b }, i) => linker.name(a, b, i, -1));

  // Grey-zone pairs that are still apart and could be joined go to the reviewers.
  const review: ReviewCandidate[] = [];
  grey.sort(bestFirst);
  for (const { a, b, score, evidence } of grey) {
    if (!linker.reviewable(a, b, decided)) continue;
    const [left, right] = records[a]!.fingerprint < records[b]!.fingerprint ? [records[a]!, records[b]!] : [records[b]!, records[a]!];
    review.push({ left, right, score, evidence });
  }

  const links: RecordLink[] = records.map((r, i) => {
    const rule = linker.ruleOf(i);
    if (rule === "dasar") return { recordId: r.id, rule, score: null, evidence: {} };
    const other = records[linker.withIdx[i]!]!.fingerprint;
    if (rule !== "nama") return { recordId: r.id, rule, score: null, evidence: { with: other } };
    const pair = accepted[linker.refA[i]!]!;
    return { recordId: r.id, rule, score: pair.score, evidence: { ...pair.evidence, with: other } };
  });
  const clusterOf = linker.clusterOf();
  const byCluster = new Map<number, number[]>();
  for (let i = 0; i < n; i++) addTo(byCluster, clusterOf[i]!, i);
  return { clusters: [...byCluster.values()].map((members) => ({ members })), links, review };
}

/** Per record: its place in (fingerprint, record order); the full run numbers the same in SQL. */
export function canonicalRanks(records: readonly MatchRecord[]): Int32Array {
  const order = records.map((_, i) => i);
  order.sort((a, b) => {
    const x = records[a]!.fingerprint;
    const y = records[b]!.fingerprint;
    return x < y ? -1 : x > y ? 1 : a - b;
  });
  const ranks = new Int32Array(records.length);
  order.forEach((i, rank) => (ranks[i] = rank));
  return ranks;
}

/** Record indices in canonical order. */
function byRank(ranks: Int32Array): number[] {
  const order = new Array<number>(ranks.length);
  ranks.forEach((rank, i) => (order[rank] = i));
  return order;
}

/** A pair's place among equal scores: its first record's rank, then its second's. */
function pairRank(ranks: Int32Array, p: ScoredPair): number {
  return Math.min(ranks[p.a]!, ranks[p.b]!);
}

function pairRank2(ranks: Int32Array, p: ScoredPair): number {
  return Math.max(ranks[p.a]!, ranks[p.b]!);
}

function addTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

function addToSet<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (set === undefined) map.set(key, new Set([value]));
  else set.add(value);
}
