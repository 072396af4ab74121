import "server-only";
import { ancestorCodesOf, type RegionDto } from "@/lib/region-code.ts";
import { db } from "@/server/db/client.ts";
import { cachedRegions } from "./region-cache.ts";

export interface FindRegionAncestorsOptions {
  code: string;
}

/**
 * The path from the province down to `code`: province first, the region itself last
 * (a village gives four entries). Empty when the code is malformed or unknown.
 */
export async function findRegionAncestors({ code }: FindRegionAncestorsOptions): Promise<RegionDto[]> {
  const path = ancestorCodesOf(code);
  if (path.length === 0) return [];
  return cachedRegions("ancestors", path.at(-1)!, async () => {
    const rows = await db.region.findMany({
      where: { code: { in: path } },
      select: { code: true, name: true, level: true, parentCode: true },
    });
    // Codes grow by one segment per level, so code order is province-first.
    rows.sort((a, b) => a.code.length - b.code.length);
    return rows.at(-1)?.code === path.at(-1) ? rows : [];
  });
}
