import "server-only";
import { drainPartitions } from "@/server/matching/full-match/run-partitions.ts";
import { defineJobHandler } from "./job-handler.ts";

/**
 * A helper of a full match run: whichever worker takes it runs the run's regency units of name
 * matching beside the run's own process, until none is left to claim. A helper that starts after
 * the last unit was claimed ends at once; one that dies leaves its unit to the coordinator.
 */
export const matchPartitionsJob = defineJobHandler("match-partitions", {
  async run(data) {
    const { units } = await drainPartitions(data.runId);
    return { runId: data.runId, units };
  },
});
