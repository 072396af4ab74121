import "server-only";
import { isWithin, type RegionDto } from "@/lib/region-code.ts";
import { scopeIncludes, type RegionScope } from "@/server/access/region-scope.ts";
import { findRegionChildren } from "./find-region-children.ts";

export interface FindScopedRegionChildrenOptions {
  /** The region whose children to list; null lists the provinces. */
  parentCode: string | null;
  scope: RegionScope;
}

/**
 * The children of a region a scoped user may pick in a filter: the regions inside their scope,
 * and the ones on the way down to it (an officer of 32.73 sees province 32, then only 32.73 in
 * it, then all of 32.73's districts). Nothing for a scope of none.
 */
export async function findScopedRegionChildren({ parentCode, scope }: FindScopedRegionChildrenOptions): Promise<RegionDto[]> {
  if (scope.kind === "none") return [];
  const children = await findRegionChildren({ parentCode });
  if (scope.kind === "all") return children;
  return children.filter((region) => scopeIncludes(scope, region.code) || scope.codes.some((code) => isWithin(code, region.code)));
}
