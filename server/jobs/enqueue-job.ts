import "server-only";
import { JOB_POLICIES, type JobName, type JobPayloads } from "./job-definitions.ts";
import { openJobQueue } from "./job-queue.ts";

export interface EnqueueOptions {
  /** At most one queued-or-running job per key (an endpoint's pull): a second send is dropped. */
  singletonKey?: string;
  /** Not before this moment. */
  startAfter?: Date;
}

/**
 * Queues background work and returns its job id at once; a worker process runs it
 * (server/jobs/start-job-worker.ts). Null when a job with the same singleton key is waiting.
 * The payload names who started it (`data.actor`): the job's audit events name them.
 */
export async function enqueueJob<N extends JobName>(name: N, data: JobPayloads[N], options: EnqueueOptions = {}): Promise<string | null> {
  const boss = await openJobQueue();
  const policy = JOB_POLICIES[name];
  return boss.send(name, data as object, {
    retryLimit: policy.retryLimit,
    retryDelay: policy.retryDelay,
    retryBackoff: true,
    expireInSeconds: policy.expireInSeconds,
    singletonKey: options.singletonKey,
    startAfter: options.startAfter,
  });
}
