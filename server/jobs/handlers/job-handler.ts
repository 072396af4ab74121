import "server-only";
import type { JobName, JobPayloads } from "../job-definitions.ts";
import type { JobRow } from "../job-heartbeat.ts";

export interface JobRunContext {
  /** The queue's job id (pgboss.job.id): the job's own row records it. */
  jobId: string;
  /** 1 for the first try, 2 for the first retry… */
  attempt: number;
  /** True for a failure no retry can fix (the worker then retries no more). */
  permanent(error: unknown): boolean;
}

/** One kind of background work: what it does, and the row that shows its progress. */
export interface JobHandlerDefinition<N extends JobName> {
  /** The job's own row (import_job, match_run), which gets its heartbeat; none for small jobs. */
  row?: (data: JobPayloads[N]) => JobRow | undefined;
  run(data: JobPayloads[N], job: JobRunContext): Promise<unknown>;
}

/** Declares a handler with its payload type checked against job-definitions.ts. */
export function defineJobHandler<N extends JobName>(_name: N, definition: JobHandlerDefinition<N>): JobHandlerDefinition<N> {
  return definition;
}
