import "server-only";
import { normalizeRegionCode, type RegionDto } from "@/lib/region-code.ts";
import { db } from "@/server/db/client.ts";

export interface GetRegionOptions {
  /** Dotted or undotted: "32.73" and "3273" find the same region. */
  code: string;
}

/** One region, or null when the code is malformed or unknown. */
export async function getRegion({ code }: GetRegionOptions): Promise<RegionDto | null> {
  const normalized = normalizeRegionCode(code);
  if (normalized === null) return null;
  return db.region.findUnique({
    where: { code: normalized },
    select: { code: true, name: true, level: true, parentCode: true },
  });
}
