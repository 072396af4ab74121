import "server-only";
import { db } from "@/server/db/client.ts";
import type { RegionResolver } from "@/server/ingest/types.ts";
import { createRegionResolver } from "./region-resolver.ts";

/** Reads the whole region table (~91,600 rows) once and builds the in-memory resolver. */
export async function loadRegionResolver(): Promise<RegionResolver> {
  const regions = await db.region.findMany({ select: { code: true, name: true, level: true, parentCode: true } });
  if (regions.length === 0) {
    throw new Error("Data wilayah belum dimuat (tabel region kosong): jalankan ensureRegionsLoaded() lebih dulu.");
  }
  return createRegionResolver(regions);
}
