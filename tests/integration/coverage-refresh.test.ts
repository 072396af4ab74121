import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALL } from "@/lib/dashboard/coverage.ts";
import type { AuditActor } from "@/server/audit/append-audit-event.ts";
import { queueCoverageRefresh } from "@/server/dashboard/queue-coverage-refresh.ts";
import { db, disconnectDb, setDatabaseUrl } from "@/server/db/client.ts";
import { DomainError } from "@/server/errors.ts";
import { findJobs } from "@/server/jobs/find-jobs.ts";
import { closeJobQueue } from "@/server/jobs/job-queue.ts";
import { startJobWorker, type JobWorker } from "@/server/jobs/start-job-worker.ts";
import { MATCH_LOCK_KEY } from "@/server/matching/run-match.ts";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../support/throwaway-database.ts";

/**
 * "Segarkan statistik": the dashboard's statistics recomputed by a queued job, outside any match
 * run. coverage_stat is one table for the whole database: this file has a database of its own.
 */

const sharedUrl = process.env.DATABASE_URL as string;
let privateDb: ThrowawayDatabase;
let worker: JobWorker | undefined;
const ADMIN: AuditActor = { id: randomUUID(), username: "admin-statistik", role: "ADMIN" };
const context = () => ({ ip: "127.0.0.1", userAgent: "vitest", requestId: randomUUID() });

beforeAll(async () => {
  privateDb = await createThrowawayDatabase("coveragerefresh");
  await disconnectDb();
  setDatabaseUrl(privateDb.url);
  // Businesses a match run left, whose statistics were never computed (as after reference data changed).
  await db.$executeRawUnsafe(
    `INSERT INTO business (id, name, name_core, status, is_lead, priority, sources, latest_period, record_count, match_run_id, province_code, regency_code)
     SELECT g, 'PT USAHA ' || g, 'USAHA ' || g, CASE WHEN g % 3 = 0 THEN 'TERDAFTAR_AKTIF' ELSE 'BELUM_TERDAFTAR' END::"BusinessStatus", g % 3 <> 0, g % 100,
            ARRAY['kemnaker-bu'], '2025-S2', 1, 1, '32', '32.73'
     FROM generate_series(1, 30) g`,
  );
});

afterAll(async () => {
  await worker?.stop({ timeoutMs: 5000 });
  await closeJobQueue();
  await disconnectDb();
  setDatabaseUrl(sharedUrl);
  await privateDb.drop();
});

async function jobState(jobId: string): Promise<string | undefined> {
  const rows = await db.$queryRaw<{ state: string }[]>`SELECT state::text AS state FROM pgboss.job WHERE id = ${jobId}::uuid`;
  return rows[0]?.state;
}

async function waitFor<T>(probe: () => Promise<T | null | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("Segarkan statistik", () => {
  it("queues one refresh (audited), which a worker runs after the match run in progress, in its own audited transaction; listed as a job", async () => {
    expect(await db.coverageStat.count()).toBe(0);
    const ctx = context();
    const { jobId } = await queueCoverageRefresh({ actor: ADMIN, context: ctx });
    const request = await db.auditEvent.findFirstOrThrow({ where: { action: "dashboard.refresh_request", objectId: jobId } });
    expect(request).toMatchObject({ actorUsername: ADMIN.username, requestId: ctx.requestId, outcome: "SUCCESS" });
    // A second ask while one waits would only count the same rows again.
    await expect(queueCoverageRefresh({ actor: ADMIN, context: context() })).rejects.toThrow(DomainError);

    // A match run holds the runs' lock: the refresh waits for it, as its write transaction would race.
    const run = new pg.Client({ connectionString: privateDb.url });
    await run.connect();
    try {
      await run.query(`SELECT pg_advisory_lock($1::bigint)`, [MATCH_LOCK_KEY]);
      worker = await startJobWorker({ queues: ["coverage-refresh"], pollingIntervalSeconds: 0.5, log: () => undefined });
      await waitFor(async () => (await jobState(jobId)) === "active", "the refresh to start");
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await db.coverageStat.count()).toBe(0);
      expect(await db.auditEvent.count({ where: { action: "dashboard.refresh" } })).toBe(0);
    } finally {
      await run.end();
    }

    await waitFor(async () => (await jobState(jobId)) === "completed", "the refresh to finish");
    const totals = await db.coverageStat.findMany({ where: { level: "REGENCY", regionCode: "32.73", businessScale: ALL, kbliSection: ALL } });
    expect(Object.fromEntries(totals.map((row) => [row.status, row.businesses]))).toEqual({ TERDAFTAR_AKTIF: 10, BELUM_TERDAFTAR: 20 });
    const refreshed = await db.auditEvent.findFirstOrThrow({ where: { action: "dashboard.refresh", objectId: jobId } });
    expect(refreshed).toMatchObject({ actorUsername: ADMIN.username, outcome: "SUCCESS", requestId: ctx.requestId });
    expect(refreshed.details).toMatchObject({ rows: expect.any(Number), period: "2025-S2" });

    const [listed] = (await findJobs()).filter((job) => job.id === jobId);
    expect(listed).toMatchObject({ name: "coverage-refresh", state: "completed", subject: "Dasbor Cakupan", startedBy: ADMIN.username });
  });
});
