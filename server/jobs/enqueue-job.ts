import "server-only";
import { dbPool } from "@/server/db/client.ts";
import { JOB_POLICIES, JOB_SCHEMA, type JobName, type JobPayloads } from "./job-definitions.ts";
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

/**
 * Withdraws jobs of ours that no worker has started (helpers a finished match run no longer
 * needs), so that they do not wait in the queue — and in the health check's oldest waiting job —
 * where no worker serves their queue. Started ones are left to end on their own.
 */
export async function withdrawWaitingJobs(name: JobName, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await dbPool().query(`UPDATE ${JOB_SCHEMA}.job SET state = 'cancelled', completed_on = now() WHERE name = $1 AND id = ANY($2::uuid[]) AND state IN ('created', 'retry')`, [
    name,
    [...ids],
  ]);
}
