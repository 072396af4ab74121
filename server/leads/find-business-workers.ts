import "server-only";
import { jknSegmentLabel } from "@/lib/balikan.ts";
import { WORKER_PAGE_SIZE, workerCountOf, type WorkerCounts, type WorkerListQuery, type WorkerStatusValue } from "@/lib/leads/worker-status.ts";
import { maskPersonal, personalKindOf, type MaskedValue } from "@/lib/personal-data.ts";
import { BUSINESS_REGION_COLUMNS, regionScopeSql, type RegionScope } from "@/server/access/region-scope.ts";
import { dbPool } from "@/server/db/client.ts";
import { SqlParams } from "./lead-query.ts";
import { businessWorkerWhere, WORKER_NIK_SQL, WORKER_ORDER_BY, workerNikKey } from "./worker-query.ts";

/**
 * One page of the lead page's workers table: the Kemnaker workers (kemnaker-tk) listed under a
 * business inside the caller's region scope, with their JKN status, optionally of one status,
 * WORKER_PAGE_SIZE at a time. The counts come from the business's `workers_*` columns, which the
 * match run writes together with the worker rows — so the summary and the page count cost no
 * count over the workers, however many there are. NIKs are in the DTO masked only (the one rule
 * in lib/personal-data.ts); "Tampilkan" reveals them (reveal-personal-data.ts).
 */

export interface FindBusinessWorkersOptions {
  businessId: bigint;
  scope: RegionScope;
  query: WorkerListQuery;
  pageSize?: number;
}

export interface BusinessWorkerDto {
  /** The worker's kemnaker-tk record id. */
  id: string;
  name: string | null;
  nik: MaskedValue | null;
  status: WorkerStatusValue;
  /** The JKN segment of the participant found ("PPU BU", "PBI JK"), in the agreement's words. */
  segment: string | null;
  /** The participant is active in JKN; null when not registered or unknown. */
  active: boolean | null;
  position: string | null;
  employmentStatus: string | null;
  /** yyyy-mm-dd. */
  startDate: string | null;
  /** WNI / WNA. */
  citizenship: string | null;
}

export interface BusinessWorkers {
  /** Null when Kemnaker sent no worker rows for this business (or it is not in the scope). */
  counts: WorkerCounts | null;
  rows: BusinessWorkerDto[];
  /** Workers of the chosen status (all when none): the page count's basis. */
  total: number;
  /** The page shown: the one asked for, or the last when it asked beyond it. */
  page: number;
  pageCount: number;
}

interface CountsRow {
  listed: number | null;
  here: number | null;
  elsewhere: number | null;
  other_segment: number | null;
  unregistered: number | null;
}

interface WorkerRow {
  id: string;
  name: string | null;
  nik: string | null;
  status: WorkerStatusValue;
  segment: string | null;
  active: boolean | null;
  position: string | null;
  employment_status: string | null;
  start_date: string | null;
  citizenship: string | null;
}

/** NIKs are personal whatever their shape (a malformed one too): the one rule with the column's flag. */
const NIK_COLUMN = { key: "nik", personal: true } as const;

/** A worker's NIK as the page may carry it: masked, with the key the reveal answers by. */
export function maskedWorkerNik(id: string, nik: string | null): MaskedValue | null {
  if (!nik) return null;
  const kind = personalKindOf(nik, NIK_COLUMN) ?? "nik";
  return { key: workerNikKey(id), kind, masked: maskPersonal(kind, nik) };
}

/** The business's worker counts, inside the scope; null when it has none (or is out of scope). */
export async function findWorkerCounts(businessId: bigint, scope: RegionScope): Promise<WorkerCounts | null> {
  const params = new SqlParams();
  // Every lead page view reads both statements: on the pool, without Prisma's own work per query.
  const { rows } = await dbPool().query<CountsRow>(
    `SELECT b.workers_listed AS listed, b.workers_here AS here, b.workers_elsewhere AS elsewhere,
       b.workers_other_segment AS other_segment, b.workers_unregistered AS unregistered
     FROM business b WHERE b.id = ${params.add(String(businessId), "::bigint")} AND ${regionScopeSql(scope, BUSINESS_REGION_COLUMNS, params)}`,
    params.values,
  );
  const row = rows[0];
  if (!row || row.listed === null) return null;
  return { listed: row.listed, here: row.here ?? 0, elsewhere: row.elsewhere ?? 0, otherSegment: row.other_segment ?? 0, unregistered: row.unregistered ?? 0 };
}

export async function findBusinessWorkers({ businessId, scope, query, pageSize = WORKER_PAGE_SIZE }: FindBusinessWorkersOptions): Promise<BusinessWorkers> {
  const counts = await findWorkerCounts(businessId, scope);
  if (!counts) return { counts: null, rows: [], total: 0, page: 1, pageCount: 0 };
  const total = workerCountOf(counts, query.status);
  const pageCount = Math.ceil(total / pageSize);
  const page = Math.max(1, Math.min(query.page, pageCount));
  if (total === 0) return { counts, rows: [], total, page, pageCount };

  const params = new SqlParams();
  const sql = businessWorkerWhere(businessId, scope, query.status ? [query.status] : null, params);
  const limit = params.add(pageSize, "::int");
  const offset = params.add((page - 1) * pageSize, "::int");
  const { rows } = await dbPool().query<WorkerRow>(
    `SELECT w.source_record_id::text AS id, r.name, ${WORKER_NIK_SQL} AS nik, w.status::text AS status, w.segment, w.active,
       r.extra->>'position' AS position, r.extra->>'employmentStatus' AS employment_status,
       r.extra->>'startDate' AS start_date, r.extra->>'citizenship' AS citizenship
     FROM ${sql.from}
     WHERE ${sql.where}
     ORDER BY ${WORKER_ORDER_BY}
     LIMIT ${limit} OFFSET ${offset}`,
    params.values,
  );
  return {
    counts,
    total,
    page,
    pageCount,
    rows: rows.map((r) => ({
      id: r.id,
      name: r.name,
      nik: maskedWorkerNik(r.id, r.nik),
      status: r.status,
      segment: jknSegmentLabel(r.segment),
      active: r.active,
      position: r.position,
      employmentStatus: r.employment_status,
      startDate: r.start_date,
      citizenship: r.citizenship,
    })),
  };
}
