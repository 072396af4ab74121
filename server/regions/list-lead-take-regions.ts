import "server-only";
import { normalizeRegionCode, regionLevelOf, type RegionLevel } from "@/lib/region-code.ts";
import { db } from "@/server/db/client.ts";
import { findRegionChildren } from "./find-region-children.ts";

/** One province or regency/city with its "Ambil prospek" switch. */
export interface LeadTakeRegionRow {
  code: string;
  name: string;
  level: RegionLevel;
  enabled: boolean;
  /** Enabled through its province's switch (regencies only). */
  enabledByProvince: boolean;
  enabledByUsername: string | null;
  enabledAt: Date | null;
  /** Provinces: how many of their regencies are switched on one by one. */
  enabledRegencies: number;
}

export interface LeadTakeRegionList {
  provinces: LeadTakeRegionRow[];
  /** The province opened to its regencies, with them; null when none is (or the code names none). */
  opened: { province: LeadTakeRegionRow; regencies: LeadTakeRegionRow[] } | null;
}

/**
 * The provinces with their switches, and one province's regencies/cities when `provinceCode`
 * names one: the admin page of where officers may take leads. About 40 provinces and at most a
 * few dozen regencies each, so the page lists them whole.
 */
export async function listLeadTakeRegions({ provinceCode }: { provinceCode?: string | null }): Promise<LeadTakeRegionList> {
  const [provinces, enabledRows] = await Promise.all([
    findRegionChildren({ parentCode: null }),
    db.leadTakeRegion.findMany({ select: { regionCode: true, enabledByUsername: true, enabledAt: true } }),
  ]);
  const enabled = new Map(enabledRows.map((r) => [r.regionCode, r]));
  const regencyCounts = new Map<string, number>();
  for (const { regionCode } of enabledRows) {
    if (regionLevelOf(regionCode) !== "REGENCY") continue;
    const province = regionCode.split(".")[0]!;
    regencyCounts.set(province, (regencyCounts.get(province) ?? 0) + 1);
  }
  const row = (region: { code: string; name: string; level: RegionLevel }, byProvince = false): LeadTakeRegionRow => {
    const own = enabled.get(region.code);
    return {
      code: region.code,
      name: region.name,
      level: region.level,
      enabled: own !== undefined,
      enabledByProvince: byProvince,
      enabledByUsername: own?.enabledByUsername ?? null,
      enabledAt: own?.enabledAt ?? null,
      enabledRegencies: regencyCounts.get(region.code) ?? 0,
    };
  };
  const provinceRows = provinces.map((p) => row(p));

  const code = provinceCode ? normalizeRegionCode(provinceCode) : null;
  const province = code ? provinceRows.find((p) => p.code === code) : undefined;
  if (!province) return { provinces: provinceRows, opened: null };
  const regencies = await findRegionChildren({ parentCode: province.code });
  return { provinces: provinceRows, opened: { province, regencies: regencies.map((r) => row(r, province.enabled)) } };
}
