import "server-only";
import { FUNNEL_STAGES, type FunnelStage, type FunnelStageKey, type OfficerRow } from "@/lib/dashboard/chart-tables.ts";
import { LEAD_STATUSES } from "@/lib/leads/business-status.ts";
import type { FollowUpStatusValue } from "@/lib/leads/follow-up-status.ts";
import { readDb } from "@/server/db/read-db.ts";
import { BUSINESS_REGION_COLUMNS, regionScopeSql } from "@/server/access/region-scope.ts";
import { SqlParams } from "@/server/leads/lead-query.ts";
import type { DashboardView, RegionCoverage } from "./get-coverage.ts";

/**
 * The follow-up funnel and each officer's progress, live from lead_follow_up joined to the
 * businesses inside the caller's scope AND the view's region (both conditions, so a view can
 * never widen the scope). Follow-up rows are the leads someone touched — thousands, not the
 * million businesses — and the join goes through the business primary key.
 */

/** Statuses that mean the business was reached (a refusal included). */
const CONTACTED: readonly FollowUpStatusValue[] = ["DIHUBUNGI", "DIKUNJUNGI", "BERSEDIA_DAFTAR", "TERDAFTAR", "MENOLAK"];
/** Statuses that mean an officer went there. */
const VISITED: readonly FollowUpStatusValue[] = ["DIKUNJUNGI", "BERSEDIA_DAFTAR", "TERDAFTAR"];

/** The caller's scope and the view's region over `business b` (both kinds). */
export function dashboardViewCondition(view: DashboardView, params: SqlParams): string {
  const scope = regionScopeSql(view.scope, BUSINESS_REGION_COLUMNS, params);
  return view.region === null ? scope : `${scope} AND ${regionScopeSql({ kind: "regions", codes: [view.region.code] }, BUSINESS_REGION_COLUMNS, params)}`;
}

/**
 * Businesses only: the funnel's unassigned stage is the coverage figures' leads (businesses) less
 * the assigned ones, and the officers' columns sum to the funnel. Notary leads' follow-up is
 * counted in the dashboard's notary figures (get-notary-coverage.ts).
 */
function viewCondition(view: DashboardView, params: SqlParams): string {
  return `b.kind = 'BADAN_USAHA' AND ${dashboardViewCondition(view, params)}`;
}

/**
 * The follow-up funnel, on exactly the definitions of each officer's progress (the same SQL
 * counts), so the funnel's stages are the officers' columns summed: leads assigned, and of them
 * contacted (a refusal included), visited, registered — each stage holding the ones further
 * along. Leads without an officer are a stage of their own, *Belum ditugaskan*, never counted as
 * *Baru*: the view's leads from the coverage figures less the assigned ones.
 */
export async function getFollowUpFunnel(view: DashboardView, coverage: RegionCoverage): Promise<FunnelStage[]> {
  const params = new SqlParams();
  const where = viewCondition(view, params);
  const [row] = await (await readDb()).$queryRawUnsafe<(ProgressCounts & { assigned_leads: number })[]>(
    `SELECT ${progressCounts(params)}, count(*) FILTER (WHERE b.is_lead)::int AS assigned_leads
     FROM lead_follow_up f JOIN business b ON b.id = f.business_id
     WHERE ${where} AND f.assigned_to_id IS NOT NULL`,
    ...params.values,
  );
  const leads = LEAD_STATUSES.reduce((sum, status) => sum + coverage.total.byStatus[status].businesses, 0);
  const counts: Record<FunnelStageKey, number> = {
    unassigned: Math.max(0, leads - (row?.assigned_leads ?? 0)),
    assigned: row?.assigned ?? 0,
    contacted: row?.contacted ?? 0,
    visited: row?.visited ?? 0,
    converted: row?.converted ?? 0,
  };
  return FUNNEL_STAGES.map((stage) => ({ stage, count: counts[stage] }));
}

interface ProgressCounts {
  assigned: number;
  contacted: number;
  visited: number;
  converted: number;
}

/** The progress counts over follow-up rows `f` (the funnel's and each officer's alike). */
function progressCounts(params: SqlParams): string {
  const contacted = params.add([...CONTACTED], `::"FollowUpStatus"[]`);
  const visited = params.add([...VISITED], `::"FollowUpStatus"[]`);
  return `count(*)::int AS assigned,
    count(*) FILTER (WHERE f.status = ANY(${contacted}))::int AS contacted,
    count(*) FILTER (WHERE f.status = ANY(${visited})
      OR EXISTS (SELECT 1 FROM lead_activity a WHERE a.business_id = f.business_id AND a.kind = 'KUNJUNGAN'))::int AS visited,
    count(*) FILTER (WHERE f.status = 'TERDAFTAR')::int AS converted`;
}

// A page of officers is what a chart can show; a province has tens.
const OFFICER_LIMIT = 100;

/** Per officer: leads assigned in the view, and how many were contacted, visited and registered. */
export async function getOfficerProgress(view: DashboardView): Promise<OfficerRow[]> {
  const params = new SqlParams();
  const where = viewCondition(view, params);
  const rows = await (await readDb()).$queryRawUnsafe<(ProgressCounts & { officer_id: string; name: string; username: string })[]>(
    `SELECT u.id::text AS officer_id, u.name, u.username, ${progressCounts(params)}
     FROM lead_follow_up f JOIN business b ON b.id = f.business_id JOIN app_user u ON u.id = f.assigned_to_id
     WHERE ${where}
     GROUP BY u.id, u.name, u.username ORDER BY count(*) DESC, u.name LIMIT ${OFFICER_LIMIT}`,
    ...params.values,
  );
  return rows.map((r) => ({ officerId: r.officer_id, name: r.name, username: r.username, assigned: r.assigned, contacted: r.contacted, visited: r.visited, converted: r.converted }));
}
