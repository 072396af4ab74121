import "server-only";
import type { AuditActor } from "@/server/audit/append-audit-event.ts";
import { DomainError } from "@/server/errors.ts";
import { failStaleMatchRuns, findRunningMatchRun } from "./find-match-runs.ts";
import { startMatchInBackground } from "./match-after-import.ts";

/**
 * "Cocokkan ulang semua": re-resolves every record in a background process. Refused while a run
 * is in progress: runs queue behind one lock anyway, and a second full run would only redo the
 * first one's work. Readers keep the previous result until the run commits.
 */
export async function startFullMatch({ actor }: { actor: AuditActor }): Promise<{ runId: number }> {
  await failStaleMatchRuns();
  const running = await findRunningMatchRun();
  if (running) {
    throw new DomainError(
      `Pencocokan #${running.id} (${running.kind === "FULL" ? "penuh" : "bertahap"}) masih berjalan. Tunggu sampai selesai, lalu coba lagi.`,
    );
  }
  const runId = await startMatchInBackground({ full: true, actor });
  // A full run ignores JANGKAU_MATCH_AFTER_IMPORT=off, so there is always a run id.
  if (runId === null) throw new Error("Pencocokan penuh tidak dimulai.");
  return { runId };
}
