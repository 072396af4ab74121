import "server-only";
import pg from "pg";
import { copyOutRows } from "@/server/db/copy-out.ts";
import { openPartnerFile } from "@/server/ingest/read/open-partner-file.ts";
import { NOISE_KINDS, type NoiseKind } from "./demo-data/noise.ts";
import type { WorkerJknStatus } from "./demo-data/workers.ts";
import { evaluateWorkers, ratio, type TruthListedBusiness, type TruthWorker, type WorkerQuality } from "./evaluate-workers.ts";

/**
 * Compares the resolver's result with the demo generator's ground truth (ground-truth.csv):
 * precision and recall of Belum terdaftar and Daftar sebagian, the share of true businesses split
 * over two or more businesses, the share of businesses holding records of more than one true
 * business, merges across different NPWPs, branches merged into their head office, region-name
 * resolution accuracy, notary status accuracy, and the worker pass (`evaluate-workers.ts`); the
 * business figures also per noise kind (ground truth `noise_kinds`). Used by
 * `npm run bench:match`, `npm run bench:workers` and the integration tests.
 */

/** The business figures over the true businesses of one noise kind (or all, or those with none). */
export interface KindQuality {
  /** True businesses of the kind that some source holds. */
  trueBusinesses: number;
  belumTerdaftar: { precision: number; recall: number; predicted: number; actual: number };
  /** Share of them whose records ended up in two or more businesses. */
  duplicateShare: number;
  /** Share of them that share a business with another true business. */
  wrongMergeShare: number;
  /** Of them, those in a business holding two different NPWPs (must be 0). */
  npwpConflicts: number;
  /** Branch offices among them that share a business with their head office (must be 0). */
  branchMerges: number;
}

/** Rows of the per-kind table: everything, each noise kind, and the businesses without noise. */
export const KIND_ROWS = ["all", ...NOISE_KINDS, "none"] as const;
export type KindRow = (typeof KIND_ROWS)[number];

export interface MatchQuality {
  trueBusinesses: number;
  businesses: number;
  belumTerdaftar: { precision: number; recall: number; predicted: number; actual: number };
  daftarSebagian: { precision: number; recall: number; predicted: number; actual: number };
  /** Share of true businesses whose records ended up in two or more businesses. */
  duplicateShare: number;
  /** Share of businesses that hold records of more than one true business. */
  wrongMergeShare: number;
  /** Businesses holding two different NPWPs (must be 0). */
  npwpConflicts: number;
  /** Branch offices sharing a business with their head office (must be 0). */
  branchMerges: number;
  byKind: Record<KindRow, KindQuality>;
  /** AHU records (names only) whose resolved regency / district is the true one. */
  regionNames: { regency: number; district: number; records: number };
  notaryStatusAccuracy: number;
  workers: WorkerQuality;
}

interface TruthBusiness {
  status: string;
  regency: string;
  district: string;
  parent: string;
  kinds: NoiseKind[];
}

export async function evaluateMatching(databaseUrl: string, groundTruthPath: string): Promise<MatchQuality> {
  // Ground truth: records by (source, line), businesses and notaries by id.
  const recordTruth = new Map<string, { business: string; person: string; expect: string }>();
  const businesses = new Map<string, TruthBusiness>();
  const notaries = new Map<string, string>();
  const workers = new Map<string, TruthWorker>();
  const listedBusinesses = new Map<string, TruthListedBusiness>();
  const file = await openPartnerFile({ path: groundTruthPath, limits: { maxFileBytes: Number.MAX_SAFE_INTEGER } });
  const col = (name: string) => file.header.indexOf(name);
  const [kind, source, line, businessId, personId, status, regency, district, expect, listed, gap, parent, kinds] = [
    col("kind"), col("source"), col("line"), col("business_id"), col("person_id"), col("status"), col("regency_code"), col("district_code"),
    col("expect"), col("workers_listed"), col("worker_gap"), col("parent_business_id"), col("noise_kinds"),
  ];
  for await (const row of file.rows) {
    const c = row.cells;
    if (c[kind] === "record") recordTruth.set(`${c[source]}:${c[line]}`, { business: c[businessId] ?? "", person: c[personId] ?? "", expect: c[expect] ?? "" });
    else if (c[kind] === "business") {
      businesses.set(c[businessId]!, {
        status: c[status]!,
        regency: c[regency] ?? "",
        district: c[district] ?? "",
        parent: c[parent] ?? "",
        kinds: c[kinds] ? (c[kinds].split("|") as NoiseKind[]) : [],
      });
      if (c[listed]) listedBusinesses.set(c[businessId]!, { status: c[status]!, listed: Number(c[listed]), gap: Number(c[gap]) });
    } else if (c[kind] === "notary") notaries.set(c[personId]!, c[status]!);
    else if (c[kind] === "worker") workers.set(c[personId]!, { business: c[businessId]!, status: c[status] as WorkerJknStatus });
  }

  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // Our businesses: members' true businesses.
    const members = new Map<string, { truth: string[]; npwps: Set<string>; status: string }>();
    const clustersOfTruth = new Map<string, Set<string>>();
    for await (const [bid, src, ln, npwp, st] of copyOutRows(
      client,
      `SELECT br.business_id, r.source, r.line, r.npwp, b.status FROM business_record br
       JOIN source_record r ON r.id = br.source_record_id JOIN business b ON b.id = br.business_id
       WHERE br.source IN ('kemnaker-bu', 'ahu-entitas', 'bpjs-bu')`,
    )) {
      const truth = recordTruth.get(`${src}:${ln}`)?.business;
      let entry = members.get(bid!);
      if (!entry) members.set(bid!, (entry = { truth: [], npwps: new Set(), status: st! }));
      if (npwp) entry.npwps.add(npwp);
      if (!truth) continue;
      entry.truth.push(truth);
      let set = clustersOfTruth.get(truth);
      if (!set) clustersOfTruth.set(truth, (set = new Set()));
      set.add(bid!);
    }

    // Each business speaks for its majority true business; each true business is judged by the
    // business holding most of its records.
    const majority = new Map<string, string>();
    let wrongMerges = 0;
    let npwpConflicts = 0;
    const holdCount = new Map<string, Map<string, number>>();
    for (const [bid, entry] of members) {
      const counts = new Map<string, number>();
      for (const t of entry.truth) counts.set(t, (counts.get(t) ?? 0) + 1);
      if (counts.size > 1) wrongMerges++;
      if (entry.npwps.size > 1) npwpConflicts++;
      let best = "";
      let bestN = 0;
      for (const [t, n] of counts) {
        if (n > bestN) [best, bestN] = [t, n];
        let m = holdCount.get(t);
        if (!m) holdCount.set(t, (m = new Map()));
        m.set(bid, n);
      }
      if (best) majority.set(bid, best);
    }
    const mainBusinessOf = (truth: string): string | null => {
      let best: string | null = null;
      let bestN = 0;
      for (const [bid, n] of holdCount.get(truth) ?? []) if (n > bestN) [best, bestN] = [bid, n];
      return best;
    };

    const statusQuality = (target: string) => {
      let predicted = 0;
      let correct = 0;
      for (const [bid, entry] of members) {
        if (entry.status !== target) continue;
        predicted++;
        const truth = majority.get(bid);
        if (truth && businesses.get(truth)?.status === target) correct++;
      }
      let actual = 0;
      let found = 0;
      for (const truth of clustersOfTruth.keys()) {
        if (businesses.get(truth)?.status !== target) continue;
        actual++;
        const main = mainBusinessOf(truth);
        if (main && members.get(main)?.status === target) found++;
      }
      return { precision: ratio(correct, predicted), recall: ratio(found, actual), predicted, actual };
    };

    let split = 0;
    for (const set of clustersOfTruth.values()) if (set.size > 1) split++;

    // True businesses sharing a business with another, with a second NPWP, or with their head office.
    const merged = new Set<string>();
    const inNpwpConflict = new Set<string>();
    const mergedBranches = new Set<string>();
    for (const entry of members.values()) {
      const truths = new Set(entry.truth);
      if (truths.size < 2) continue;
      for (const t of truths) {
        merged.add(t);
        if (entry.npwps.size > 1) inNpwpConflict.add(t);
        const head = businesses.get(t)?.parent;
        if (head && truths.has(head)) mergedBranches.add(t);
      }
    }
    const kindQuality = (row: KindRow): KindQuality => {
      const has = (truth: string | undefined): boolean => {
        if (row === "all") return true;
        if (truth === undefined) return false;
        const kinds = businesses.get(truth)?.kinds ?? [];
        return row === "none" ? kinds.length === 0 : kinds.includes(row);
      };
      let trueBusinesses = 0;
      let splitHere = 0;
      let mergedHere = 0;
      let conflicts = 0;
      let branchMerges = 0;
      let actual = 0;
      let found = 0;
      for (const [truth, set] of clustersOfTruth) {
        if (!has(truth)) continue;
        trueBusinesses++;
        if (set.size > 1) splitHere++;
        if (merged.has(truth)) mergedHere++;
        if (inNpwpConflict.has(truth)) conflicts++;
        if (mergedBranches.has(truth)) branchMerges++;
        if (businesses.get(truth)?.status !== "BELUM_TERDAFTAR") continue;
        actual++;
        const main = mainBusinessOf(truth);
        if (main && members.get(main)?.status === "BELUM_TERDAFTAR") found++;
      }
      let predicted = 0;
      let correct = 0;
      for (const [bid, entry] of members) {
        const truth = majority.get(bid);
        if (entry.status !== "BELUM_TERDAFTAR" || !has(truth)) continue;
        predicted++;
        if (businesses.get(truth!)?.status === "BELUM_TERDAFTAR") correct++;
      }
      return {
        trueBusinesses,
        belumTerdaftar: { precision: ratio(correct, predicted), recall: ratio(found, actual), predicted, actual },
        duplicateShare: ratio(splitHere, trueBusinesses),
        wrongMergeShare: ratio(mergedHere, trueBusinesses),
        npwpConflicts: conflicts,
        branchMerges,
      };
    };
    const byKind = Object.fromEntries(KIND_ROWS.map((row) => [row, kindQuality(row)])) as Record<KindRow, KindQuality>;

    // Region names (AHU entities carry names only).
    let regionRecords = 0;
    let regencyRight = 0;
    let districtRecords = 0;
    let districtRight = 0;
    for await (const [ln, reg, dist] of copyOutRows(client, `SELECT line, regency_code, district_code FROM source_record WHERE source = 'ahu-entitas'`)) {
      const truth = businesses.get(recordTruth.get(`ahu-entitas:${ln}`)?.business ?? "");
      if (!truth) continue;
      regionRecords++;
      if (reg === truth.regency) regencyRight++;
      if (truth.district && dist !== null) {
        districtRecords++;
        if (dist === truth.district) districtRight++;
      }
    }

    let notaryRecords = 0;
    let notaryRight = 0;
    for await (const [ln, st] of copyOutRows(
      client,
      `SELECT r.line, n.status FROM notary_status n JOIN source_record r ON r.id = n.source_record_id`,
    )) {
      const truth = notaries.get(recordTruth.get(`ahu-notaris:${ln}`)?.person ?? "");
      if (!truth) continue;
      notaryRecords++;
      if (truth === st) notaryRight++;
    }

    return {
      trueBusinesses: clustersOfTruth.size,
      businesses: members.size,
      belumTerdaftar: statusQuality("BELUM_TERDAFTAR"),
      daftarSebagian: statusQuality("DAFTAR_SEBAGIAN"),
      duplicateShare: ratio(split, clustersOfTruth.size),
      wrongMergeShare: ratio(wrongMerges, members.size),
      npwpConflicts,
      branchMerges: mergedBranches.size,
      byKind,
      regionNames: { regency: ratio(regencyRight, regionRecords), district: ratio(districtRight, districtRecords), records: regionRecords },
      notaryStatusAccuracy: ratio(notaryRight, notaryRecords),
      workers: await evaluateWorkers(client, { recordTruth, workers, listedBusinesses, majority, mainBusinessOf }),
    };
  } finally {
    await client.end();
  }
}
