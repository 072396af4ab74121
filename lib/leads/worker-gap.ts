import type { BusinessStatusValue } from "./business-status.ts";

/**
 * The worker gap as far as it is known. The match run stores 0 for a registered business whose
 * registered workers BPJS did not report (it then assumes all are registered); a page saying
 * "Selisih pekerja 0" would claim a fact nobody has. Unknown (null) then, as when Kemnaker's
 * count is missing. A business not registered at all has 0 registered workers: its gap is known.
 */
export function knownWorkerGap(business: {
  status: BusinessStatusValue;
  workerCount: number | null;
  registeredWorkers: number | null;
  workerGap: number | null;
}): number | null {
  if (business.workerGap === null || business.workerCount === null) return null;
  if (business.registeredWorkers === null && business.status !== "BELUM_TERDAFTAR") return null;
  return business.workerGap;
}
