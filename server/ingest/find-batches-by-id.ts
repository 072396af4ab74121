import "server-only";
import { db } from "@/server/db/client.ts";

export interface BatchOrigin {
  period: string;
  fileName: string | null;
}

/**
 * The period and file name of the batches `ids` (source records' `batchId`s), for pages that show
 * where a record came from. source_record has no foreign key to import_batch (it cost every
 * imported row a check), so this lookup replaces the relation; a batch id without its batch
 * would be a bug in the writer and fails loudly here rather than showing a record of no period.
 */
export async function findBatchesById(ids: Iterable<string>): Promise<(id: string) => BatchOrigin> {
  const unique = [...new Set(ids)];
  const batches = unique.length
    ? await db.importBatch.findMany({ where: { id: { in: unique } }, select: { id: true, period: true, fileName: true } })
    : [];
  const byId = new Map(batches.map((b) => [b.id, { period: b.period, fileName: b.fileName }]));
  return (id) => {
    const batch = byId.get(id);
    if (!batch) throw new Error(`source_record refers to import_batch ${id}, which does not exist`);
    return batch;
  };
}
