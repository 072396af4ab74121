import type { RegionLevel } from "@/lib/region-code.ts";

/** A region as the user forms and tables show it. */
export interface RegionOption {
  code: string;
  name: string;
  level?: RegionLevel;
}

/** "Kota Bandung (32.73)"; a bare code when its name is not known. */
export function regionLabel(region: RegionOption): string {
  return region.name === region.code ? region.code : `${region.name} (${region.code})`;
}
