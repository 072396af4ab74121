import "server-only";
import type { SourceId } from "@/lib/sources.ts";
import type { RegionDto } from "@/lib/region-code.ts";
import { dbPool } from "@/server/db/client.ts";
import type { RegionResolver } from "@/server/ingest/types.ts";
import { getSource } from "./sources/index.ts";
import { createRegionResolver, NO_REGIONS } from "./region-resolver.ts";

/**
 * Reads the whole region table (~91,600 rows) once and builds the in-memory resolver. Straight
 * from the pool: Prisma's decoding of the rows was ~0.5 s of CPU per business import.
 */
export async function loadRegionResolver(): Promise<RegionResolver> {
  const { rows: regions } = await dbPool().query<RegionDto>(
    `SELECT code, name, level::text AS level, parent_code AS "parentCode" FROM region`,
  );
  if (regions.length === 0) {
    throw new Error("Data wilayah belum dimuat (tabel region kosong): jalankan ensureRegionsLoaded() lebih dulu.");
  }
  return createRegionResolver(regions);
}

/**
 * What an import of `source` resolves regions with: the whole table for a source that has
 * region columns, else a resolver that is never asked (and says so loudly if it is) — a worker
 * file of ten million rows has no region column, and reading the table cost ~1–2 s and its index.
 */
export function regionResolverFor(source: SourceId): Promise<RegionResolver> {
  return getSource(source).usesRegions ? loadRegionResolver() : Promise.resolve(NO_REGIONS);
}
