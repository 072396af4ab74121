import "server-only";
import type { AuditActor } from "@/server/audit/append-audit-event.ts";
import { DomainError } from "@/server/errors.ts";
import { enqueueMatchRun } from "./enqueue-match-run.ts";
import { findRunningMatchRun } from "./find-match-runs.ts";

/**
 * "Cocokkan ulang semua": queues a run that re-resolves every record. Refused while a run is
 * waiting or in progress: runs queue behind one lock anyway, and a second full run would only
 * redo the first one's work. Readers keep the previous result until the run commits. A run whose
 * worker died is failed by the workers' heartbeat check (server/jobs/job-heartbeat.ts).
 */
export async function startFullMatch({ actor }: { actor: AuditActor }): Promise<{ runId: number }> {
  const running = await findRunningMatchRun();
  if (running) {
    throw new DomainError(
      `Pencocokan #${running.id} (${running.kind === "FULL" ? "penuh" : "bertahap"}) masih berjalan. Tunggu sampai selesai, lalu coba lagi.`,
    );
  }
  return { runId: await enqueueMatchRun({ kind: "FULL", actor }) };
}
