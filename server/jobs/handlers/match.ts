import "server-only";
import { db } from "@/server/db/client.ts";
import { runMatch } from "@/server/matching/run-match.ts";
import { defineJobHandler } from "./job-handler.ts";

/**
 * One resolution run, full or incremental, in the worker process: into the match_run row the
 * request or import created, with the actor who started it on the run's audit event.
 */
export const matchJob = defineJobHandler("match", {
  row: (data) => ({ table: "matchRun", id: data.runId }),
  async run(data, job) {
    // A retry (its worker died) reports into the same row, from the start.
    await db.matchRun.update({
      where: { id: data.runId },
      data: { queueJobId: job.jobId, status: "RUNNING", phase: "menunggu", message: null, finishedAt: null, heartbeatAt: new Date() },
    });
    const summary = await runMatch({ kind: data.kind, batchId: data.batchId, runId: data.runId, actor: data.actor });
    return { runId: summary.runId, kind: summary.kind, records: summary.records, seconds: summary.seconds };
  },
});
