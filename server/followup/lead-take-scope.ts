import "server-only";
import { BUSINESS_REGION_FIELDS, regionScopeWhere, type RegionScope } from "@/server/access/region-scope.ts";
import { db, type Tx } from "@/server/db/client.ts";

/**
 * The regions where officers may take unassigned leads, as a region scope: a lead lies in one
 * by the very rule that decides a user's scope (a province's switch covers its regencies).
 */
export async function leadTakeScope(client: Tx = db): Promise<RegionScope> {
  const rows = await client.leadTakeRegion.findMany({ select: { regionCode: true } });
  return rows.length ? { kind: "regions", codes: rows.map((r) => r.regionCode) } : { kind: "none" };
}

/** Whether officers may take this lead in its region (its assignment is not looked at). */
export async function isLeadTakeEnabled(businessId: bigint, client: Tx = db): Promise<boolean> {
  const scope = await leadTakeScope(client);
  return (await client.business.count({ where: { AND: [{ id: businessId }, regionScopeWhere(scope, BUSINESS_REGION_FIELDS)] } })) > 0;
}
