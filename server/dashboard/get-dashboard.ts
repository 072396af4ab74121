import "server-only";
import type { FunnelStage, OfficerRow } from "@/lib/dashboard/chart-tables.ts";
import type { Measure } from "@/lib/dashboard/coverage.ts";
import type { NotaryCoverage } from "@/lib/dashboard/notary-table.ts";
import { getCoverageBreakdowns, getCoverageTrend, getRegionCoverage, type CoverageBreakdowns, type DashboardView, type RegionCoverage, type TrendPoint } from "./get-coverage.ts";
import { funnelStages, getFollowUpProgress } from "./get-follow-up-progress.ts";
import { getNotaryCoverage } from "./get-notary-coverage.ts";

/** Everything one view of the Dasbor page shows. */
export interface DashboardFigures {
  coverage: RegionCoverage;
  /** Null for a district (no breakdowns that deep). */
  breakdowns: CoverageBreakdowns | null;
  trend: TrendPoint[] | null;
  funnel: FunnelStage[];
  officers: OfficerRow[];
  notaries: NotaryCoverage;
}

/**
 * The reads behind one view, all at once: none waits for another (the funnel's unassigned stage
 * is worked out from the coverage figures afterwards, not read after them), so a view costs its
 * slowest read rather than their sum.
 */
export async function getDashboard(view: DashboardView, measure: Measure): Promise<DashboardFigures> {
  const [coverage, breakdowns, trend, progress, notaries] = await Promise.all([
    getRegionCoverage(view, measure),
    view.region?.level === "DISTRICT" ? null : getCoverageBreakdowns(view),
    getCoverageTrend(view),
    getFollowUpProgress(view),
    getNotaryCoverage(view),
  ]);
  return { coverage, breakdowns, trend, funnel: funnelStages(progress, coverage), officers: progress.officers, notaries };
}
