import "server-only";
import { findRegionAncestors } from "@/server/regions/find-region-ancestors.ts";
import type { RegionScope } from "./region-scope.ts";

/** Human words for a scope, for the header: "Semua wilayah", "Kota Bandung", … */
export async function describeRegionScope(scope: RegionScope): Promise<string> {
  if (scope.kind === "all") return "Semua wilayah";
  if (scope.kind === "none") return "Tanpa akses data wilayah";
  // The region's own entry ends its (cached) path from the province down.
  const names = await Promise.all(scope.codes.map(async (code) => (await findRegionAncestors({ code })).at(-1)?.name ?? code));
  return names.join(", ");
}
