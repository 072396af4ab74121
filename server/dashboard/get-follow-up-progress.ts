import "server-only";
import type { OfficerRow } from "@/lib/dashboard/chart-tables.ts";
import { LEAD_STATUSES } from "@/lib/leads/business-status.ts";
import { FOLLOW_UP_STATUSES, isFollowUpStatus, type FollowUpStatusValue } from "@/lib/leads/follow-up-status.ts";
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

function viewCondition(view: DashboardView, params: SqlParams): string {
  const scope = regionScopeSql(view.scope, BUSINESS_REGION_COLUMNS, params);
  return view.region === null ? scope : `${scope} AND ${regionScopeSql({ kind: "regions", codes: [view.region.code] }, BUSINESS_REGION_COLUMNS, params)}`;
}

export interface FunnelStage {
  status: FollowUpStatusValue;
  count: number;
}

/**
 * Leads per follow-up status. Baru counts the leads nobody has moved yet (no follow-up row, or
 * one still Baru): the view's leads from the coverage figures minus the leads further along.
 * Terdaftar also counts businesses that stopped being leads because they registered.
 */
export async function getFollowUpFunnel(view: DashboardView, coverage: RegionCoverage): Promise<FunnelStage[]> {
  const params = new SqlParams();
  const rows = await (await readDb()).$queryRawUnsafe<{ status: string; count: number; leads: number }[]>(
    `SELECT f.status::text AS status, count(*)::int AS count, count(*) FILTER (WHERE b.is_lead)::int AS leads
     FROM lead_follow_up f JOIN business b ON b.id = f.business_id
     WHERE ${viewCondition(view, params)} GROUP BY f.status`,
    ...params.values,
  );
  const leads = LEAD_STATUSES.reduce((sum, status) => sum + coverage.total.byStatus[status].businesses, 0);
  const moved = rows.filter((r) => r.status !== "BARU").reduce((sum, r) => sum + r.leads, 0);
  const counts = new Map(rows.filter((r) => isFollowUpStatus(r.status)).map((r) => [r.status, r.count]));
  return FOLLOW_UP_STATUSES.map((status) => ({ status, count: status === "BARU" ? Math.max(0, leads - moved) : (counts.get(status) ?? 0) }));
}

// A page of officers is what a chart can show; a province has tens.
const OFFICER_LIMIT = 100;

/** Per officer: leads assigned in the view, and how many were contacted, visited and registered. */
export async function getOfficerProgress(view: DashboardView): Promise<OfficerRow[]> {
  const params = new SqlParams();
  const where = viewCondition(view, params);
  const contacted = params.add([...CONTACTED], `::"FollowUpStatus"[]`);
  const visited = params.add([...VISITED], `::"FollowUpStatus"[]`);
  const rows = await (await readDb()).$queryRawUnsafe<{ officer_id: string; name: string; username: string; assigned: number; contacted: number; visited: number; converted: number }[]>(
    `SELECT u.id::text AS officer_id, u.name, u.username, count(*)::int AS assigned,
            count(*) FILTER (WHERE f.status = ANY(${contacted}))::int AS contacted,
            count(*) FILTER (WHERE f.status = ANY(${visited})
              OR EXISTS (SELECT 1 FROM lead_activity a WHERE a.business_id = f.business_id AND a.kind = 'KUNJUNGAN'))::int AS visited,
            count(*) FILTER (WHERE f.status = 'TERDAFTAR')::int AS converted
     FROM lead_follow_up f JOIN business b ON b.id = f.business_id JOIN app_user u ON u.id = f.assigned_to_id
     WHERE ${where}
     GROUP BY u.id, u.name, u.username ORDER BY count(*) DESC, u.name LIMIT ${OFFICER_LIMIT}`,
    ...params.values,
  );
  return rows.map((r) => ({ officerId: r.officer_id, name: r.name, username: r.username, assigned: r.assigned, contacted: r.contacted, visited: r.visited, converted: r.converted }));
}
