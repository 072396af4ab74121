import "server-only";
import { normalizeRegionCode, type RegionDto } from "@/lib/region-code.ts";
import { db } from "@/server/db/client.ts";
import { cachedRegions } from "./region-cache.ts";

export interface FindRegionChildrenOptions {
  /** The region whose children to list; null lists the provinces. */
  parentCode: string | null;
}

/** The regions one level below `parentCode`, in code order; empty for a malformed or unknown code. */
export async function findRegionChildren({ parentCode }: FindRegionChildrenOptions): Promise<RegionDto[]> {
  let where: { level: "PROVINCE" } | { parentCode: string };
  if (parentCode === null) {
    where = { level: "PROVINCE" };
  } else {
    const normalized = normalizeRegionCode(parentCode);
    if (normalized === null) return [];
    where = { parentCode: normalized };
  }
  return cachedRegions("children", "parentCode" in where ? where.parentCode : "", () =>
    db.region.findMany({
      where,
      select: { code: true, name: true, level: true, parentCode: true },
      orderBy: { code: "asc" },
    }),
  );
}
