import "server-only";
import { maskPersonalText } from "@/lib/personal-data.ts";
import { db, Prisma } from "@/server/db/client.ts";
import { JOB_NAMES, JOB_SCHEMA } from "./job-definitions.ts";

/**
 * One background job as the Impor page lists it: what it is, who started it, its state, attempts,
 * progress and error — no payload (which may carry an address, a sealed password), no personal
 * data. Plain JSON values.
 */
export interface JobDto {
  id: string;
  name: string;
  state: "created" | "retry" | "active" | "completed" | "cancelled" | "failed";
  /** What the job works on: a file name, an endpoint, a run. */
  subject: string | null;
  startedBy: string | null;
  /** Attempts made (the running one included) and allowed. */
  attempts: number;
  maxAttempts: number;
  /** The job's own row's progress (import_job, match_run) while it has one. */
  progress: { phase: string; done: number; total: number | null; unit: "bita" | "catatan" } | null;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** What an admin may do with it now. */
  cancellable: boolean;
  retryable: boolean;
}

/** The latest jobs the page lists. */
export const RECENT_JOBS = 50;

// Once-a-minute schedule ticks would bury everything else: listed only when they failed.
const NOISY = ["sftp-schedule", "notification-mail"];

interface JobRow {
  id: string;
  name: string;
  state: JobDto["state"];
  retry_count: number;
  retry_limit: number;
  data: Record<string, unknown> | null;
  output: Record<string, unknown> | null;
  created_on: Date;
  started_on: Date | null;
  completed_on: Date | null;
  archived: boolean;
}

/** The latest jobs of every kind, newest first: the queue's own rows and, older, its archive. */
export async function findJobs({ limit = RECENT_JOBS }: { limit?: number } = {}): Promise<JobDto[]> {
  const schema = Prisma.raw(JOB_SCHEMA);
  const columns = Prisma.sql`id::text, name, state::text AS state, retry_count, retry_limit, data, output, created_on, started_on, completed_on`;
  const where = Prisma.sql`name IN (${Prisma.join(JOB_NAMES)}) AND (name NOT IN (${Prisma.join(NOISY)}) OR state = 'failed')`;
  const rows = await db.$queryRaw<JobRow[]>`
    (SELECT ${columns}, false AS archived FROM ${schema}.job WHERE ${where} ORDER BY created_on DESC LIMIT ${limit})
    UNION ALL
    (SELECT ${columns}, true AS archived FROM ${schema}.archive WHERE ${where} ORDER BY created_on DESC LIMIT ${limit})
    ORDER BY created_on DESC LIMIT ${limit}`;

  const ids = rows.map((row) => row.id);
  const endpointIds = rows.flatMap((row) => (row.name === "sftp-pull" && typeof row.data?.endpointId === "string" ? [row.data.endpointId] : []));
  const deliveryIds = rows.flatMap((row) => (row.name === "balikan-push" && typeof row.data?.deliveryId === "string" ? [row.data.deliveryId] : []));
  const [imports, runs, endpoints, deliveries] = await Promise.all([
    db.importJob.findMany({
      where: { queueJobId: { in: ids } },
      select: { queueJobId: true, fileName: true, source: true, period: true, phase: true, bytesRead: true, bytesTotal: true, status: true },
    }),
    db.matchRun.findMany({ where: { queueJobId: { in: ids } }, select: { id: true, queueJobId: true, kind: true, phase: true, recordsDone: true, recordsTotal: true, status: true } }),
    db.sftpEndpoint.findMany({ where: { id: { in: endpointIds } }, select: { id: true, name: true } }),
    db.balikanDelivery.findMany({ where: { id: { in: deliveryIds } }, select: { id: true, fileName: true } }),
  ]);
  const importOf = new Map(imports.map((row) => [row.queueJobId, row]));
  const runOf = new Map(runs.map((row) => [row.queueJobId, row]));
  const endpointName = new Map(endpoints.map((row) => [row.id, row.name]));
  const deliveryName = new Map(deliveries.map((row) => [row.id, row.fileName]));

  return rows.map((row) => {
    const importJob = importOf.get(row.id);
    const run = runOf.get(row.id);
    let subject: string | null = null;
    let progress: JobDto["progress"] = null;
    if (importJob) {
      subject = `${importJob.fileName ?? "—"} (${importJob.source}, ${importJob.period})`;
      if (row.state === "active") progress = { phase: importJob.phase, done: Number(importJob.bytesRead), total: importJob.bytesTotal === null ? null : Number(importJob.bytesTotal), unit: "bita" };
    } else if (run) {
      subject = `#${run.id} ${run.kind === "FULL" ? "penuh" : "bertahap"}`;
      if (row.state === "active") progress = { phase: run.phase, done: run.recordsDone, total: run.recordsTotal || null, unit: "catatan" };
    } else if (row.name === "sftp-pull") {
      subject = endpointName.get(String(row.data?.endpointId)) ?? null;
    } else if (row.name === "balikan-push") {
      subject = deliveryName.get(String(row.data?.deliveryId)) ?? null;
    } else if (row.name === "coverage-refresh") {
      subject = "Dasbor Cakupan";
    }
    const actor = row.data?.actor as { username?: unknown } | undefined;
    const queued = row.state === "created" || row.state === "retry";
    return {
      id: row.id,
      name: row.name,
      state: row.state,
      subject,
      startedBy: typeof actor?.username === "string" ? actor.username : null,
      // pg-boss counts a retry when it takes the job again; the first attempt is its start.
      attempts: row.retry_count + (row.started_on ? 1 : 0),
      maxAttempts: row.retry_limit + 1,
      progress,
      // An error may quote what it failed on (a cell, a key): through the one masking rule.
      error: row.state === "failed" && typeof row.output?.message === "string" ? maskPersonalText(row.output.message.slice(0, 500)) : null,
      createdAt: row.created_on.toISOString(),
      startedAt: row.started_on?.toISOString() ?? null,
      finishedAt: row.completed_on?.toISOString() ?? null,
      cancellable: !row.archived && queued,
      retryable: !row.archived && row.state === "failed" && row.output?.permanent !== true,
    };
  });
}
