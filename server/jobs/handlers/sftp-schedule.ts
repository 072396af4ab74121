import "server-only";
import { cronMatches, parseCron } from "@/lib/cron.ts";
import { db } from "@/server/db/client.ts";
import { enqueueJob } from "../enqueue-job.ts";
import { defineJobHandler } from "./job-handler.ts";

/**
 * The queue's cron sends this once a minute (whatever the number of workers); it queues a pull of
 * every active endpoint whose own schedule (set on its page) is due this minute. An endpoint
 * whose previous pull still waits or runs gets no second one (one job per endpoint key).
 */
export const sftpScheduleJob = defineJobHandler("sftp-schedule", {
  async run(data) {
    const now = new Date();
    const endpoints = await db.sftpEndpoint.findMany({ where: { active: true, pullSchedule: { not: null } }, select: { id: true, pullSchedule: true } });
    const queued: string[] = [];
    for (const endpoint of endpoints) {
      const parsed = parseCron(endpoint.pullSchedule!);
      if (!parsed.ok || !cronMatches(parsed.schedule, now)) continue;
      const jobId = await enqueueJob("sftp-pull", { endpointId: endpoint.id, actor: data.actor }, { singletonKey: endpoint.id });
      if (jobId) queued.push(endpoint.id);
    }
    return { queued };
  },
});
