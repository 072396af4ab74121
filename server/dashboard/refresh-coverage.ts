import "server-only";
import type pg from "pg";
import { ALL, SOURCE_ROW_PREFIX } from "@/lib/dashboard/coverage.ts";
import { COVERAGE_FIGURES } from "@/lib/dashboard/coverage-table.ts";
import { kbliSection as sectionOfKbliCode } from "@/lib/identifiers/kbli.ts";

/**
 * Recomputes the coverage dashboard's aggregates from `business`, inside the match run's write
 * transaction (server/matching/write-results.ts), so the dashboard never shows a half-written
 * run and never counts on the fly: at 1,000,000 businesses a live GROUP BY per page view takes
 * seconds, a read of these rows milliseconds. In that transaction, because the figures summarise
 * the very rows the run rewrites: they change with the leads at the same commit, never before
 * (a run that rolls back) nor after (a window, or for good when a later refresh fails). Without a
 * run — reference data changed — an admin queues the same refresh as a job of its own
 * (server/dashboard/run-coverage-refresh.ts).
 *
 * coverage_stat (row kinds in lib/dashboard/coverage.ts), per status, each with businesses,
 * Kemnaker workers, JKN-registered workers and the worker gap, and Kemnaker's worker rows
 * (kemnaker-tk) by JKN status — listed, registered here, elsewhere, in another segment, not
 * registered — summed from the business's `workers_*` columns (null, counting nothing, where
 * Kemnaker sent no worker rows):
 * - totals of every province, regency/city and district;
 * - per skala usaha, per KBLI section and per partner source of every province and regency/city.
 * Districts, the drill-down's last level, carry totals only: the full cross product of region ×
 * scale × section × status has about one row per business at district level (1,012,771 rows
 * for 1,000,000 businesses, 20–30 s to write), these rows a tenth of that.
 * One scan of `business` (GROUPING SETS) collects the finest groups; the rows roll up from them.
 *
 * coverage_trend: the newest period's row per province × status, replaced; earlier periods'
 * rows stay, so the trend grows one point per delivery period.
 *
 * Businesses only: notaries (kind NOTARIS) are counted on their own (get-notary-coverage.ts),
 * never in these figures.
 *
 * Businesses without a province code are counted under the province code "" (the admin's
 * national view shows them as "Wilayah tidak diketahui"); at lower levels a business without
 * that level's code is counted only in its parents, and the dashboard shows the difference.
 */

// Division (first two KBLI digits) → section letter, from the one KBLI 2020 table in lib/.
const DIVISION_SECTIONS_SQL = Array.from({ length: 100 }, (_, d) => String(d).padStart(2, "0"))
  .map((division) => [division, sectionOfKbliCode(division)] as const)
  .filter(([, section]) => section !== null)
  .map(([division, section]) => `('${division}','${section}')`)
  .join(",");

const LEVEL_AND_CODE = `
  CASE WHEN grouping(regency_code) = 0 THEN 'REGENCY' ELSE 'PROVINCE' END::"RegionLevel" AS level,
  CASE WHEN grouping(regency_code) = 0 THEN regency_code ELSE coalesce(province_code, '') END AS region_code`;

/** Each summed coverage_stat column, written by `each`, comma-separated. */
const figures = (each: (stat: string) => string) => COVERAGE_FIGURES.map(({ stat }) => each(stat)).join(", ");

const SUMS = `sum(businesses)::int, ${figures((f) => `coalesce(sum(${f}), 0)`)}`;

const COLUMNS = `level, region_code, business_scale, kbli_section, status, businesses, ${figures((f) => f)}`;

// A hash aggregate of three grouping sets over a million rows needs ~16 MB; the 4 MB default
// makes PostgreSQL sort instead, and the run takes several times as long (measured).
const WORK_MEM = "64MB";

export interface CoverageRefreshSummary {
  rows: number;
  period: string | null;
  milliseconds: number;
}

export async function refreshCoverageStats(
  client: pg.ClientBase,
  runId: number,
  log: (message: string) => void = () => undefined,
): Promise<CoverageRefreshSummary> {
  const started = performance.now();
  await client.query(`DELETE FROM coverage_stat`);
  const rows = await collectCoverage(client, "coverage_stat", "TRUE", []);
  const period = await refreshTrend(client);
  log(`  cakupan (run ${runId}): ${rows} baris, ${((performance.now() - started) / 1000).toFixed(2)} s`);
  return { rows, period, milliseconds: performance.now() - started };
}

/**
 * For an incremental run, before it rewrites anything: the coverage the businesses it is about
 * to replace contribute now. `applyCoverageDelta` later subtracts it and adds what the rewritten
 * businesses contribute. Every figure is a sum, so the result equals a full recompute (tested)
 * at the cost of the changed businesses only.
 */
export async function snapshotCoverage(client: pg.ClientBase, businessIds: readonly string[]): Promise<void> {
  await client.query(`CREATE TEMP TABLE tmp_coverage_before ON COMMIT DROP AS SELECT ${COLUMNS} FROM coverage_stat WITH NO DATA`);
  await collectCoverage(client, "tmp_coverage_before", "b.id = ANY($1::bigint[])", [businessIds]);
}

export async function applyCoverageDelta(client: pg.ClientBase, businessIds: readonly string[]): Promise<void> {
  await client.query(`CREATE TEMP TABLE tmp_coverage_after ON COMMIT DROP AS SELECT ${COLUMNS} FROM coverage_stat WITH NO DATA`);
  await collectCoverage(client, "tmp_coverage_after", "b.id = ANY($1::bigint[])", [businessIds]);
  await client.query(
    `CREATE TEMP TABLE tmp_coverage_delta ON COMMIT DROP AS
     SELECT level, region_code, business_scale, kbli_section, status, sum(businesses)::int AS businesses, ${figures((f) => `sum(${f}) AS ${f}`)}
     FROM (SELECT ${COLUMNS} FROM tmp_coverage_after
           UNION ALL
           SELECT level, region_code, business_scale, kbli_section, status, -businesses, ${figures((f) => `-${f}`)} FROM tmp_coverage_before) d
     GROUP BY level, region_code, business_scale, kbli_section, status`,
  );
  const same = `c.level = d.level AND c.region_code = d.region_code AND c.business_scale IS NOT DISTINCT FROM d.business_scale
    AND c.kbli_section IS NOT DISTINCT FROM d.kbli_section AND c.status = d.status`;
  await client.query(
    `UPDATE coverage_stat c SET businesses = c.businesses + d.businesses, ${figures((f) => `${f} = c.${f} + d.${f}`)}
     FROM tmp_coverage_delta d WHERE ${same}`,
  );
  await client.query(
    `INSERT INTO coverage_stat (${COLUMNS})
     SELECT ${COLUMNS} FROM tmp_coverage_delta d
     WHERE d.businesses > 0 AND NOT EXISTS (SELECT 1 FROM coverage_stat c WHERE ${same})`,
  );
  await client.query(`DELETE FROM coverage_stat WHERE businesses <= 0`);
  await refreshTrend(client);
}

/** Coverage rows of the businesses matching `where` (alias b), inserted into `target`. */
async function collectCoverage(client: pg.ClientBase, target: string, where: string, params: unknown[]): Promise<number> {
  await client.query(`SET LOCAL work_mem = '${WORK_MEM}'`);
  // One scan of `business` into small groups per regency (by scale, by section, by set of
  // sources) and per district; the rows roll up from these tens of thousands of groups.
  await client.query(`DROP TABLE IF EXISTS tmp_coverage`);
  await client.query(
    `CREATE TEMP TABLE tmp_coverage ON COMMIT DROP AS
     SELECT grouping(district_code) AS by_district, grouping(sources) AS by_sources, grouping(kbli_section) AS by_section,
            grouping(business_scale) AS by_scale, province_code, regency_code, district_code,
            business_scale, kbli_section, sources, status, count(*) AS businesses, ${COVERAGE_FIGURES.map((f) => `sum(${f.business}) AS ${f.stat}`).join(", ")}
     FROM (
       SELECT b.province_code, b.regency_code, b.district_code, b.business_scale, s.section AS kbli_section, b.sources, b.status,
              ${COVERAGE_FIGURES.map((f) => `b.${f.business}`).join(", ")}
       FROM business b LEFT JOIN (VALUES ${DIVISION_SECTIONS_SQL}) s(division, section) ON s.division = left(b.kbli, 2)
       WHERE b.kind = 'BADAN_USAHA' AND (${where})
     ) b
     GROUP BY GROUPING SETS (
       (province_code, regency_code, business_scale, status),
       (province_code, regency_code, kbli_section, status),
       (district_code, status),
       (province_code, regency_code, sources, status))`,
    params,
  );
  const districts = await client.query(
    `INSERT INTO ${target} (${COLUMNS})
     SELECT 'DISTRICT', district_code, '${ALL}', '${ALL}', status, businesses, ${figures((f) => `coalesce(${f}, 0)`)}
     FROM tmp_coverage WHERE by_district = 0 AND district_code IS NOT NULL`,
  );
  const coverage = await client.query(
    `INSERT INTO ${target} (${COLUMNS})
     SELECT * FROM (
       SELECT ${LEVEL_AND_CODE},
              CASE WHEN grouping(business_scale) = 0 THEN business_scale ELSE '${ALL}' END, '${ALL}', status, ${SUMS}
       FROM tmp_coverage WHERE by_scale = 0
       GROUP BY GROUPING SETS ((province_code, status), (regency_code, status), (province_code, business_scale, status), (regency_code, business_scale, status))
     ) g WHERE region_code IS NOT NULL`,
  );
  const bySection = await client.query(
    `INSERT INTO ${target} (${COLUMNS})
     SELECT * FROM (
       SELECT ${LEVEL_AND_CODE}, '${ALL}', kbli_section, status, ${SUMS}
       FROM tmp_coverage WHERE by_section = 0
       GROUP BY GROUPING SETS ((province_code, kbli_section, status), (regency_code, kbli_section, status))
     ) g WHERE region_code IS NOT NULL`,
  );
  const bySource = await client.query(
    `INSERT INTO ${target} (${COLUMNS})
     SELECT * FROM (
       SELECT ${LEVEL_AND_CODE}, '${SOURCE_ROW_PREFIX}' || source, '${ALL}', status, ${SUMS}
       FROM tmp_coverage t CROSS JOIN LATERAL unnest(t.sources) AS source
       WHERE by_sources = 0
       GROUP BY GROUPING SETS ((province_code, source, status), (regency_code, source, status))
     ) g WHERE region_code IS NOT NULL`,
  );
  return (districts.rowCount ?? 0) + (coverage.rowCount ?? 0) + (bySection.rowCount ?? 0) + (bySource.rowCount ?? 0);
}

/** The newest period's trend rows, from the province totals. */
async function refreshTrend(client: pg.ClientBase): Promise<string | null> {
  const { rows } = await client.query<{ period: string | null }>(`SELECT max(latest_period) AS period FROM business WHERE kind = 'BADAN_USAHA'`);
  const period = rows[0]?.period ?? null;
  if (period !== null) {
    await client.query(`DELETE FROM coverage_trend WHERE period = $1`, [period]);
    await client.query(
      `INSERT INTO coverage_trend (period, province_code, status, businesses, workers, computed_at)
       SELECT $1, region_code, status, sum(businesses), sum(workers), now() FROM coverage_stat
       WHERE level = 'PROVINCE' AND business_scale = '${ALL}' AND kbli_section = '${ALL}'
       GROUP BY region_code, status`,
      [period],
    );
  }
  return period;
}
