import "server-only";
import type pg from "pg";
import { copyOutRows } from "@/server/db/copy-out.ts";
import { WORKER_JKN_STATUSES, type WorkerJknStatus } from "./demo-data/workers.ts";

/**
 * The worker pass against the demo generator's ground truth: each `worker_status` row's JKN
 * status and business against the worker's true ones, and, for the true businesses Kemnaker
 * listed workers of, the exact counts and Daftar sebagian on the business holding most of their
 * records. Called by `evaluateMatching`, which has already read the truth and the businesses.
 */

export interface WorkerQuality {
  /** kemnaker-tk rows the import should accept (one per listed worker, duplicates collapsed). */
  expected: number;
  /** `worker_status` rows found for them. */
  evaluated: number;
  /** Share of the expected workers given their true status. */
  statusAccuracy: number;
  /** Per true status: workers, how many were given it, how many of those rightly. */
  byStatus: Record<WorkerJknStatus, { actual: number; predicted: number; correct: number }>;
  /** Share of the expected workers linked to the business that holds their employer's records. */
  employerAccuracy: number;
  /** True businesses with worker rows, and the share whose business has the true listed count and gap. */
  businesses: number;
  exactCounts: number;
  /** Daftar sebagian among the businesses with worker rows, where the gap is exact. */
  daftarSebagian: { precision: number; recall: number; predicted: number; actual: number };
}

/** What the ground truth says of one listed worker. */
export interface TruthWorker {
  business: string;
  status: WorkerJknStatus;
}

/** What the ground truth says of a business whose workers Kemnaker listed. */
export interface TruthListedBusiness {
  status: string;
  listed: number;
  gap: number;
}

export interface WorkerEvaluationInput {
  /** Ground truth: `source:line` → person and true business of each row. */
  recordTruth: ReadonlyMap<string, { business: string; person: string; expect: string }>;
  workers: ReadonlyMap<string, TruthWorker>;
  listedBusinesses: ReadonlyMap<string, TruthListedBusiness>;
  /** Our business → the true business it mostly holds, and a true business → our business holding most of it. */
  majority: ReadonlyMap<string, string>;
  mainBusinessOf: (truth: string) => string | null;
}

export async function evaluateWorkers(client: pg.Client, input: WorkerEvaluationInput): Promise<WorkerQuality> {
  const byStatus = Object.fromEntries(WORKER_JKN_STATUSES.map((s) => [s, { actual: 0, predicted: 0, correct: 0 }])) as WorkerQuality["byStatus"];
  let expected = 0;
  for (const [key, record] of input.recordTruth) {
    if (!key.startsWith("kemnaker-tk:") || record.expect !== "accept") continue;
    const worker = input.workers.get(record.person);
    if (!worker) continue;
    expected++;
    byStatus[worker.status].actual++;
  }

  let evaluated = 0;
  let statusRight = 0;
  let employerRight = 0;
  for await (const [line, status, businessId] of copyOutRows(
    client,
    `SELECT r.line, w.status, w.business_id FROM worker_status w JOIN source_record r ON r.id = w.source_record_id`,
  )) {
    const worker = input.workers.get(input.recordTruth.get(`kemnaker-tk:${line}`)?.person ?? "");
    if (!worker) continue;
    evaluated++;
    const predicted = byStatus[status as WorkerJknStatus];
    if (predicted) predicted.predicted++;
    if (status === worker.status) {
      statusRight++;
      byStatus[worker.status].correct++;
    }
    if (businessId && input.majority.get(businessId) === worker.business) employerRight++;
  }

  const ours = new Map<string, { status: string; listed: number | null; gap: number | null }>();
  for await (const [id, status, listed, gap] of copyOutRows(client, `SELECT id, status, workers_listed, worker_gap FROM business WHERE workers_listed IS NOT NULL`)) {
    ours.set(id!, { status: status!, listed: listed === null ? null : Number(listed), gap: gap === null ? null : Number(gap) });
  }
  let exact = 0;
  let actual = 0;
  let found = 0;
  for (const [truthId, truth] of input.listedBusinesses) {
    const main = input.mainBusinessOf(truthId);
    const business = main === null ? undefined : ours.get(main);
    if (business && business.listed === truth.listed && business.gap === truth.gap) exact++;
    if (truth.status !== "DAFTAR_SEBAGIAN") continue;
    actual++;
    if (business?.status === "DAFTAR_SEBAGIAN") found++;
  }
  let predicted = 0;
  let correct = 0;
  for (const [id, business] of ours) {
    if (business.status !== "DAFTAR_SEBAGIAN") continue;
    predicted++;
    if (input.listedBusinesses.get(input.majority.get(id) ?? "")?.status === "DAFTAR_SEBAGIAN") correct++;
  }

  return {
    expected,
    evaluated,
    statusAccuracy: ratio(statusRight, expected),
    byStatus,
    employerAccuracy: ratio(employerRight, expected),
    businesses: input.listedBusinesses.size,
    exactCounts: ratio(exact, input.listedBusinesses.size),
    daftarSebagian: { precision: ratio(correct, predicted), recall: ratio(found, actual), predicted, actual },
  };
}

export function ratio(a: number, b: number): number {
  return b === 0 ? 1 : a / b;
}
