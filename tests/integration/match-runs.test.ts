import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditActor } from "@/server/audit/append-audit-event.ts";
import { db, disconnectDb, setDatabaseUrl } from "@/server/db/client.ts";
import { DomainError } from "@/server/errors.ts";
import { importFile } from "@/server/ingest/import-file.ts";
import { findMatchRuns, RECENT_MATCH_RUNS } from "@/server/matching/find-match-runs.ts";
import { runMatch } from "@/server/matching/run-match.ts";
import { holdLivenessLock, workerIsGone } from "@/server/db/liveness-lock.ts";
import { closeJobQueue } from "@/server/jobs/job-queue.ts";
import { startJobWorker } from "@/server/jobs/start-job-worker.ts";
import { startFullMatch } from "@/server/matching/start-full-match.ts";
import { ensureRegionsLoaded } from "@/server/regions/load-regions.ts";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../support/throwaway-database.ts";

// The runs list and the "one run at a time" rule read every match_run row, and a full match
// rewrites every business: this file gets a database of its own.
let privateDb: ThrowawayDatabase;
const sharedUrl = process.env.DATABASE_URL as string;
let dir: string;
let batchId: string;

const admin: AuditActor = { id: randomUUID(), username: "admin-cocok", role: "ADMIN" };
const context = { ip: "10.0.0.8", userAgent: "vitest", requestId: null };

/** Three Kemnaker employers with distinct NPWPs: three businesses once matched. */
const KEMNAKER_CSV = [
  "NPWP;Nama Pemberi Kerja;Kode Kabupaten;Jumlah Pekerja",
  "01.312.166.0-091.000;PT Sinar Cocok Abadi;3273;120",
  "02.111.222.3-444.000;CV Berkah Cocok;3204;15",
  ";PT Tanpa Nomor Cocok;3578;40",
].join("\r\n");

const stats = { records: 3, businesses: 3, leads: 2, byStatus: { BELUM_TERDAFTAR: 2 }, links: { npwp: 0 }, reviewPairs: 1, seconds: 1.5 };

/** Holds the liveness locks of the hand-made runs below that play live ones. */
let liveWorker: pg.Client;

/**
 * A match_run row made by hand. A RUNNING one past "menunggu" plays a live process: it holds the
 * run's liveness lock, as runMatch does, so that only its heartbeat can make it look dead.
 */
async function createRun(data: Partial<Parameters<typeof db.matchRun.create>[0]["data"]> = {}): Promise<number> {
  const run = await db.matchRun.create({ data: { kind: "INCREMENTAL", actorUsername: admin.username, ...data }, select: { id: true } });
  if ((data.status ?? "RUNNING") === "RUNNING" && data.phase && data.phase !== "menunggu") await holdLivenessLock(liveWorker, "matchRun", run.id);
  return run.id;
}

/** A `jangkau worker` process on this file's database, as `npm start` runs one. */
function spawnWorker(queues = "match") {
  return spawn(process.execPath, ["cli/bin.mjs", "worker", "--queues", queues], {
    env: { ...process.env, DATABASE_URL: privateDb.url },
    stdio: ["ignore", "ignore", "pipe"],
    detached: true,
  });
}

/** Follows a run's row as the import page does, until it is no longer running. */
async function runFinished(runId: number, timeoutMs = 75_000) {
  let run = await db.matchRun.findUniqueOrThrow({ where: { id: runId } });
  const deadline = Date.now() + timeoutMs;
  while (run.status === "RUNNING" && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 300));
    run = await db.matchRun.findUniqueOrThrow({ where: { id: runId } });
  }
  return run;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "jangkau-match-runs-"));
  process.env.JANGKAU_STORAGE_DIR = path.join(dir, "storage");
  privateDb = await createThrowawayDatabase("matchruns");
  await ensureRegionsLoaded({ url: privateDb.url });
  liveWorker = new pg.Client({ connectionString: privateDb.url });
  liveWorker.on("error", () => undefined); // the database is dropped under it at the end
  await liveWorker.connect();
  await disconnectDb();
  setDatabaseUrl(privateDb.url);
  const file = path.join(dir, "wlkp-cocok.csv");
  await writeFile(file, KEMNAKER_CSV);
  const summary = await importFile({ source: "kemnaker-bu", period: "2026-S1", filePath: file, channel: "CLI", actor: admin, context });
  batchId = summary.batchId;
});

afterAll(async () => {
  await closeJobQueue({ graceful: false });
  await liveWorker.end();
  await disconnectDb();
  setDatabaseUrl(sharedUrl);
  await privateDb.drop();
  await rm(dir, { recursive: true, force: true });
});

describe("findMatchRuns", () => {
  it("is empty before any run", async () => {
    // Runs first (vitest keeps the file's order); the import above starts no run (matching after
    // import is off in tests).
    expect(await findMatchRuns()).toEqual([]);
  });

  it("lists the latest runs newest first, with their trigger and, once succeeded, their figures — no actor", async () => {
    const base = Date.now() - 60 * 60_000;
    const ids: number[] = [];
    for (let i = 0; i < RECENT_MATCH_RUNS + 2; i++) {
      ids.push(await createRun({ startedAt: new Date(base + i * 1000), status: "FAILED", phase: "berhenti", message: `gagal ${i}` }));
    }
    const full = await createRun({
      kind: "FULL",
      status: "SUCCEEDED",
      phase: "selesai",
      recordsTotal: 3,
      recordsDone: 3,
      stats,
      startedAt: new Date(base + 60_000),
      finishedAt: new Date(base + 61_500),
    });
    const incremental = await createRun({ batchId, phase: "mencocokkan", recordsTotal: 200, recordsDone: 50, startedAt: new Date(base + 120_000) });

    const runs = await findMatchRuns();
    expect(runs).toHaveLength(RECENT_MATCH_RUNS);
    expect(runs.map((run) => run.id)).toEqual([incremental, full, ...ids.slice(-(RECENT_MATCH_RUNS - 2)).reverse()]);
    expect(runs[0]).toEqual({
      id: incremental,
      kind: "INCREMENTAL",
      status: "RUNNING",
      phase: "mencocokkan",
      recordsTotal: 200,
      recordsDone: 50,
      trigger: { batchId, source: "kemnaker-bu", period: "2026-S1", fileName: "wlkp-cocok.csv" },
      result: null,
      message: null,
      startedAt: new Date(base + 120_000).toISOString(),
      finishedAt: null,
    });
    expect(runs[1]).toMatchObject({
      kind: "FULL",
      status: "SUCCEEDED",
      trigger: null,
      result: { records: 3, businesses: 3, leads: 2, reviewPairs: 1, seconds: 1.5 },
      finishedAt: new Date(base + 61_500).toISOString(),
    });
    expect(runs[2]).toMatchObject({ status: "FAILED", result: null, message: `gagal ${RECENT_MATCH_RUNS + 1}` });
    // Plain JSON, and nothing about who started it.
    expect(JSON.parse(JSON.stringify(runs))).toEqual(runs);
    expect(JSON.stringify(runs)).not.toContain(admin.username);
    // The last successful full run stays listed, after the latest ones, when they push it out.
    expect((await findMatchRuns({ limit: 2 })).map((run) => run.id)).toEqual([incremental, full]);
    expect((await findMatchRuns({ limit: 1 })).map((run) => run.id)).toEqual([incremental, full]);
    for (let i = 0; i < RECENT_MATCH_RUNS; i++) {
      await createRun({ status: "FAILED", phase: "berhenti", startedAt: new Date(base + 180_000 + i * 1000) });
    }
    const later = await findMatchRuns();
    expect(later).toHaveLength(RECENT_MATCH_RUNS + 1);
    expect(later.at(-1)!.id).toBe(full);
    expect(later.slice(0, -1).every((run) => run.status === "FAILED")).toBe(true);
  });
});

describe("startFullMatch", () => {
  it("refuses while a run is in progress, naming it", async () => {
    const running = await db.matchRun.findFirst({ where: { status: "RUNNING" }, orderBy: { id: "asc" }, select: { id: true } });
    expect(running).not.toBeNull();
    const before = await db.matchRun.count();
    const attempt = startFullMatch({ actor: admin });
    await expect(attempt).rejects.toBeInstanceOf(DomainError);
    await expect(attempt).rejects.toThrow(`Pencocokan #${running!.id} (bertahap) masih berjalan`);
    expect(await db.matchRun.count()).toBe(before);
  });
});

describe("startFullMatch, with a worker process", () => {
  it("queues a run that a `jangkau worker` process resolves, marking it succeeded with the admin as its actor", { timeout: 90_000 }, async () => {
    // The rows above are hand-made: nothing runs them. Out of the way, as a dead worker's would be.
    await db.matchRun.updateMany({ where: { status: "RUNNING" }, data: { status: "FAILED", phase: "berhenti", finishedAt: new Date() } });
    // Tests turn matching after imports off; a full run asked for by hand ignores that switch.
    expect(process.env.JANGKAU_MATCH_AFTER_IMPORT).toBe("off");

    const { runId } = await startFullMatch({ actor: admin });
    const created = await db.matchRun.findUniqueOrThrow({ where: { id: runId } });
    expect(created).toMatchObject({ kind: "FULL", status: "RUNNING", phase: "menunggu", actorId: admin.id, actorUsername: admin.username, batchId: null });
    expect(created.queueJobId).toEqual(expect.any(String));

    const worker = spawnWorker();
    let stderr = "";
    worker.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    try {
      const run = await runFinished(runId);
      expect(run.message).toBeNull();
      expect(run).toMatchObject({ status: "SUCCEEDED", phase: "selesai", recordsTotal: 3, recordsDone: 3 });
      expect(run.heartbeatAt).toBeInstanceOf(Date);
    } finally {
      // SIGTERM: the worker stops taking work and ends by itself.
      worker.kill("SIGTERM");
      const [code] = await once(worker, "exit");
      expect(code).toBe(0);
    }
    expect(stderr).toContain("Berhenti.");

    const [listed] = await findMatchRuns({ limit: 1 });
    expect(listed).toMatchObject({ id: runId, kind: "FULL", status: "SUCCEEDED", trigger: null, result: { records: 3, businesses: 3 } });
    expect(await db.business.count()).toBe(3);
    const audit = await db.auditEvent.findFirst({ where: { action: "match.run", objectId: String(runId) } });
    expect(audit).toMatchObject({ actorId: admin.id, actorUsername: admin.username });
  });
});

describe("a match run killed halfway through writing its result", () => {
  it("leaves the previous result as it was, is failed at once, and the next run succeeds", { timeout: 180_000 }, async () => {
    await db.matchRun.updateMany({ where: { status: "RUNNING" }, data: { status: "FAILED", phase: "berhenti", finishedAt: new Date() } });
    await runMatch({ kind: "FULL", actor: admin }); // the previous result
    const businesses = async () => (await db.business.findMany({ orderBy: { id: "asc" }, select: { id: true, name: true, status: true, matchRunId: true } }));
    const links = () => db.businessRecord.count();
    const previous = await businesses();
    const previousLinks = await links();
    expect(previous).toHaveLength(3);

    // Holds the run inside its write transaction: it has deleted the old links (uncommitted) and
    // waits to replace the businesses.
    const blocker = new pg.Client({ connectionString: privateDb.url });
    await blocker.connect();
    await blocker.query("BEGIN");
    await blocker.query("LOCK TABLE business IN SHARE MODE");
    const { runId: killedRun } = await startFullMatch({ actor: admin });
    const child = spawnWorker();
    try {
      for (;;) {
        const writing = await db.matchRun.findFirst({ where: { id: killedRun, status: "RUNNING", phase: "menyimpan hasil" }, select: { id: true } });
        // Asked outside the blocker's transaction: pg_stat_activity is a snapshot inside one.
        const [{ n }] = await db.$queryRaw<[{ n: number }]>`SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock'`;
        if (writing && n > 0) break;
        expect(child.exitCode).toBeNull();
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      process.kill(-child.pid!, "SIGKILL");
      await once(child, "exit");
    } finally {
      await blocker.query("ROLLBACK");
      await blocker.end();
    }
    // The killed process's server session ends once its query notices the client is gone.
    while (!(await db.$transaction((tx) => workerIsGone(tx, "matchRun", killedRun)))) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await businesses()).toEqual(previous);
    expect(await links()).toBe(previousLinks);

    // A minute later its heartbeat is stale (aged here rather than waited for) and the job's lock
    // is free: the next worker to start hands the job back and fails the run at once.
    const { queueJobId } = await db.matchRun.findUniqueOrThrow({ where: { id: killedRun } });
    await db.$executeRawUnsafe(`UPDATE pgboss.job SET output = jsonb_build_object('heartbeatAt', now() - interval '2 minutes') WHERE id = $1::uuid`, queueJobId);
    const worker = await startJobWorker({ queues: ["match"], pollingIntervalSeconds: 0.5, log: () => undefined });
    try {
      expect(await db.matchRun.findUniqueOrThrow({ where: { id: killedRun } })).toMatchObject({
        status: "FAILED",
        phase: "berhenti",
        message: "Proses pekerja berhenti sebelum pekerjaan selesai.",
      });
      // The next "Cocokkan ulang semua" starts now, and this worker runs it.
      const { runId } = await startFullMatch({ actor: admin });
      expect(await runFinished(runId)).toMatchObject({ status: "SUCCEEDED", recordsTotal: 3 });
      // The killed run's own retry comes later (30 s backoff): not in this test's way.
      await db.$executeRawUnsafe(`UPDATE pgboss.job SET state = 'cancelled' WHERE id = $1::uuid AND state = 'retry'`, queueJobId);
    } finally {
      await worker.stop({ timeoutMs: 5000 });
    }
    expect((await businesses()).map(({ name, status }) => ({ name, status }))).toEqual(previous.map(({ name, status }) => ({ name, status })));
    expect(await links()).toBe(previousLinks);
  });
});
