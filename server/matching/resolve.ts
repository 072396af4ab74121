import "server-only";
import { NAME_KEY_CAP, identifierKeys, nameKeys } from "./blocking-keys.ts";
import type { TokenWeights } from "./name-similarity.ts";
import { AUTO_LINK, REVIEW, scorePair } from "./score-pair.ts";
import { BUSINESS_SOURCES, pairKey, type LinkEvidence, type MatchRecord, type RecordLink, type ReviewCandidate, type ReviewDecisions } from "./types.ts";
import { ConstrainedClusters, type MergeRules } from "./union-find.ts";

/**
 * Entity resolution of a set of business records, in memory:
 *   1. identifiers: the same NPWP, then the same NIB, then the same partner code, link;
 *   2. review decisions: confirmed pairs link, rejected pairs never end up together;
 *   3. names: records of one regency that share a name key are scored (score-pair.ts); the
 *      best-scoring pairs link first, grey-zone pairs become review candidates.
 * Throughout, two clusters with different NPWPs never merge; name links also respect different
 * NIBs and "a partner lists a business once" (two records of one source stay apart).
 */

export interface ResolveInput {
  records: readonly MatchRecord[];
  weights: TokenWeights;
  decisions: ReviewDecisions;
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
  stats: { identifierLinks: number; nameLinks: number; reviewLinks: number; pairsScored: number; blockedByRule: number };
}

const IDENTIFIER: MergeRules = { allowSameSource: true, allowNibConflict: true };
const BY_NAME: MergeRules = { allowSameSource: false, allowNibConflict: false };
const RULE_RANK = { npwp: 5, nib: 4, kode: 3, tinjauan: 2, nama: 1, dasar: 0 } as const;

export function resolveRecords(input: ResolveInput): ResolveResult {
  const { records, weights, decisions } = input;
  const n = records.length;
  const sourceIndex = new Map<string, number>(BUSINESS_SOURCES.map((s, i) => [s, i]));
  const rejected = new Map<string, Set<string>>();
  const confirmed: [string, string][] = [];
  for (const [key, status] of decisions) {
    const [a, b] = key.split("\u0000") as [string, string];
    if (status === "REJECTED") {
      addToSet(rejected, a, b);
      addToSet(rejected, b, a);
    } else confirmed.push([a, b]);
  }
  const clusters = new ConstrainedClusters(
    records.map((r) => {
      const fps: (string | null)[] = BUSINESS_SOURCES.map(() => null);
      fps[sourceIndex.get(r.source)!] = r.fingerprint;
      return { npwp: r.npwp, nib: r.nib, sourceFingerprints: fps };
    }),
    records.map((r) => r.fingerprint),
    rejected,
  );
  const links: RecordLink[] = records.map((r) => ({ recordId: r.id, rule: "dasar", score: null, evidence: {} }));
  const setLink = (i: number, rule: RecordLink["rule"], score: number | null, evidence: LinkEvidence) => {
    if (RULE_RANK[rule] > RULE_RANK[links[i]!.rule]) links[i] = { recordId: records[i]!.id, rule, score, evidence };
  };
  const stats = { identifierLinks: 0, nameLinks: 0, reviewLinks: 0, pairsScored: 0, blockedByRule: 0 };

  // 1. Identifiers, strongest first.
  const groups = new Map<string, number[]>();
  for (let i = 0; i < n; i++) for (const key of identifierKeys(records[i]!)) addTo(groups, key, i);
  for (const prefix of ["n:", "b:", "w:", "k:"]) {
    const rule = prefix === "n:" ? "npwp" : prefix === "b:" ? "nib" : "kode";
    for (const [key, members] of groups) {
      if (!key.startsWith(prefix) || members.length < 2) continue;
      const anchor = members[0]!;
      for (const m of members) {
        if (m !== anchor && clusters.find(m) !== clusters.find(anchor)) {
          if (clusters.union(anchor, m, IDENTIFIER)) stats.identifierLinks++;
          else {
            stats.blockedByRule++;
            continue;
          }
        }
        if (m !== anchor && clusters.find(m) === clusters.find(anchor)) {
          const evidence = { with: records[anchor]!.fingerprint };
          setLink(m, rule, null, evidence);
          setLink(anchor, rule, null, { with: records[m]!.fingerprint });
        }
      }
    }
  }

  // 2. Decisions of the review queue.
  const byFingerprint = new Map<string, number[]>();
  if (decisions.size > 0) for (let i = 0; i < n; i++) addTo(byFingerprint, records[i]!.fingerprint, i);
  for (const [a, b] of confirmed) {
    const left = byFingerprint.get(a)?.[0];
    const right = byFingerprint.get(b)?.[0];
    if (left === undefined || right === undefined) continue;
    if (clusters.union(left, right, BY_NAME)) {
      stats.reviewLinks++;
      setLink(left, "tinjauan", null, { with: b });
      setLink(right, "tinjauan", null, { with: a });
    }
  }

  // 3. Names, within each regency.
  const accepted: { a: number; b: number; score: number; evidence: LinkEvidence }[] = [];
  const grey: { a: number; b: number; score: number; evidence: LinkEvidence }[] = [];
  const byRegency = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const regency = records[i]!.regencyCode;
    if (regency) addTo(byRegency, regency, i);
  }
  let done = 0;
  for (const block of byRegency.values()) {
    const postings = new Map<string, { cap: number; list: number[] }>();
    for (const i of block) {
      for (const { kind, key } of nameKeys(records[i]!)) {
        const posting = postings.get(key);
        if (posting) posting.list.push(i);
        else postings.set(key, { cap: NAME_KEY_CAP[kind], list: [i] });
      }
    }
    const seen = new Set<number>();
    for (const { cap, list } of postings.values()) {
      if (list.length < 2 || list.length > cap) continue;
      for (let x = 0; x < list.length; x++) {
        const a = list[x]!;
        for (let y = x + 1; y < list.length; y++) {
          const b = list[y]!;
          if (clusters.find(a) === clusters.find(b)) continue;
          const fa = clusters.factsOf(a);
          const fb = clusters.factsOf(b);
          if (fa.npwp && fb.npwp && fa.npwp !== fb.npwp) continue;
          const pair = a < b ? a * n + b : b * n + a;
          if (seen.has(pair)) continue;
          seen.add(pair);
          stats.pairsScored++;
          const scored = scorePair(records[a]!, records[b]!, weights);
          if (!scored || scored.score < REVIEW) continue;
          (scored.score >= AUTO_LINK ? accepted : grey).push({ a, b, score: scored.score, evidence: scored.evidence });
        }
      }
    }
    done += block.length;
    input.progress?.(done);
  }
  accepted.sort((x, y) => y.score - x.score);
  for (const { a, b, score, evidence } of accepted) {
    if (decisions.get(pairKey(records[a]!.fingerprint, records[b]!.fingerprint)) === "REJECTED") continue;
    if (clusters.find(a) === clusters.find(b)) continue;
    if (clusters.union(a, b, BY_NAME)) {
      stats.nameLinks++;
      setLink(a, "nama", score, { ...evidence, with: records[b]!.fingerprint });
      setLink(b, "nama", score, { ...evidence, with: records[a]!.fingerprint });
    } else stats.blockedByRule++;
  }

  // Grey-zone pairs that are still apart and could be joined go to the reviewers.
  const review: ReviewCandidate[] = [];
  const reviewed = new Set<string>();
  grey.sort((x, y) => y.score - x.score);
  for (const { a, b, score, evidence } of grey) {
    if (clusters.find(a) === clusters.find(b) || clusters.conflict(a, b, BY_NAME) !== null) continue;
    const [left, right] = records[a]!.fingerprint < records[b]!.fingerprint ? [records[a]!, records[b]!] : [records[b]!, records[a]!];
    const key = pairKey(left.fingerprint, right.fingerprint);
    if (reviewed.has(key) || decisions.has(key)) continue;
    reviewed.add(key);
    review.push({ left, right, score, evidence });
  }

  const byRoot = new Map<number, number[]>();
  for (let i = 0; i < n; i++) addTo(byRoot, clusters.find(i), i);
  return { clusters: [...byRoot.values()].map((members) => ({ members })), links, review, stats };
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
