import "server-only";
import { db } from "@/server/db/client.ts";
import { runMatch } from "@/server/matching/run-match.ts";
import { notifyWaitingReviews } from "@/server/notifications/notify-waiting-reviews.ts";
import { enqueueJob, withdrawWaitingJobs } from "../enqueue-job.ts";
import { defineJobHandler } from "./job-handler.ts";

// Helpers offered per full run: a free worker anywhere takes one; more than there are free
// workers costs nothing (a late helper finds every unit claimed and ends).
const MATCH_HELPER_JOBS = 3;

/**
 * One resolution run, full or incremental, in the worker process: into the match_run row the
 * request or import created, with the actor who started it on the run's audit event.
 */
export const matchJob = defineJobHandler("match", {
  row: (data) => ({ table: "matchRun", id: data.runId }),
  async run(data, job) {
    const helpers: string[] = [];
    const startedAt = new Date();
    // A retry (its worker died) reports into the same row, from the start.
    await db.matchRun.update({
      where: { id: data.runId },
      data: { queueJobId: job.jobId, status: "RUNNING", phase: "menunggu", message: null, finishedAt: null, heartbeatAt: new Date() },
    });
    const summary = await runMatch({
      kind: data.kind,
      batchId: data.batchId,
      seedRecordIds: data.seedRecordIds?.map((id) => BigInt(id)),
      runId: data.runId,
      actor: data.actor,
      // This worker's job heartbeat beats for the run's row (server/jobs/job-heartbeat.ts).
      heartbeatMs: false,
      // Other workers share a full run's regency units; this process runs them too.
      partitionHelpers: async (runId) => {
        for (let i = 0; i < MATCH_HELPER_JOBS; i++) {
          const id = await enqueueJob("match-partitions", { runId, actor: data.actor });
          if (id) helpers.push(id);
        }
      },
    }).finally(() => withdrawWaitingJobs("match-partitions", helpers));
    // After the run's commit: pairs it added to the review queue are news to the reviewers.
    await notifyWaitingReviews(summary.runId, startedAt);
    return { runId: summary.runId, kind: summary.kind, records: summary.records, seconds: summary.seconds };
  },
});
