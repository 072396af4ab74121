import "server-only";
import type { RegionDto } from "@/lib/region-code.ts";
import type { RegionScope } from "@/server/access/region-scope.ts";
import { findRegionAncestors } from "./find-region-ancestors.ts";
import { findScopedRegionChildren } from "./find-scoped-region-children.ts";

/**
 * What a region cascade (provinsi → kabupaten/kota → kecamatan → kelurahan) shows for a chosen
 * code: the path down to it and, per level, the options the scope allows. No code: the
 * provinces only.
 */
export async function findScopedRegionCascade({ code, scope }: { code: string | null; scope: RegionScope }): Promise<{ path: RegionDto[]; options: RegionDto[][] }> {
  const path = code ? await findRegionAncestors({ code }) : [];
  const parents = [null, ...path.slice(0, 3).map((r) => r.code)];
  const options = await Promise.all(parents.map((parentCode) => findScopedRegionChildren({ parentCode, scope })));
  // A path leaving the scope (a hand-edited link) is shown only as far as the options allow.
  const allowed = path.filter((region, i) => options[i]?.some((o) => o.code === region.code));
  return { path: allowed.length === path.length ? path : [], options: options.slice(0, (allowed.length === path.length ? path.length : 0) + 1) };
}
