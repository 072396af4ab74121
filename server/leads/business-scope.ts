import "server-only";
import { normalizeRegionCode, regionLevelOf, type RegionLevel } from "@/lib/region-code.ts";
import type { RegionScope } from "@/server/access/region-scope.ts";

const LEVEL_FIELD: Readonly<Record<RegionLevel, "provinceCode" | "regencyCode" | "districtCode" | "villageCode">> = {
  PROVINCE: "provinceCode",
  REGENCY: "regencyCode",
  DISTRICT: "districtCode",
  VILLAGE: "villageCode",
};

/**
 * The region part of a Prisma `where` on `business`, for lookups by id (a lead's page, the
 * audited reveal, recording an activity, assigning): the same rule as the lists' SQL
 * (lead-query.ts `scopeCondition`) — the business's code at each scope code's level equals it —
 * so a lead is openable exactly when it can be listed. Another region's lead is simply not found.
 */
export function businessScopeWhere(scope: RegionScope) {
  if (scope.kind === "all") return {};
  const OR = scope.kind === "none" ? [] : scope.codes.flatMap((raw) => {
    const code = normalizeRegionCode(raw);
    const level = code === null ? null : regionLevelOf(code);
    return code === null || level === null ? [] : [{ [LEVEL_FIELD[level]]: code }];
  });
  return OR.length > 0 ? { OR } : { id: { in: [] as bigint[] } };
}
