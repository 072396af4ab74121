import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditActor } from "@/server/audit/append-audit-event.ts";
import { db, disconnectDb, setDatabaseUrl } from "@/server/db/client.ts";
import { createImportJob } from "@/server/ingest/import-jobs.ts";
import { enqueueJob } from "@/server/jobs/enqueue-job.ts";
import { failDeadJobs } from "@/server/jobs/job-heartbeat.ts";
import { closeJobQueue, openJobQueue } from "@/server/jobs/job-queue.ts";
import { startJobWorker, type JobWorker } from "@/server/jobs/start-job-worker.ts";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../support/throwaway-database.ts";

// The worker below takes every job of its database: a database of its own.
let database: ThrowawayDatabase;
let work: string;
let worker: JobWorker | null = null;
const sharedUrl = process.env.DATABASE_URL as string;
const admin: AuditActor = { id: randomUUID(), username: "admin-antrean", role: "ADMIN" };
const context = { ip: "10.0.0.9", userAgent: "vitest", requestId: null };

beforeAll(async () => {
  database = await createThrowawayDatabase("jobqueue");
  await disconnectDb();
  setDatabaseUrl(database.url);
  work = await mkdtemp(path.join(tmpdir(), "jangkau-jobs-"));
  process.env.JANGKAU_AUDIT_CHECKPOINT_FILE = path.join(work, "audit-checkpoints.jsonl");
  process.env.JANGKAU_STORAGE_DIR = path.join(work, "storage");
});

afterAll(async () => {
  await worker?.stop({ timeoutMs: 1000 });
  await closeJobQueue({ graceful: false });
  delete process.env.JANGKAU_AUDIT_CHECKPOINT_FILE;
  delete process.env.JANGKAU_STORAGE_DIR;
  await disconnectDb();
  setDatabaseUrl(sharedUrl);
  await database.drop();
  await rm(work, { recursive: true, force: true });
});

interface QueueJobRow {
  state: string;
  retry_count: number;
  retry_limit: number;
  output: { message?: string; heartbeatAt?: string } | null;
}

async function queueJob(id: string): Promise<QueueJobRow> {
  const rows = await db.$queryRawUnsafe<QueueJobRow[]>(`SELECT state::text, retry_count, retry_limit, output FROM pgboss.job WHERE id = $1::uuid`, id);
  return rows[0]!;
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("the job queue's schema", () => {
  it("is installed by the owner at migrate time: the app role works jobs but cannot change the structure", async () => {
    const app = new pg.Client({ connectionString: database.url });
    await app.connect();
    try {
      const { rows } = await app.query<{ name: string }>("SELECT name FROM pgboss.queue ORDER BY name");
      expect(rows.map((row) => row.name)).toEqual(
        expect.arrayContaining(["audit-checkpoint", "balikan-push", "import", "match", "sftp-pull", "sftp-schedule", "__pgboss__send-it"]),
      );
      await expect(app.query("SELECT pgboss.create_queue('sembarang', '{}'::json)")).rejects.toThrow(/permission denied/);
      await expect(app.query("CREATE TABLE pgboss.lain (id int)")).rejects.toThrow(/permission denied/);
      await expect(app.query("DROP TABLE pgboss.job")).rejects.toThrow(/must be owner/);
    } finally {
      await app.end();
    }
    // And pg-boss as the app, with migrate off, starts on it.
    const boss = new PgBoss({ connectionString: database.url, schema: "pgboss", migrate: false, supervise: false, schedule: false });
    await boss.start();
    expect(await boss.schemaVersion()).toBeGreaterThan(0);
    await boss.stop({ graceful: false });
  });
});

describe("startJobWorker", () => {
  it("runs a queued job once, in this process, and records its result", { timeout: 30_000 }, async () => {
    worker = await startJobWorker({ pollingIntervalSeconds: 0.5, log: () => undefined });
    const id = await enqueueJob("audit-checkpoint", { actor: admin });
    expect(id).toEqual(expect.any(String));
    const job = await until(() => queueJob(id!), (row) => row.state === "completed");
    expect(job.state).toBe("completed");
  });

  it("does not retry a refusal (a domain error): the job fails at its first attempt", { timeout: 30_000 }, async () => {
    const id = await enqueueJob("balikan-push", { deliveryId: randomUUID(), actor: admin, context });
    const job = await until(() => queueJob(id!), (row) => row.state === "failed");
    expect(job).toMatchObject({ state: "failed", retry_count: 0, retry_limit: 0 });
    expect(job.output?.message).toBe("Berkas balikan tidak ditemukan.");
  });

  it("retries a transient failure (the file not readable yet) with backoff, into the same import_job row", { timeout: 30_000 }, async () => {
    const importJobId = await createImportJob({ source: "kemnaker-bu", period: "2026-S1", channel: "UPLOAD", fileName: "hilang.csv", actor: admin });
    const id = await enqueueJob("import", {
      importJobId,
      source: "kemnaker-bu",
      period: "2026-S1",
      storedPath: `tmp/upload-${randomUUID()}.csv`,
      originalName: "hilang.csv",
      channel: "UPLOAD",
      actor: admin,
      context,
    });
    const job = await until(() => queueJob(id!), (row) => row.state === "retry");
    // pg-boss counts an attempt when it fetches the job: the retry is waiting, two attempts left.
    expect(job).toMatchObject({ state: "retry", retry_count: 0, retry_limit: 2 });
    const row = await db.importJob.findUniqueOrThrow({ where: { id: importJobId } });
    expect(row).toMatchObject({ status: "FAILED", queueJobId: id, actorId: admin.id, actorUsername: admin.username });
    expect(row.heartbeatAt).toBeInstanceOf(Date);
    // Out of the way of the tests below (the next attempt is 30 s away).
    await (await openJobQueue("worker")).cancel("import", id!);
  });
});

describe("failDeadJobs", () => {
  it("hands back a running job whose heartbeat stopped and whose worker's connection is gone, and fails its row", { timeout: 30_000 }, async () => {
    await worker?.stop({ timeoutMs: 1000 });
    worker = null;
    const boss = await openJobQueue("worker");
    const importJobId = await createImportJob({ source: "kemnaker-bu", period: "2026-S1", channel: "UPLOAD", fileName: "mati.csv", actor: admin });
    const id = await enqueueJob("import", {
      importJobId,
      source: "kemnaker-bu",
      period: "2026-S1",
      storedPath: `tmp/upload-${randomUUID()}.csv`,
      originalName: "mati.csv",
      channel: "UPLOAD",
      actor: admin,
      context,
    });
    // A worker took it (active) and died: no heartbeat for two minutes, no connection holding its lock.
    const [taken] = await boss.fetch("import");
    expect(taken?.id).toBe(id);
    await db.importJob.update({ where: { id: importJobId }, data: { queueJobId: id, status: "RUNNING" } });
    await db.$executeRawUnsafe(`UPDATE pgboss.job SET output = jsonb_build_object('heartbeatAt', now() - interval '2 minutes') WHERE id = $1::uuid`, id);

    // A live worker's job is left alone, however silent: its connection still holds the lock.
    const alive = new pg.Client({ connectionString: database.url });
    await alive.connect();
    await alive.query("SELECT pg_advisory_lock(70203, hashtext($1::text))", [id]);
    expect(await failDeadJobs(boss)).toBe(0);
    expect((await queueJob(id!)).state).toBe("active");
    await alive.end();

    expect(await failDeadJobs(boss)).toBe(1);
    expect(await queueJob(id!)).toMatchObject({ state: "retry" });
    expect(await db.importJob.findUniqueOrThrow({ where: { id: importJobId } })).toMatchObject({
      status: "FAILED",
      message: "Proses pekerja berhenti sebelum pekerjaan selesai.",
    });
    await boss.cancel("import", id!);
  });
});
