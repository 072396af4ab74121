import "server-only";
import pg from "pg";
import type PgBoss from "pg-boss";
import { databaseUrl, db } from "@/server/db/client.ts";
import { holdLivenessLock, workerIsGone } from "@/server/db/liveness-lock.ts";
import { JOB_SCHEMA } from "./job-definitions.ts";

/** How often a running job says it is alive. */
export const HEARTBEAT_MS = 10_000;
/** A running job silent for this long, whose worker's connection is gone too, is dead. */
export const DEAD_AFTER_MS = 60_000;

/** The job's own row, where the import page reads progress: it gets the heartbeat too. */
export type JobRow = { table: "importJob"; id: string } | { table: "matchRun"; id: number };

/**
 * Keeps a running job visibly alive until `stop()`: every HEARTBEAT_MS the queue's row
 * (`output.heartbeatAt`, which pg-boss overwrites with the result at the end) and the job's own
 * row get the time. A separate connection holds the job's liveness lock all along: a handler
 * busy in a long synchronous computation (matching a million records) cannot beat, but its lock
 * still says it lives; a killed worker's connection closes and frees the lock at once.
 */
export async function startHeartbeat(job: { id: string; name: string }, row?: JobRow): Promise<{ stop(): Promise<void> }> {
  const client = new pg.Client({ connectionString: databaseUrl(), application_name: "jangkau-job-heartbeat" });
  client.on("error", () => undefined); // a dropped connection only means no more beats
  await client.connect();
  await holdLivenessLock(client, "job", job.id);
  const beat = async () => {
    await client
      .query(`UPDATE ${JOB_SCHEMA}.job SET output = jsonb_build_object('heartbeatAt', now()) WHERE name = $1 AND id = $2 AND state = 'active'`, [job.name, job.id])
      .catch(() => undefined);
    if (row?.table === "importJob") await db.importJob.updateMany({ where: { id: row.id, status: "RUNNING" }, data: { heartbeatAt: new Date() } }).catch(() => undefined);
    if (row?.table === "matchRun") await db.matchRun.updateMany({ where: { id: row.id, status: "RUNNING" }, data: { heartbeatAt: new Date() } }).catch(() => undefined);
  };
  await beat();
  const timer = setInterval(() => void beat(), HEARTBEAT_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await client.end().catch(() => undefined);
    },
  };
}

/** What a job whose worker died is marked with. */
const WORKER_DIED = "Proses pekerja berhenti sebelum pekerjaan selesai.";

/**
 * Finds running jobs whose worker died (no heartbeat for DEAD_AFTER_MS and their liveness lock
 * free), fails their own rows and hands them back to the queue, which retries them when attempts
 * are left. Every worker runs this at start and then regularly; two at once agree, because the
 * decision is taken under the job's lock.
 */
export async function failDeadJobs(boss: PgBoss): Promise<number> {
  const rows = await db.$queryRawUnsafe<{ id: string; name: string }[]>(
    `SELECT id::text, name FROM ${JOB_SCHEMA}.job
      WHERE state = 'active' AND name NOT LIKE '\\_\\_pgboss%'
        AND COALESCE((output->>'heartbeatAt')::timestamptz, started_on) < now() - make_interval(secs => $1)`,
    DEAD_AFTER_MS / 1000,
  );
  let dead = 0;
  for (const job of rows) {
    const failed = await db.$transaction(async (tx) => {
      if (!(await workerIsGone(tx, "job", job.id))) return false;
      const finished = { status: "FAILED" as const, phase: "berhenti", message: WORKER_DIED, finishedAt: new Date() };
      await tx.importJob.updateMany({ where: { queueJobId: job.id, status: "RUNNING" }, data: finished });
      await tx.matchRun.updateMany({ where: { queueJobId: job.id, status: "RUNNING" }, data: finished });
      return true;
    });
    if (!failed) continue;
    await boss.fail(job.name, job.id, { message: WORKER_DIED });
    dead++;
  }
  return dead;
}
