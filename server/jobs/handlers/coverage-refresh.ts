import "server-only";
import { runCoverageRefresh } from "@/server/dashboard/run-coverage-refresh.ts";
import { defineJobHandler } from "./job-handler.ts";

/**
 * Recomputes the dashboard's statistics in a transaction of their own (an admin's "Segarkan
 * statistik"), after any match run in progress; audited as `dashboard.refresh` with it.
 */
export const coverageRefreshJob = defineJobHandler("coverage-refresh", {
  async run(data, job) {
    const summary = await runCoverageRefresh({ actor: data.actor, context: data.context, jobId: job.jobId });
    return { rows: summary.rows, period: summary.period };
  },
});
