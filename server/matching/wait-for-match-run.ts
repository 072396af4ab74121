import "server-only";
import { db } from "@/server/db/client.ts";

/** Polls a queued match run until a worker has finished it, reporting each new phase. */
export async function waitForMatchRun(runId: number, onPhase?: (phase: string) => void): Promise<{ status: "SUCCEEDED" | "FAILED"; message: string | null }> {
  let lastPhase = "";
  for (;;) {
    const run = await db.matchRun.findUniqueOrThrow({ where: { id: runId }, select: { status: true, phase: true, message: true } });
    if (run.phase && run.phase !== lastPhase) onPhase?.((lastPhase = run.phase));
    if (run.status !== "RUNNING") return { status: run.status, message: run.message };
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}
