import "server-only";
import type { RegionDto } from "@/lib/region-code.ts";
import { databaseUrl } from "@/server/db/client.ts";

/**
 * Region lookups kept in memory. The Kemendagri table is written once, when a database is
 * first prepared, and read by every lead list and dashboard render (the filter's cascade, the
 * header's scope name): under load those were a third of a render's round trips for data that
 * never changes. Keyed by database, so a process switching databases (tests, the CLI) never
 * reads another's; an empty answer is not kept, so a table loaded later is seen at once.
 * Only a cache: each app instance keeps its own copy of the same unchanging rows.
 */

/** Bounds memory whatever codes are asked for: ~8,000 parents exist, and few of the 91,000 codes are ever filtered by. */
const MAX_ENTRIES = 20_000;

const globalForRegions = globalThis as unknown as { jangkauRegionCache?: Map<string, Promise<RegionDto[]>> };

export function cachedRegions(kind: "children" | "ancestors", key: string, load: () => Promise<RegionDto[]>): Promise<RegionDto[]> {
  const cache = (globalForRegions.jangkauRegionCache ??= new Map<string, Promise<RegionDto[]>>());
  const id = `${databaseUrl()}\u0000${kind}\u0000${key}`;
  // A copy each time: callers may sort or extend what they get.
  const hit = cache.get(id);
  if (hit) return hit.then((regions) => [...regions]);
  if (cache.size >= MAX_ENTRIES) cache.clear();
  const loading = load().then(
    (regions) => {
      if (!regions.length) cache.delete(id);
      return regions;
    },
    (error: unknown) => {
      cache.delete(id);
      throw error;
    },
  );
  cache.set(id, loading);
  return loading.then((regions) => [...regions]);
}
