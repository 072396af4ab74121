import "server-only";
import PgBoss from "pg-boss";
import { databaseUrl } from "@/server/db/client.ts";
import { JOB_SCHEMA } from "./job-definitions.ts";

/**
 * The app's one pg-boss instance, on the app role's connection (never the owner's: the schema
 * is installed at migrate time, server/jobs/install-job-queue.ts, hence `migrate: false`).
 *
 * A web server only sends: no maintenance, no cron. A worker (`startJobWorker`) opens it with
 * `role: "worker"`: it expires and archives jobs and turns cron schedules into jobs; several
 * workers do so safely, pg-boss takes an advisory lock for each round.
 * Kept on globalThis so Next's separate module graphs share it, like the database pool.
 */
const globalForQueue = globalThis as unknown as { jangkauQueue?: Promise<PgBoss>; jangkauQueueRole?: QueueRole };

export type QueueRole = "sender" | "worker";

export async function openJobQueue(role: QueueRole = "sender"): Promise<PgBoss> {
  // A process that sent jobs before it became a worker (a test) reopens with the worker's duties.
  if (globalForQueue.jangkauQueue && role === "worker" && globalForQueue.jangkauQueueRole !== "worker") await closeJobQueue();
  if (globalForQueue.jangkauQueue) return globalForQueue.jangkauQueue;
  const worker = role === "worker";
  const boss = new PgBoss({
    connectionString: databaseUrl(),
    schema: JOB_SCHEMA,
    migrate: false,
    supervise: worker,
    schedule: worker,
    // A few connections: fetching, completing and the timekeeper; the jobs themselves use the
    // app's own pool.
    max: worker ? 4 : 2,
    application_name: worker ? "jangkau-worker" : "jangkau-web",
  });
  boss.on("error", (error) => console.error(`[antrean] ${error.message}`));
  globalForQueue.jangkauQueueRole = role;
  const started = boss.start().catch((error: unknown) => {
    globalForQueue.jangkauQueue = undefined;
    throw error;
  });
  globalForQueue.jangkauQueue = started;
  return started;
}

/** Stops the queue: graceful (running handlers get `timeoutMs` to finish) unless told otherwise. */
export async function closeJobQueue(options: { timeoutMs?: number; graceful?: boolean } = {}): Promise<void> {
  const pending = globalForQueue.jangkauQueue;
  globalForQueue.jangkauQueue = undefined;
  globalForQueue.jangkauQueueRole = undefined;
  if (!pending) return;
  const boss = await pending.catch(() => null);
  await boss?.stop({ graceful: options.graceful ?? true, timeout: options.timeoutMs ?? 30_000, wait: true, close: true });
}
