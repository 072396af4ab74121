import { randomBytes, randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { AuditActor } from "@/server/audit/append-audit-event.ts";
import { db, disconnectDb, setDatabaseUrl } from "@/server/db/client.ts";
import { createImportJob } from "@/server/ingest/import-jobs.ts";
import { SYSTEM_ACTOR } from "@/server/audit/system-actor.ts";
import { cancelJob } from "@/server/jobs/cancel-job.ts";
import { enqueueJob } from "@/server/jobs/enqueue-job.ts";
import { findJobs } from "@/server/jobs/find-jobs.ts";
import { sftpScheduleJob } from "@/server/jobs/handlers/sftp-schedule.ts";
import { retryJob } from "@/server/jobs/retry-job.ts";
import { createSftpEndpoint } from "@/server/sftp/create-sftp-endpoint.ts";
import { enqueueSftpPull } from "@/server/sftp/enqueue-sftp-pull.ts";
import { setSftpEndpointActive } from "@/server/sftp/set-sftp-endpoint-active.ts";
import { failDeadJobs } from "@/server/jobs/job-heartbeat.ts";
import { closeJobQueue, openJobQueue } from "@/server/jobs/job-queue.ts";
import { isPermanent, startJobWorker, type JobWorker } from "@/server/jobs/start-job-worker.ts";
import { DomainError } from "@/server/errors.ts";
import { ImportRefusedError } from "@/server/ingest/read/import-refused-error.ts";
import { SftpConnectionError } from "@/server/sftp/sftp-connection.ts";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../support/throwaway-database.ts";

// The worker below takes every job of its database: a database of its own.
let database: ThrowawayDatabase;
let work: string;
let worker: JobWorker | null = null;
const workerLog: string[] = [];
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
    worker = await startJobWorker({ pollingIntervalSeconds: 0.5, log: (message) => workerLog.push(message) });
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
    // The worker said so in its log.
    expect(workerLog.some((line) => line.includes(id!) && line.includes("gagal"))).toBe(true);
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

describe("the jobs list, cancel and retry", () => {
  it("lists jobs with who started them, attempts and errors; cancels a waiting one and retries a failed one, audited", { timeout: 30_000 }, async () => {
    const boss = await openJobQueue();
    const importJobId = await createImportJob({ source: "bpjs-bu", period: "2026-S1", channel: "UPLOAD", fileName: "antre.csv", actor: admin });
    const storedPath = `tmp/upload-${randomUUID()}.csv`;
    const waiting = await enqueueJob(
      "import",
      { importJobId, source: "bpjs-bu", period: "2026-S1", storedPath, originalName: "antre.csv", channel: "UPLOAD", actor: admin, context },
      { startAfter: new Date(Date.now() + 60 * 60_000) },
    );
    await db.importJob.update({ where: { id: importJobId }, data: { queueJobId: waiting } });
    const failing = await enqueueJob("balikan-push", { deliveryId: randomUUID(), actor: admin, context });
    // Failed by hand as a worker would after a transient error on its last attempt.
    await db.$executeRawUnsafe("UPDATE pgboss.job SET retry_limit = 0 WHERE id = $1::uuid", failing);
    await boss.fail("balikan-push", failing!, { message: "Unggah ke sftp.mitra gagal: ECONNRESET" });

    // An error quoting a personal value (a worker's NIK in a refused row) is listed masked.
    const quoting = await enqueueJob("balikan-push", { deliveryId: randomUUID(), actor: admin, context });
    await db.$executeRawUnsafe("UPDATE pgboss.job SET retry_limit = 0 WHERE id = $1::uuid", quoting);
    await boss.fail("balikan-push", quoting!, { message: "Baris NIK 3273011708450001 gagal" });

    const jobs = await findJobs();
    expect(jobs.find((job) => job.id === quoting)!.error).toBe("Baris NIK 3273••••••••0001 gagal");
    const listedWaiting = jobs.find((job) => job.id === waiting)!;
    expect(listedWaiting).toMatchObject({
      name: "import",
      state: "created",
      subject: "antre.csv (bpjs-bu, 2026-S1)",
      startedBy: admin.username,
      attempts: 0,
      maxAttempts: 3,
      cancellable: true,
      retryable: false,
    });
    const listedFailed = jobs.find((job) => job.id === failing)!;
    expect(listedFailed).toMatchObject({ state: "failed", error: "Unggah ke sftp.mitra gagal: ECONNRESET", cancellable: false, retryable: true });
    // Neither the payload nor the request's address goes to the page.
    expect(JSON.stringify(jobs)).not.toContain(context.ip);
    expect(JSON.stringify(jobs)).not.toContain(storedPath);
    // A refusal is not offered for a retry (the earlier test's balikan push).
    expect(jobs.filter((job) => job.name === "balikan-push" && job.error === "Berkas balikan tidak ditemukan.").every((job) => !job.retryable)).toBe(true);

    await cancelJob({ input: { name: "import", jobId: waiting! }, actor: admin, context });
    expect(await queueJob(waiting!)).toMatchObject({ state: "cancelled" });
    expect(await db.importJob.findUniqueOrThrow({ where: { id: importJobId } })).toMatchObject({
      status: "FAILED",
      message: `Dibatalkan oleh ${admin.username} sebelum berjalan.`,
    });
    await expect(cancelJob({ input: { name: "import", jobId: waiting! }, actor: admin, context })).rejects.toThrow(/tidak lagi mengantre/);

    await retryJob({ input: { name: "balikan-push", jobId: failing! }, actor: admin, context });
    expect(await queueJob(failing!)).toMatchObject({ state: "retry", retry_limit: 1 });
    await expect(retryJob({ input: { name: "balikan-push", jobId: failing! }, actor: admin, context })).rejects.toThrow(/Hanya pekerjaan yang gagal/);
    await boss.cancel("balikan-push", failing!);

    const audit = await db.auditEvent.findMany({ where: { action: { in: ["job.cancel", "job.retry"] } }, orderBy: { id: "asc" } });
    expect(audit.map((event) => [event.action, event.objectId, event.actorUsername])).toEqual([
      ["job.cancel", waiting, admin.username],
      ["job.retry", failing, admin.username],
    ]);
  });
});

describe("SFTP pulls on schedule", () => {
  it("queues, once a minute, a pull of each active endpoint whose schedule is due — never two at once", { timeout: 30_000 }, async () => {
    process.env.JANGKAU_SECRET_KEY = randomBytes(32).toString("base64");
    const endpoint = (name: string, pullSchedule: string) =>
      createSftpEndpoint({
        input: { name, host: "127.0.0.1", port: "2", username: "u", authKind: "PASSWORD", password: "p", privateKey: "", passphrase: "", remoteDir: ".", filePattern: "*.csv", source: "kemnaker-bu", pullSchedule },
        actor: admin,
        context,
      });
    const due = await endpoint("terjadwal", "* * * * *");
    const later = await endpoint("nanti", "0 0 1 1 *");
    const off = await endpoint("mati", "* * * * *");
    await setSftpEndpointActive({ input: { endpointId: off.id, active: false }, actor: admin, context });

    const first = (await sftpScheduleJob.run({ actor: SYSTEM_ACTOR }, { jobId: randomUUID(), attempt: 1, permanent: () => false })) as { queued: string[] };
    expect(first.queued).toEqual([due.id]);
    // The pull still waits: the next tick queues no second one.
    const second = (await sftpScheduleJob.run({ actor: SYSTEM_ACTOR }, { jobId: randomUUID(), attempt: 1, permanent: () => false })) as { queued: string[] };
    expect(second.queued).toEqual([]);
    await expect(enqueueSftpPull({ input: { endpointId: due.id }, actor: admin, context })).rejects.toThrow(/sudah menunggu di antrean/);
    await expect(enqueueSftpPull({ input: { endpointId: off.id }, actor: admin, context })).rejects.toThrow(/nonaktif/);
    const queued = await db.$queryRawUnsafe<{ data: { endpointId: string; actor: { username: string } } }[]>(
      "SELECT data FROM pgboss.job WHERE name = 'sftp-pull' AND state = 'created'",
    );
    expect(queued.map((row) => [row.data.endpointId, row.data.actor.username])).toEqual([[due.id, "system"]]);
    expect(later.pullSchedule).toBe("0 0 1 1 *");
  });
});

describe("isPermanent", () => {
  it("retries the weather (a server down or slow, a reset connection), never refused data or a refused request", () => {
    expect(isPermanent(new SftpConnectionError("refused", "Koneksi ditolak."))).toBe(false);
    expect(isPermanent(new SftpConnectionError("timeout", "Waktu habis."))).toBe(false);
    expect(isPermanent(Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }))).toBe(false);
    expect(isPermanent(new SftpConnectionError("auth", "Nama pengguna atau kata sandi ditolak."))).toBe(true);
    expect(isPermanent(new SftpConnectionError("host_key_mismatch", "Sidik jari berbeda."))).toBe(true);
    expect(isPermanent(new ImportRefusedError("bad_period", "Periode tidak sah."))).toBe(true);
    expect(isPermanent(new DomainError("Berkas balikan tidak ditemukan."))).toBe(true);
    expect(isPermanent(z.object({ a: z.string() }).safeParse({}).error)).toBe(true);
  });
});
