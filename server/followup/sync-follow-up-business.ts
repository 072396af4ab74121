import "server-only";
import type pg from "pg";

/**
 * Inside a match run's write transaction, after it rewrote businesses: the follow-up rows'
 * copies of their business's kind, lead flag and region codes (what the dashboard's follow-up
 * figures filter on, server/dashboard/get-follow-up-progress.ts) made equal to `business` again
 * — null where the business is gone. A trigger fills the copies whenever a follow-up row is
 * written or moves; only a business that changes under a standing follow-up row needs this. In
 * the same transaction as the rewrite, so no reader sees the two disagree.
 *
 * `which`: the businesses an incremental run replaced or wrote, and every notary's (a run may
 * recompute the notaries' statuses; they are few) — so the cost stays that of the changed ones;
 * "all" for a full run. Returns how many rows changed.
 */
export async function syncFollowUpBusiness(client: pg.ClientBase, which: { businessIds: readonly string[] } | "all"): Promise<number> {
  const only = which === "all" ? "" : "WHERE f.business_id = ANY($1::bigint[]) OR f.business_kind = 'NOTARIS'";
  const result = await client.query(
    `UPDATE lead_follow_up t SET business_kind = s.kind, business_is_lead = s.is_lead, province_code = s.province_code,
            regency_code = s.regency_code, district_code = s.district_code, village_code = s.village_code
     FROM (SELECT f.business_id, b.kind, b.is_lead, b.province_code, b.regency_code, b.district_code, b.village_code
           FROM lead_follow_up f LEFT JOIN business b ON b.id = f.business_id ${only}) s
     WHERE t.business_id = s.business_id
       AND (t.business_kind, t.business_is_lead, t.province_code, t.regency_code, t.district_code, t.village_code)
           IS DISTINCT FROM (s.kind, s.is_lead, s.province_code, s.regency_code, s.district_code, s.village_code)`,
    which === "all" ? [] : [which.businessIds],
  );
  return result.rowCount ?? 0;
}
