import "server-only";
import { hostname } from "node:os";
import type PgBoss from "pg-boss";
import { ZodError } from "zod";
import { maskPersonalText } from "@/lib/personal-data.ts";
import { SYSTEM_ACTOR } from "@/server/audit/system-actor.ts";
import { config } from "@/server/config.ts";
import { dbPool } from "@/server/db/client.ts";
import { DomainError } from "@/server/errors.ts";
import { ImportRefusedError } from "@/server/ingest/read/import-refused-error.ts";
import { SftpConnectionError, type SftpConnectionErrorCode } from "@/server/sftp/sftp-connection.ts";
import { JOB_HANDLERS } from "./handlers/index.ts";
import type { JobHandlerDefinition } from "./handlers/job-handler.ts";
import { JOB_NAMES, JOB_SCHEMA, type JobName, type JobPayloads } from "./job-definitions.ts";
import { failDeadJobs, HEARTBEAT_MS, startHeartbeat } from "./job-heartbeat.ts";
import { closeJobQueue, openJobQueue } from "./job-queue.ts";

export interface JobWorkerOptions {
  /** The job names this process works; all of them by default. */
  queues?: readonly JobName[];
  /** Jobs of each queue this process runs at once. */
  concurrency?: number;
  /** How often an idle worker asks for new work (pg-boss's minimum is 0.5 s). */
  pollingIntervalSeconds?: number;
  log?: (message: string) => void;
}

export interface JobWorker {
  queues: readonly JobName[];
  /** Stops taking work; running jobs get `timeoutMs` to finish, then are handed back to the queue. */
  stop(options?: { timeoutMs?: number }): Promise<void>;
}

/** This process among the workers: host and pid. */
const WORKER_ID = `${hostname()}:${process.pid}`;
// Dead workers' jobs are looked for this often: well under DEAD_AFTER_MS, a few cheap queries.
const DEAD_JOB_CHECK_MS = 3 * HEARTBEAT_MS;

/**
 * Runs queued jobs in this process until `stop()`. Each job gets its handler
 * (server/jobs/handlers/<job>.ts), a heartbeat while it runs, and — when it fails on something
 * that another attempt cannot fix (refused data, a validation or domain error) — no retry.
 * Also registers the queue's cron schedules (audit checkpoints, the SFTP schedule tick): every
 * worker does, idempotently, and pg-boss sends each scheduled job once whatever their number.
 */
export async function startJobWorker(options: JobWorkerOptions = {}): Promise<JobWorker> {
  const queues = options.queues ?? JOB_NAMES;
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const write = options.log ?? ((message: string) => console.log(`[pekerja] ${message}`));
  // Errors quote what they failed on (a path, a cell): the log gets them through the masking rule.
  const log = (message: string) => write(maskPersonalText(message));
  const boss = await openJobQueue("worker");

  const dead = await failDeadJobs(boss);
  if (dead) log(`${dead} pekerjaan dari pekerja yang berhenti dikembalikan ke antrean.`);
  const deadCheck = setInterval(() => {
    failDeadJobs(boss).catch((error: unknown) => log(`Pemeriksaan pekerjaan mati gagal: ${error instanceof Error ? error.message : String(error)}`));
  }, DEAD_JOB_CHECK_MS);
  deadCheck.unref();

  await registerSchedules(boss);
  // As the app's timer once did: an anchor as soon as the system (re)starts, not up to a
  // schedule interval later.
  await boss.send("audit-checkpoint", { actor: SYSTEM_ACTOR } satisfies JobPayloads["audit-checkpoint"]);
  for (const name of queues) {
    for (let i = 0; i < concurrency; i++) {
      await boss.work<JobPayloads[typeof name]>(
        name,
        { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 },
        async ([job]) => runJob(name, job!, log),
      );
    }
  }
  log(`Pekerja berjalan: ${queues.join(", ")} (${concurrency} sekaligus per antrean).`);
  return {
    queues,
    async stop({ timeoutMs = 30_000 } = {}) {
      clearInterval(deadCheck);
      await closeJobQueue({ timeoutMs });
    },
  };
}

async function runJob<N extends JobName>(name: N, job: PgBoss.JobWithMetadata<JobPayloads[N]>, log: (message: string) => void): Promise<unknown> {
  const handler = JOB_HANDLERS[name] as JobHandlerDefinition<N>;
  const heartbeat = await startHeartbeat(job, handler.row?.(job.data));
  try {
    const result = await handler.run(job.data, { jobId: job.id, attempt: job.retryCount + 1, permanent: isPermanent });
    // The job's output names the worker that ran it: which machine to look at, and how the
    // multi-instance test tells workers apart.
    return { ranBy: WORKER_ID, result: result ?? null };
  } catch (error) {
    // Marked in the job's output (pg-boss stores the error's own fields): the page offers no retry.
    if (isPermanent(error)) {
      await noMoreAttempts(job);
      if (error instanceof Error) Object.assign(error, { permanent: true });
    }
    else log(`Pekerjaan ${name} ${job.id} gagal (percobaan ${job.retryCount + 1} dari ${job.retryLimit + 1}): ${error instanceof Error ? error.message : String(error)}`);
    throw error;
  } finally {
    await heartbeat.stop();
  }
}

/** An SFTP server that is down or slow may be back later; bad credentials or a changed host key will not. */
const TRANSIENT_SFTP_CODES: ReadonlySet<SftpConnectionErrorCode> = new Set(["refused", "timeout", "host_not_found", "other"]);

/** Failures another attempt would only repeat: the data or the request is wrong, not the weather. */
export function isPermanent(error: unknown): boolean {
  if (error instanceof SftpConnectionError) return !TRANSIENT_SFTP_CODES.has(error.code);
  return error instanceof ImportRefusedError || error instanceof DomainError || error instanceof ZodError;
}

/** Makes the failure about to be recorded final: pg-boss retries while retry_count < retry_limit. */
async function noMoreAttempts(job: { id: string; name: string }): Promise<void> {
  await dbPool().query(`UPDATE ${JOB_SCHEMA}.job SET retry_limit = retry_count WHERE name = $1 AND id = $2`, [job.name, job.id]);
}

async function registerSchedules(boss: PgBoss): Promise<void> {
  const minutes = config().JANGKAU_AUDIT_CHECKPOINT_MINUTES;
  const schedules: { [N in JobName]?: { cron: string; data: JobPayloads[N] } } = {
    "audit-checkpoint": { cron: minutes >= 60 ? "0 * * * *" : `*/${minutes} * * * *`, data: { actor: SYSTEM_ACTOR } },
    "sftp-schedule": { cron: "* * * * *", data: { actor: SYSTEM_ACTOR } },
    "notification-daily": { cron: "0 6 * * *", data: { actor: SYSTEM_ACTOR } },
  };
  // Mail only runs where a mail server is configured; a worker without one takes the schedule
  // away, so turning SMTP off stops the minute's tick everywhere.
  if (config().JANGKAU_SMTP_URL) schedules["notification-mail"] = { cron: "* * * * *", data: { actor: SYSTEM_ACTOR } };
  else await boss.unschedule("notification-mail");
  for (const [name, schedule] of Object.entries(schedules)) {
    await boss.schedule(name, schedule.cron, schedule.data as object, { tz: "Asia/Jakarta" });
  }
}
