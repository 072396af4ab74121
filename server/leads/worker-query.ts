import "server-only";
import type { WorkerStatusValue } from "@/lib/leads/worker-status.ts";
import { BUSINESS_REGION_COLUMNS, regionScopeSql, type RegionScope } from "@/server/access/region-scope.ts";
import type { WorkerJknStatus } from "@/server/db/generated/enums.ts";
import { SqlParams } from "./lead-query.ts";

/**
 * The one SQL shape of "the Kemnaker workers of this business that this caller may see", shared
 * by the lead page's workers table (find-business-workers.ts), the reveal of their NIKs
 * (reveal-personal-data.ts) and the export of the unregistered ones (export-business-workers.ts).
 * The business's region scope is inside it by the one rule (server/access/region-scope.ts, on
 * the business's per-level columns, as every lead query states it): for a business outside the
 * scope it finds no worker, whatever id was asked for.
 *
 * - `from`: `worker_status w` joined to its business `b` and its kemnaker-tk record `r` (the
 *   worker's name, NIK and the `extra` fields: position, employmentStatus, startDate, …).
 * - `where` reads the (business_id, status) index: a 5,000-worker business's page touches its
 *   own index entries only.
 * - `orderBy`: unregistered first (the enum is declared registered-here first, so its reverse
 *   order is WORKER_STATUSES'), then by name, then by record id: a stable order for paging.
 */

export interface WorkerSql {
  from: string;
  where: string;
  values: unknown[];
}

export const WORKER_FROM = "worker_status w JOIN business b ON b.id = w.business_id JOIN source_record r ON r.id = w.source_record_id";
export const WORKER_ORDER_BY = "w.status DESC, r.name, w.source_record_id";
/** The worker's NIK as Kemnaker sent it (the match run's copy when the record has none). */
export const WORKER_NIK_SQL = "coalesce(r.nik, w.nik)";

// lib/ declares the status literals itself; this fails to compile when they drift from Prisma's.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const statusesMatchPrisma: Same<WorkerStatusValue, WorkerJknStatus> = true;
void statusesMatchPrisma;

export function businessWorkerWhere(businessId: bigint, scope: RegionScope, statuses: readonly WorkerStatusValue[] | null, params = new SqlParams()): WorkerSql {
  const where = [`w.business_id = ${params.add(String(businessId), "::bigint")}`, regionScopeSql(scope, BUSINESS_REGION_COLUMNS, params)];
  if (statuses !== null) {
    where.push(statuses.length === 1 ? `w.status = ${params.add(statuses[0], '::"WorkerJknStatus"')}` : `w.status = ANY(${params.add(statuses, '::"WorkerJknStatus"[]')})`);
  }
  return { from: WORKER_FROM, where: where.join(" AND "), values: params.values };
}

/** The key a worker's masked NIK carries on the lead page, and the reveal answers by. */
export function workerNikKey(sourceRecordId: string): string {
  return `w${sourceRecordId}:nik`;
}
