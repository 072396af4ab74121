import "server-only";
import type { RegionScope } from "@/server/access/region-scope.ts";
import { regionWhere } from "@/server/access/region-scope.ts";

const REGION_COLUMNS = ["provinceCode", "regencyCode", "districtCode", "villageCode"] as const;

/**
 * The region part of a `where` on `business`: a business is inside the scope when any of its
 * region codes is (its codes are nested, so that is its most precise known region). A business
 * known only by its province is therefore outside an officer's regency. Every lead lookup by id
 * goes through this, so another region's lead is simply not found.
 */
export function businessScopeWhere(scope: RegionScope) {
  if (scope.kind === "all") return {};
  if (scope.kind === "none") return { id: { in: [] as bigint[] } };
  return { OR: REGION_COLUMNS.flatMap((column) => (regionWhere(scope, column) as { OR: object[] }).OR) };
}
