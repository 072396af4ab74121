import "server-only";
import { FUNNEL_STAGES, type FunnelStage, type FunnelStageKey, type OfficerRow } from "@/lib/dashboard/chart-tables.ts";
import { LEAD_STATUSES } from "@/lib/leads/business-status.ts";
import type { FollowUpStatusValue } from "@/lib/leads/follow-up-status.ts";
import { readDb } from "@/server/db/read-db.ts";
import { BUSINESS_REGION_COLUMNS, FOLLOW_UP_REGION_COLUMNS, regionScopeSql, type RegionColumns } from "@/server/access/region-scope.ts";
import { SqlParams } from "@/server/leads/lead-query.ts";
import type { DashboardView, RegionCoverage } from "./get-coverage.ts";

/**
 * The follow-up funnel and each officer's progress, live from lead_follow_up inside the caller's
 * scope AND the view's region (both conditions, so a view can never widen the scope), on the
 * rows' own copy of their business's kind, lead flag and region codes: a province's follow-up
 * rows are read alone, through their region index, where a join to `business` read every
 * follow-up row, or the province's businesses, at every view (seconds at 1,000,000 businesses).
 * The copies equal `business` whenever a reader can look (server/followup/sync-follow-up-business.ts).
 */

/** Statuses that mean the business was reached (a refusal included). */
const CONTACTED: readonly FollowUpStatusValue[] = ["DIHUBUNGI", "DIKUNJUNGI", "BERSEDIA_DAFTAR", "TERDAFTAR", "MENOLAK"];
/** Statuses that mean an officer went there. */
const VISITED: readonly FollowUpStatusValue[] = ["DIKUNJUNGI", "BERSEDIA_DAFTAR", "TERDAFTAR"];

/** The caller's scope and the view's region over `columns` (the businesses `b` by default, both kinds). */
export function dashboardViewCondition(view: DashboardView, params: SqlParams, columns: RegionColumns = BUSINESS_REGION_COLUMNS): string {
  const scope = regionScopeSql(view.scope, columns, params);
  return view.region === null ? scope : `${scope} AND ${regionScopeSql({ kind: "regions", codes: [view.region.code] }, columns, params)}`;
}

/**
 * Businesses only: the funnel's unassigned stage is the coverage figures' leads (businesses) less
 * the assigned ones, and the officers' columns sum to the funnel. Notary leads' follow-up is
 * counted in the dashboard's notary figures (get-notary-coverage.ts).
 */
function viewCondition(view: DashboardView, params: SqlParams): string {
  return `f.business_kind = 'BADAN_USAHA' AND ${dashboardViewCondition(view, params, FOLLOW_UP_REGION_COLUMNS)}`;
}

/**
 * The follow-up funnel, on exactly the definitions of each officer's progress (the same SQL
 * counts), so the funnel's stages are the officers' columns summed: leads assigned, and of them
 * contacted (a refusal included), visited, registered — each stage holding the ones further
 * along. Leads without an officer are a stage of their own, *Belum ditugaskan*, never counted as
 * *Baru*: the view's leads from the coverage figures less the assigned ones.
 */
export function funnelStages(progress: FollowUpProgress, coverage: RegionCoverage): FunnelStage[] {
  const { totals } = progress;
  const leads = LEAD_STATUSES.reduce((sum, status) => sum + coverage.total.byStatus[status].businesses, 0);
  const counts: Record<FunnelStageKey, number> = {
    unassigned: Math.max(0, leads - totals.assignedLeads),
    assigned: totals.assigned,
    contacted: totals.contacted,
    visited: totals.visited,
    converted: totals.converted,
  };
  return FUNNEL_STAGES.map((stage) => ({ stage, count: counts[stage] }));
}

export async function getFollowUpFunnel(view: DashboardView, coverage: RegionCoverage): Promise<FunnelStage[]> {
  return funnelStages(await getFollowUpProgress(view), coverage);
}

/** Per officer: leads assigned in the view, and how many were contacted, visited and registered. */
export async function getOfficerProgress(view: DashboardView): Promise<OfficerRow[]> {
  return (await getFollowUpProgress(view)).officers;
}

interface ProgressCounts {
  assigned: number;
  contacted: number;
  visited: number;
  converted: number;
}

/** What the funnel and the officers' chart are made of, read together. */
export interface FollowUpProgress {
  /** The officers with the most assigned leads first, at most OFFICER_LIMIT. */
  officers: OfficerRow[];
  /** Summed over every assignee (a chart's page of officers or not), and how many are still leads. */
  totals: ProgressCounts & { assignedLeads: number };
}

// A page of officers is what a chart can show; a province has tens.
const OFFICER_LIMIT = 100;

/**
 * One read for both the funnel and the officers' chart: the view's assigned follow-up rows
 * grouped by assignee, so the funnel is the groups summed (an assignee without a user row counts
 * there, as it always did, but has no bar of its own): two reads would scan the same rows twice.
 */
export async function getFollowUpProgress(view: DashboardView): Promise<FollowUpProgress> {
  const params = new SqlParams();
  const where = viewCondition(view, params);
  const contacted = params.add([...CONTACTED], `::"FollowUpStatus"[]`);
  const visited = params.add([...VISITED], `::"FollowUpStatus"[]`);
  const rows = await (await readDb()).$queryRawUnsafe<(ProgressCounts & { officer_id: string | null; name: string | null; username: string | null; assigned_leads: number })[]>(
    `SELECT u.id::text AS officer_id, u.name, u.username, count(*)::int AS assigned,
       count(*) FILTER (WHERE f.status = ANY(${contacted}))::int AS contacted,
       count(*) FILTER (WHERE f.status = ANY(${visited})
         OR EXISTS (SELECT 1 FROM lead_activity a WHERE a.business_id = f.business_id AND a.kind = 'KUNJUNGAN'))::int AS visited,
       count(*) FILTER (WHERE f.status = 'TERDAFTAR')::int AS converted,
       count(*) FILTER (WHERE f.business_is_lead)::int AS assigned_leads
     FROM lead_follow_up f LEFT JOIN app_user u ON u.id = f.assigned_to_id
     WHERE ${where} AND f.assigned_to_id IS NOT NULL
     GROUP BY f.assigned_to_id, u.id, u.name, u.username ORDER BY count(*) DESC, u.name`,
    ...params.values,
  );
  const sum = (key: keyof ProgressCounts | "assigned_leads") => rows.reduce((n, r) => n + r[key], 0);
  const officers = rows
    .filter((r) => r.officer_id !== null)
    .map((r) => ({ officerId: r.officer_id!, name: r.name!, username: r.username!, assigned: r.assigned, contacted: r.contacted, visited: r.visited, converted: r.converted }))
    .slice(0, OFFICER_LIMIT);
  return {
    officers,
    totals: { assigned: sum("assigned"), contacted: sum("contacted"), visited: sum("visited"), converted: sum("converted"), assignedLeads: sum("assigned_leads") },
  };
}
