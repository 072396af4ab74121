import "server-only";
import { balikanDueDate } from "@/lib/balikan.ts";
import { ALL, SOURCE_ROW_PREFIX } from "@/lib/dashboard/coverage.ts";
import { BUSINESS_STATUSES, LEAD_STATUSES, type BusinessStatusValue } from "@/lib/leads/business-status.ts";
import { CLOSED_BY_IMPORT } from "@/lib/leads/follow-up.ts";
import { MONEV_BUSINESS_SOURCE, MONEV_PARTNER_SOURCES, MONEV_UNLOCATED_SOURCES, monevPeriods, type MonevBalikanRow, type MonevCoveragePoint, type MonevFigures, type MonevPartner, type MonevReceivedRow } from "@/lib/monev.ts";
import { describeRegionScope } from "@/server/access/describe-region-scope.ts";
import { BUSINESS_REGION_COLUMNS, regionScopeSql, type RegionColumns, type RegionScope } from "@/server/access/region-scope.ts";
import { getCoverageTrend, resolveDashboardView } from "@/server/dashboard/get-coverage.ts";
import { readDb } from "@/server/db/read-db.ts";
import { countRejectReasons } from "@/server/ingest/count-reject-reasons.ts";
import { SqlParams } from "@/server/leads/lead-query.ts";

/**
 * The figures of the yearly monitoring and evaluation report for one partner and one calendar
 * year, inside the caller's region scope — what the page shows and the PDF and XLSX print.
 *
 * Every read is set-based and small: the deliveries are the year's import_batch rows (a handful);
 * businesses, workers and leads come from coverage_stat's per-source rows, which every match run
 * precomputes, so nothing counts the business table; follow-up reads the year's lead_activity and
 * lead_follow_up rows (what officers touched: thousands) joined to business by primary key; the
 * coverage change is coverage_trend's rows of the year's two periods.
 *
 * Region scope: a supervisor's report counts his regions only. What the partner delivered as a
 * whole — files, rejected rows and their reasons, data balikan, web-service calls — describes the
 * national exchange, not a region, and rejected rows carry no usable region at all: those parts
 * are null in a scoped report (the report says so), and the received rows are the accepted
 * records located in the scope.
 */

export interface GetMonevFiguresOptions {
  partner: MonevPartner;
  year: number;
  scope: RegionScope;
}

/** Reasons listed per report: what a reader acts on; the rest are in each import's reject report. */
const REJECT_REASON_LIMIT = 10;

const SOURCE_RECORD_REGION_COLUMNS = {
  levels: { PROVINCE: "sr.province_code", REGENCY: "sr.regency_code", DISTRICT: "sr.district_code", VILLAGE: "sr.village_code" },
} as const satisfies RegionColumns;

/** Calls of the partner web service are its request-level events; the worker's `import_batch` events repeat an accepted one. */
const WEB_SERVICE_ACTIONS = ["partner_api.records", "partner_api.status"];

export async function getMonevFigures({ partner, year, scope }: GetMonevFiguresOptions): Promise<MonevFigures> {
  const periods = monevPeriods(year);
  const national = scope.kind === "all";
  const sources = [...MONEV_PARTNER_SOURCES[partner]];
  // Jakarta's calendar year, as the agreements and the users count it.
  const from = new Date(Date.UTC(year, 0, 1) - 7 * 3_600_000);
  const to = new Date(Date.UTC(year + 1, 0, 1) - 7 * 3_600_000);
  const db = await readDb();

  const [received, rejectReasons, coverageFigures, followUp, coverage, balikan, webService, scopeLabel] = await Promise.all([
    receivedRows(),
    national ? yearRejectReasons() : Promise.resolve(null),
    coverageBySource(),
    followUpResults(),
    coverageChange(),
    national ? balikanRows() : Promise.resolve(null),
    national ? webServiceUse() : Promise.resolve(null),
    describeRegionScope(scope),
  ]);
  return { partner, year, periods, scopeLabel, national, received, rejectReasons, ...coverageFigures, followUp, coverage, balikan, webService };

  async function receivedRows(): Promise<MonevReceivedRow[]> {
    const rows = national
      ? await db.$queryRaw<{ period: string; source: string; files: number; data_rows: number; accepted: number; rejected: number; duplicates: number }[]>`
          SELECT period, source, count(*)::int AS files, sum(data_rows)::int AS data_rows, sum(accepted)::int AS accepted,
                 sum(rejected)::int AS rejected, sum(duplicates)::int AS duplicates
          FROM import_batch WHERE source = ANY(${sources}::text[]) AND period = ANY(${periods}::text[])
          GROUP BY period, source`
      : await scopedAcceptedRows();
    const found = new Map(rows.map((r) => [`${r.period}|${r.source}`, r]));
    return periods.flatMap((period) =>
      sources.map((source) => {
        const row = found.get(`${period}|${source}`);
        return {
          period,
          source,
          files: national ? (row?.files ?? 0) : null,
          dataRows: national ? (row?.data_rows ?? 0) : null,
          accepted: national || !MONEV_UNLOCATED_SOURCES.includes(source) ? (row?.accepted ?? 0) : null,
          rejected: national ? (row?.rejected ?? 0) : null,
          duplicates: national ? (row?.duplicates ?? 0) : null,
        };
      }),
    );
  }

  /**
   * Accepted records of the year's batches located in the scope: by batch through its index. Not
   * the sources without regions: their millions of worker rows would be read to find none.
   */
  async function scopedAcceptedRows() {
    const located = sources.filter((source) => !MONEV_UNLOCATED_SOURCES.includes(source));
    const params = new SqlParams();
    const inScope = regionScopeSql(scope, SOURCE_RECORD_REGION_COLUMNS, params);
    return db.$queryRawUnsafe<{ period: string; source: string; files: number; data_rows: number; accepted: number; rejected: number; duplicates: number }[]>(
      `SELECT ib.period, ib.source, 0 AS files, 0 AS data_rows, count(sr.id)::int AS accepted, 0 AS rejected, 0 AS duplicates
       FROM import_batch ib JOIN source_record sr ON sr.batch_id = ib.id
       WHERE ib.source = ANY(${params.add(located, "::text[]")}) AND ib.period = ANY(${params.add(periods, "::text[]")}) AND ${inScope}
       GROUP BY ib.period, ib.source`,
      ...params.values,
    );
  }

  async function yearRejectReasons(): Promise<NonNullable<MonevFigures["rejectReasons"]>> {
    const batches = await db.importBatch.findMany({
      where: { source: { in: sources }, period: { in: periods }, rejected: { gt: 0 }, rejectReport: { not: null } },
      select: { rejectReport: true },
      orderBy: { createdAt: "asc" },
    });
    return countRejectReasons(
      batches.map((b) => b.rejectReport!),
      REJECT_REASON_LIMIT,
    );
  }

  /** Businesses, workers and leads from coverage_stat's rows of the partner's business source. */
  async function coverageBySource(): Promise<Pick<MonevFigures, "businesses" | "workers" | "leads">> {
    const view = await resolveDashboardView(scope, null);
    const rows = view
      ? await db.$queryRaw<
          { status: BusinessStatusValue; businesses: number; workers: bigint; gap: bigint; listed: bigint; here: bigint; elsewhere: bigint; other: bigint; unregistered: bigint }[]
        >`
          SELECT status::text AS status, sum(businesses)::int AS businesses, sum(workers) AS workers, sum(worker_gap) AS gap,
                 sum(workers_listed) AS listed, sum(workers_here) AS here, sum(workers_elsewhere) AS elsewhere,
                 sum(workers_other_segment) AS other, sum(workers_unregistered) AS unregistered
          FROM coverage_stat
          WHERE region_code = ANY(${view.totalCodes}::text[]) AND business_scale = ${SOURCE_ROW_PREFIX + MONEV_BUSINESS_SOURCE[partner]}
            AND kbli_section = ${ALL}
          GROUP BY status`
      : [];
    const byStatus = Object.fromEntries(BUSINESS_STATUSES.map((status) => [status, 0])) as Record<BusinessStatusValue, number>;
    const sum = (pick: (row: (typeof rows)[number]) => bigint | number) => rows.reduce((total, row) => total + Number(pick(row) ?? 0), 0);
    for (const row of rows) byStatus[row.status] = row.businesses;
    return {
      businesses: { total: sum((r) => r.businesses), byStatus, workersReported: sum((r) => r.workers), workerGap: sum((r) => r.gap) },
      workers:
        partner === "kemnaker"
          ? { listed: sum((r) => r.listed), here: sum((r) => r.here), elsewhere: sum((r) => r.elsewhere), otherSegment: sum((r) => r.other), unregistered: sum((r) => r.unregistered) }
          : null,
      leads: LEAD_STATUSES.map((status) => ({ status, businesses: byStatus[status] })),
    };
  }

  async function followUpResults(): Promise<MonevFigures["followUp"]> {
    const params = new SqlParams();
    const inScope = regionScopeSql(scope, BUSINESS_REGION_COLUMNS, params);
    const partnerBusiness = `b.sources @> ARRAY[${params.add(MONEV_BUSINESS_SOURCE[partner])}]::text[]`;
    const fromParam = params.add(from, "::timestamptz");
    const toParam = params.add(to, "::timestamptz");
    const firstDay = params.add(`${year}-01-01`, "::date");
    const nextYear = params.add(`${year + 1}-01-01`, "::date");
    const byImport = params.add(CLOSED_BY_IMPORT);
    const [row] = await db.$queryRawUnsafe<
      { contacted: number; visited: number; by_follow_up: number; by_import: number; workers: bigint | null; known: number }[]
    >(
      `WITH activity AS (
         SELECT count(DISTINCT a.business_id)::int AS contacted,
                count(DISTINCT a.business_id) FILTER (WHERE a.kind = 'KUNJUNGAN')::int AS visited
         FROM lead_activity a JOIN business b ON b.id = a.business_id
         WHERE a.kind <> 'CATATAN_SISTEM' AND a.occurred_on >= ${firstDay} AND a.occurred_on < ${nextYear} AND ${inScope} AND ${partnerBusiness}
       ), registered AS (
         SELECT count(*) FILTER (WHERE f.closed_by IS DISTINCT FROM ${byImport})::int AS by_follow_up,
                count(*) FILTER (WHERE f.closed_by = ${byImport})::int AS by_import,
                sum(b.registered_workers) AS workers, count(b.registered_workers)::int AS known
         FROM lead_follow_up f JOIN business b ON b.id = f.business_id
         WHERE f.status = 'TERDAFTAR' AND f.closed_at >= ${fromParam} AND f.closed_at < ${toParam} AND ${inScope} AND ${partnerBusiness}
       )
       SELECT * FROM activity, registered`,
      ...params.values,
    );
    return {
      contacted: row?.contacted ?? 0,
      visited: row?.visited ?? 0,
      registeredByFollowUp: row?.by_follow_up ?? 0,
      registeredByImport: row?.by_import ?? 0,
      workersRegistered: Number(row?.workers ?? 0),
      workersKnownFor: row?.known ?? 0,
    };
  }

  async function coverageChange(): Promise<MonevCoveragePoint[] | null> {
    const view = await resolveDashboardView(scope, null);
    const trend = view && (await getCoverageTrend(view));
    if (!trend) return null;
    return periods.flatMap((period) => {
      const point = trend.find((p) => p.period === period);
      if (!point) return [];
      const businesses = Object.values(point.byStatus).reduce((total, figures) => total + figures.businesses, 0);
      const registeredActive = point.byStatus.TERDAFTAR_AKTIF?.businesses ?? 0;
      return [{ period, businesses, registeredActive, rate: businesses ? registeredActive / businesses : null }];
    });
  }

  async function balikanRows(): Promise<MonevBalikanRow[]> {
    const deliveries = await db.balikanDelivery.findMany({
      where: { partner, period: { in: periods } },
      select: { period: true, createdAt: true, rows: true },
      orderBy: { createdAt: "asc" },
    });
    return deliveries.map((d) => {
      const due = balikanDueDate(d.period);
      // Due by the end of the due day in Jakarta.
      const dueEnd = due.getTime() + 86_400_000 - 7 * 3_600_000;
      return { period: d.period, deliveredAt: d.createdAt.toISOString(), dueDate: due.toISOString().slice(0, 10), onTime: d.createdAt.getTime() < dueEnd, rows: d.rows };
    });
  }

  async function webServiceUse(): Promise<NonNullable<MonevFigures["webService"]>> {
    const [[calls], [batches]] = await Promise.all([
      db.$queryRaw<{ calls: number; refused: number }[]>`
        SELECT count(*)::int AS calls, count(*) FILTER (WHERE outcome <> 'SUCCESS')::int AS refused
        FROM audit_event
        WHERE action = ANY(${WEB_SERVICE_ACTIONS}::text[]) AND occurred_at >= ${from} AND occurred_at < ${to}
          AND object_type IS DISTINCT FROM 'import_batch' AND details->>'partner' = ${partner}`,
      db.$queryRaw<{ batches: number; records: number; rejected: number }[]>`
        SELECT count(*)::int AS batches, coalesce(sum(accepted), 0)::int AS records, coalesce(sum(rejected), 0)::int AS rejected
        FROM import_batch
        WHERE channel = 'API' AND source = ANY(${sources}::text[]) AND created_at >= ${from} AND created_at < ${to}`,
    ]);
    return { calls: calls?.calls ?? 0, refusedCalls: calls?.refused ?? 0, batches: batches?.batches ?? 0, records: batches?.records ?? 0, rejected: batches?.rejected ?? 0 };
  }
}
