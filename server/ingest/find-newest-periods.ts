import "server-only";
import { db } from "@/server/db/client.ts";

/**
 * The newest period imported so far, per source. Matching reads each source's newest period
 * only, so a delivery of an older period is stored and accounted for but changes no lead: the
 * upload form warns before, and the import's summary says so after.
 */
export async function findNewestPeriods(): Promise<Record<string, string>> {
  const rows = await db.importBatch.groupBy({ by: ["source"], _max: { period: true } });
  return Object.fromEntries(rows.flatMap((row) => (row._max.period ? [[row.source, row._max.period]] : [])));
}
