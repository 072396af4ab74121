import "server-only";
import { createHash } from "node:crypto";
import { COVERAGE_CHART_IDS, type ChartId, type Measure } from "@/lib/dashboard/coverage.ts";
import { coverageRow } from "@/lib/dashboard/coverage-table.ts";
import { jakartaIsoDate } from "@/lib/audit-filter.ts";
import { coverageTable, funnelTable, officerTable, tableCsvRecords, trendTable, type ChartTable } from "@/lib/dashboard/chart-tables.ts";
import type { RegionScope } from "@/server/access/region-scope.ts";
import { recordAuditEvent, type AuditActor } from "@/server/audit/append-audit-event.ts";
import { toCsv, UTF8_BOM } from "@/server/exports/csv.ts";
import type { RequestContext } from "@/server/http/request-context.ts";
import { getCoverageBreakdowns, getCoverageTrend, getRegionCoverage, resolveDashboardView, type DashboardView } from "./get-coverage.ts";
import { getFollowUpFunnel, getOfficerProgress } from "./get-follow-up-progress.ts";

/**
 * One dashboard chart's table as a CSV download — the same cells the page shows beside the
 * chart, for the same region and measure, inside the caller's scope — recorded as
 * `dashboard.export` (chart, region, rows, SHA-256, and the measure of a coverage chart). Null
 * when the region is outside the scope or unknown, or the chart has nothing at that level (the
 * trend below a province, breakdowns of a district).
 */

export interface ExportDashboardChartOptions {
  chart: ChartId;
  wilayah: string | null;
  /** Only the worker-status view ("tenaga-kerja") has coverage tables of its own. */
  measure?: Measure;
  scope: RegionScope;
  actor: AuditActor;
  context: RequestContext;
}

export interface DashboardChartFile {
  filename: string;
  body: Uint8Array<ArrayBuffer>;
  sha256: string;
  rows: number;
}

/** The table beside `chart` for `view`, or null when the chart has nothing there. */
async function dashboardChartTable(chart: ChartId, view: DashboardView, measure: Measure): Promise<ChartTable | null> {
  switch (chart) {
    case "wilayah": {
      if (view.units.length === 0) return null;
      const coverage = await getRegionCoverage(view);
      return coverageTable(view.unitLabel, coverage.units.map(coverageRow), coverageRow(coverage.total), measure);
    }
    case "skala":
    case "kbli":
    case "sumber": {
      if (view.region?.level === "DISTRICT") return null;
      const breakdowns = await getCoverageBreakdowns(view);
      const [header, groups] =
        chart === "skala" ? ["Skala usaha", breakdowns.scale] : chart === "kbli" ? ["Sektor KBLI", breakdowns.kbli] : ["Sumber data", breakdowns.source];
      return coverageTable(header, groups.map(coverageRow), undefined, measure);
    }
    case "tren": {
      const trend = await getCoverageTrend(view);
      return trend && trendTable(trend);
    }
    case "corong":
      return funnelTable(await getFollowUpFunnel(view, await getRegionCoverage(view)));
    case "petugas":
      return officerTable(await getOfficerProgress(view));
  }
}

export async function exportDashboardChart({ chart, wilayah, measure = "badan-usaha", scope, actor, context }: ExportDashboardChartOptions): Promise<DashboardChartFile | null> {
  const view = await resolveDashboardView(scope, wilayah);
  if (!view) return null;
  const workerStatus = measure === "tenaga-kerja" && COVERAGE_CHART_IDS.includes(chart);
  const table = await dashboardChartTable(chart, view, workerStatus ? "tenaga-kerja" : "badan-usaha");
  if (!table) return null;
  const body = new Uint8Array(Buffer.from(UTF8_BOM + toCsv(tableCsvRecords(table)), "utf8"));
  const sha256 = createHash("sha256").update(body).digest("hex");
  const region = view.region?.code ?? "semua";
  await recordAuditEvent({
    action: "dashboard.export",
    actor,
    context,
    objectType: "dashboard_chart",
    objectId: chart,
    region: view.region?.code,
    details: { chart, region, ...(workerStatus && { measure }), rows: table.rows.length, sha256 },
  });
  const name = workerStatus ? `${chart}-tenaga-kerja` : chart;
  return { filename: `dasbor-${name}-${region.replaceAll(".", "")}-${jakartaIsoDate(new Date())}.csv`, body, sha256, rows: table.rows.length };
}
