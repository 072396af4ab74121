import "server-only";
import type { AuditActor } from "@/server/audit/append-audit-event.ts";
import { config } from "@/server/config.ts";
import { db } from "@/server/db/client.ts";
import { enqueueJob } from "@/server/jobs/enqueue-job.ts";
import { createMatchRun } from "./run-match.ts";

/**
 * Matching runs in a worker process (`npx jangkau worker`), with the heap a full run needs
 * (JANGKAU_MATCH_MAX_HEAP_MB): a CPU-heavy run never stalls the web server's requests. A request
 * or an import creates the `match_run` row (the import page follows it at once, "menunggu") and
 * queues the run. JANGKAU_MATCH_AFTER_IMPORT=off turns matching after imports off (tests).
 */
export function matchingAfterImportEnabled(): boolean {
  return config().JANGKAU_MATCH_AFTER_IMPORT;
}

/** Queues a run and returns its match_run id. */
export async function enqueueMatchRun(options: {
  kind: "FULL" | "INCREMENTAL";
  batchId?: string;
  /** Records whose businesses must be re-resolved (a review decision's pair). */
  seedRecordIds?: readonly bigint[];
  actor: AuditActor;
}): Promise<number> {
  const runId = await createMatchRun(options.kind, options.actor, options.batchId);
  try {
    const queueJobId = await enqueueJob("match", {
      runId,
      kind: options.kind,
      batchId: options.batchId,
      seedRecordIds: options.seedRecordIds?.map(String),
      actor: options.actor,
    });
    await db.matchRun.update({ where: { id: runId }, data: { queueJobId } });
  } catch (error) {
    // No worker will ever take it: not "menunggu" forever, and not in the way of the next run.
    await db.matchRun
      .update({ where: { id: runId }, data: { status: "FAILED", phase: "berhenti", message: "Pencocokan tidak dapat diantrekan.", finishedAt: new Date() } })
      .catch(() => undefined);
    throw error;
  }
  return runId;
}

/** After an import: re-resolve what the new batch touched (null when switched off). */
export async function enqueueMatchAfterImport(options: { batchId: string; actor: AuditActor }): Promise<number | null> {
  if (!matchingAfterImportEnabled()) return null;
  return enqueueMatchRun({ kind: "INCREMENTAL", ...options });
}
