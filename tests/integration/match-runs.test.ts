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
import { failStaleMatchRuns, findMatchRuns, RECENT_MATCH_RUNS, STALE_MATCH_RUN_MS } from "@/server/matching/find-match-runs.ts";
import { startMatchInBackground } from "@/server/matching/match-after-import.ts";
import { MATCH_LOCK_KEY, runMatch } from "@/server/matching/run-match.ts";
import { holdLivenessLock, workerIsGone } from "@/server/db/liveness-lock.ts";
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

/** Sets a run's last sign of life in the past (updatedAt is Prisma-managed: raw SQL). */
async function ageRun(id: number, ms: number): Promise<void> {
  await db.$executeRaw`UPDATE match_run SET updated_at = ${new Date(Date.now() - ms)} WHERE id = ${id}`;
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

describe("failStaleMatchRuns", () => {
  it("fails running runs that stopped moving, and only those", async () => {
    const stale = await createRun({ phase: "mencocokkan" });
    const fresh = await createRun({ phase: "mencocokkan" });
    const oldDone = await createRun({ status: "SUCCEEDED", phase: "selesai", stats, finishedAt: new Date() });
    await ageRun(stale, STALE_MATCH_RUN_MS + 60_000);
    await ageRun(fresh, STALE_MATCH_RUN_MS - 60_000);
    await ageRun(oldDone, STALE_MATCH_RUN_MS + 60_000);

    const failed = await failStaleMatchRuns();
    // The incremental RUNNING row of the test above is fresh too: only `stale` goes.
    expect(failed).toBe(1);
    const rows = await db.matchRun.findMany({ where: { id: { in: [stale, fresh, oldDone] } }, orderBy: { id: "asc" } });
    expect(rows.map((row) => [row.status, row.phase])).toEqual([
      ["FAILED", "berhenti"],
      ["RUNNING", "mencocokkan"],
      ["SUCCEEDED", "selesai"],
    ]);
    expect(rows[0]!.message).toBe("Proses pencocokan berhenti tanpa kabar.");
    expect(rows[0]!.finishedAt).toBeInstanceOf(Date);
    expect(await failStaleMatchRuns()).toBe(0);
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

describe("startMatchInBackground({ full: true })", () => {
  it("starts a `jangkau match` child process that resolves every record and marks its run succeeded", { timeout: 90_000 }, async () => {
    // The rows above are hand-made: nothing runs them. Out of the way, as a dead process's would be.
    await db.matchRun.updateMany({ where: { status: "RUNNING" }, data: { status: "FAILED", phase: "berhenti", finishedAt: new Date() } });
    // Tests turn matching after imports off; a full run asked for by hand ignores that switch.
    expect(process.env.JANGKAU_MATCH_AFTER_IMPORT).toBe("off");

    const runId = await startMatchInBackground({ full: true, actor: admin });
    expect(runId).toEqual(expect.any(Number));
    const created = await db.matchRun.findUniqueOrThrow({ where: { id: runId! } });
    expect(created).toMatchObject({ kind: "FULL", status: "RUNNING", actorUsername: admin.username, batchId: null });

    // The child is another process on this database: follow its row as the import page does.
    let run = created;
    const deadline = Date.now() + 75_000;
    while (run.status === "RUNNING" && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      run = await db.matchRun.findUniqueOrThrow({ where: { id: runId! } });
    }
    expect(run.message).toBeNull();
    expect(run).toMatchObject({ status: "SUCCEEDED", phase: "selesai", recordsTotal: 3, recordsDone: 3 });
    expect(run.finishedAt).toBeInstanceOf(Date);

    const [listed] = await findMatchRuns({ limit: 1 });
    expect(listed).toMatchObject({ id: runId, kind: "FULL", status: "SUCCEEDED", trigger: null, result: { records: 3, businesses: 3 } });
    expect(await db.business.count()).toBe(3);
    const audit = await db.auditEvent.findFirst({ where: { action: "match.run", objectId: String(runId) } });
    expect(audit).not.toBeNull();
  });
});

describe("runMatch", () => {
  it("keeps saying it is alive while it waits behind another run, so it is never failed as dead", { timeout: 30_000 }, async () => {
    // Another run holds the lock (as a long full run would).
    const other = new pg.Client({ connectionString: privateDb.url });
    await other.connect();
    await other.query("SELECT pg_advisory_lock($1::bigint)", [MATCH_LOCK_KEY]);
    const runId = await createRun({ kind: "FULL" });
    const running = runMatch({ kind: "FULL", actor: admin, runId, heartbeatMs: 100 });
    try {
      while ((await db.matchRun.findUniqueOrThrow({ where: { id: runId } })).phase !== "menunggu giliran") {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      // Silent for longer than the stale rule allows, as far as the row knows …
      await ageRun(runId, STALE_MATCH_RUN_MS + 60_000);
      await new Promise((resolve) => setTimeout(resolve, 500));
      // … but its heartbeat has spoken since.
      expect(await failStaleMatchRuns()).toBe(0);
      expect(await db.matchRun.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ status: "RUNNING", phase: "menunggu giliran" });
    } finally {
      await other.query("SELECT pg_advisory_unlock($1::bigint)", [MATCH_LOCK_KEY]);
      await other.end();
    }
    await expect(running).resolves.toMatchObject({ runId, kind: "FULL" });
    expect(await db.matchRun.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ status: "SUCCEEDED" });
  });
});

describe("a match run killed halfway through writing its result", () => {
  it("leaves the previous result as it was, is failed at once, and the next run succeeds", { timeout: 180_000 }, async () => {
    await failStaleMatchRuns();
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
    const child = spawn(process.execPath, ["cli/bin.mjs", "match", "--full", "--json"], {
      env: { ...process.env, DATABASE_URL: privateDb.url },
      stdio: "ignore",
      detached: true,
    });
    let killedRun = 0;
    try {
      for (;;) {
        const writing = await db.matchRun.findFirst({ where: { status: "RUNNING", phase: "menyimpan hasil" }, select: { id: true } });
        // Asked outside the blocker's transaction: pg_stat_activity is a snapshot inside one.
        const [{ n }] = await db.$queryRaw<[{ n: number }]>`SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock'`;
        if (writing && n > 0) {
          killedRun = writing.id;
          break;
        }
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

    // Not ten minutes later: the next "Cocokkan ulang semua" starts now.
    const { runId } = await startFullMatch({ actor: admin });
    expect(await db.matchRun.findUniqueOrThrow({ where: { id: killedRun } })).toMatchObject({
      status: "FAILED",
      phase: "berhenti",
      message: "Proses pencocokan berhenti tanpa kabar.",
    });
    let run = await db.matchRun.findUniqueOrThrow({ where: { id: runId } });
    const deadline = Date.now() + 75_000;
    while (run.status === "RUNNING" && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      run = await db.matchRun.findUniqueOrThrow({ where: { id: runId } });
    }
    expect(run).toMatchObject({ status: "SUCCEEDED", recordsTotal: 3 });
    expect((await businesses()).map(({ name, status }) => ({ name, status }))).toEqual(previous.map(({ name, status }) => ({ name, status })));
    expect(await links()).toBe(previousLinks);
  });
});
