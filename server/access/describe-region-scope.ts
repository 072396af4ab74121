import "server-only";
import { db } from "@/server/db/client.ts";
import type { RegionScope } from "./region-scope.ts";

/** Human words for a scope, for the header: "Semua wilayah", "Kota Bandung", … */
export async function describeRegionScope(scope: RegionScope): Promise<string> {
  if (scope.kind === "all") return "Semua wilayah";
  if (scope.kind === "none") return "Tanpa akses data wilayah";
  const regions = await db.region.findMany({ where: { code: { in: [...scope.codes] } }, select: { code: true, name: true } });
  const names = scope.codes.map((code) => regions.find((r) => r.code === code)?.name ?? code);
  return names.join(", ");
}
