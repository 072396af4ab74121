import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { SOURCE_IDS, type SourceId } from "@/lib/sources.ts";
import { SYSTEM_ACTOR } from "@/server/audit/system-actor.ts";
import { db, disconnectDb, setDatabaseUrl } from "@/server/db/client.ts";
import { generateDemoData } from "@/server/demo/demo-data/index.ts";
import { evaluateMatching } from "@/server/demo/evaluate-matching.ts";
import { importFile } from "@/server/ingest/import-file.ts";
import pg from "pg";
import { refreshCoverageStats } from "@/server/dashboard/refresh-coverage.ts";
import { matchJob } from "@/server/jobs/handlers/match.ts";
import { createMatchRun, runMatch } from "@/server/matching/run-match.ts";
import { ensureRegionsLoaded } from "@/server/regions/load-regions.ts";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../support/throwaway-database.ts";

/**
 * Entity resolution end to end on a small demo set, in a database of its own (matching reads
 * every current record, so other files' imports must not be in it).
 */

let database: ThrowawayDatabase;
let work: string;
let groundTruth: string;
const context = { ip: null, userAgent: "vitest", requestId: null };
const PERIOD = "2025-S2";

async function importCsv(source: SourceId, period: string, name: string, csv: string) {
  const file = path.join(work, name);
  await writeFile(file, csv);
  return importFile({ source, period, filePath: file, channel: "CLI", actor: SYSTEM_ACTOR, context });
}

/** Current business-source records, and how many links they have. */
async function linkCounts() {
  const rows = await db.$queryRawUnsafe<{ current: bigint; linked: bigint; stale_links: bigint }[]>(`
    WITH current AS (SELECT b.id FROM import_batch b WHERE b.period = (SELECT max(x.period) FROM import_batch x WHERE x.source = b.source))
    SELECT
      (SELECT count(*) FROM source_record r JOIN current c ON c.id = r.batch_id WHERE r.source IN ('kemnaker-bu','ahu-entitas','bpjs-bu')) AS current,
      (SELECT count(*) FROM business_record WHERE source IN ('kemnaker-bu','ahu-entitas','bpjs-bu')) AS linked,
      (SELECT count(*) FROM business_record br JOIN source_record r ON r.id = br.source_record_id
        WHERE NOT EXISTS (SELECT 1 FROM current c WHERE c.id = r.batch_id)) AS stale_links`);
  return { current: Number(rows[0]!.current), linked: Number(rows[0]!.linked), staleLinks: Number(rows[0]!.stale_links) };
}

/** The dashboard's aggregates after incremental runs equal a full recompute. */
async function expectCoverageAsIfRecomputed() {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const read = async () =>
    (
      await client.query(
        `SELECT level, region_code, business_scale, kbli_section, status, businesses, workers::text, registered_workers::text, worker_gap::text
         FROM coverage_stat ORDER BY 1, 2, 3, 4, 5`,
      )
    ).rows;
  try {
    const incremental = await read();
    await client.query("BEGIN");
    await refreshCoverageStats(client, 0);
    const full = await read();
    await client.query("ROLLBACK");
    expect(incremental.length).toBeGreaterThan(0);
    expect(incremental).toEqual(full);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  database = await createThrowawayDatabase("matching");
  await disconnectDb();
  setDatabaseUrl(database.url);
  await ensureRegionsLoaded({ url: database.url });
  work = await mkdtemp(path.join(tmpdir(), "jangkau-matching-"));
  process.env.JANGKAU_STORAGE_DIR = path.join(work, "storage");
  const manifest = await generateDemoData({ entities: 800, outDir: path.join(work, "demo"), seed: 4242, period: PERIOD });
  groundTruth = path.join(work, "demo", "ground-truth.csv");
  for (const source of SOURCE_IDS) {
    await importFile({ source, period: PERIOD, filePath: path.join(work, "demo", manifest.files[source].file), channel: "CLI", actor: SYSTEM_ACTOR, context });
  }
}, 120_000);

afterAll(async () => {
  await disconnectDb();
  await database?.drop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe("full match on demo data", () => {
  it("resolves every current record into businesses that match the ground truth", async () => {
    const summary = await runMatch({ kind: "FULL", actor: SYSTEM_ACTOR });
    expect(summary.kind).toBe("FULL");
    const counts = await linkCounts();
    expect(counts.linked).toBe(counts.current);
    expect(summary.records).toBe(counts.current);

    const quality = await evaluateMatching(database.url, groundTruth);
    expect(quality.npwpConflicts).toBe(0);
    expect(quality.belumTerdaftar.precision).toBeGreaterThanOrEqual(0.98);
    expect(quality.belumTerdaftar.recall).toBeGreaterThanOrEqual(0.98);
    expect(quality.duplicateShare).toBeLessThan(0.01);
    expect(quality.notaryStatusAccuracy).toBe(1);
    // The worker pass: every worker Kemnaker listed has a status, nearly always the true one.
    const workers = quality.workers;
    expect(workers.expected).toBeGreaterThan(500);
    expect(workers.evaluated).toBe(workers.expected);
    expect(workers.statusAccuracy).toBeGreaterThanOrEqual(0.99);
    expect(workers.employerAccuracy).toBeGreaterThanOrEqual(0.99);
    expect(workers.exactCounts).toBeGreaterThanOrEqual(0.95);
    expect(workers.daftarSebagian.actual).toBeGreaterThan(0);
    expect(workers.daftarSebagian.precision).toBeGreaterThanOrEqual(0.95);
    expect(workers.daftarSebagian.recall).toBeGreaterThanOrEqual(0.95);
    // The evaluation sees a wrong status (the next test's run rewrites them).
    await db.$executeRawUnsafe(
      `UPDATE worker_status SET status = 'BELUM_TERDAFTAR' WHERE source_record_id IN
         (SELECT source_record_id FROM worker_status WHERE status = 'TERDAFTAR_DI_SINI' ORDER BY source_record_id LIMIT 10)`,
    );
    const spoilt = (await evaluateMatching(database.url, groundTruth)).workers;
    expect(spoilt.byStatus.TERDAFTAR_DI_SINI.predicted).toBe(workers.byStatus.TERDAFTAR_DI_SINI.predicted - 10);
    expect(spoilt.statusAccuracy).toBeLessThan(workers.statusAccuracy);

    // Officers hang off their entity; every notary has a status.
    expect(await db.businessRecord.count({ where: { source: "ahu-pengurus" } })).toBeGreaterThan(0);
    const notaries = await db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM source_record WHERE source = 'ahu-notaris'`);
    expect(await db.notaryStatus.count()).toBe(Number(notaries[0]!.n));
    // The demo's notaries BPJS does not register, or registers as inactive, are leads of their
    // own kind in several work areas.
    const notaryLeads = await db.business.groupBy({ by: ["regencyCode"], where: { kind: "NOTARIS", isLead: true } });
    expect(notaryLeads.filter((g) => g.regencyCode !== null).length).toBeGreaterThanOrEqual(3);
    const audit = await db.auditEvent.findFirst({ where: { action: "match.run" }, orderBy: { id: "desc" } });
    expect(audit?.objectId).toBe(String(summary.runId));
  });

  it("keeps business ids when run again", async () => {
    const before = await db.businessRecord.findMany({ select: { sourceRecordId: true, businessId: true } });
    await runMatch({ kind: "FULL", actor: SYSTEM_ACTOR });
    const after = new Map((await db.businessRecord.findMany({ select: { sourceRecordId: true, businessId: true } })).map((r) => [r.sourceRecordId, r.businessId]));
    for (const r of before) expect(after.get(r.sourceRecordId)).toBe(r.businessId);
  });
});

describe("incremental match after an import", () => {
  it("re-resolves only what the new batch touches, keeping ids", async () => {
    // A registered business Kemnaker did not report, now reported with more workers than registered.
    const target = await db.business.findFirstOrThrow({
      where: { status: "TERDAFTAR_AKTIF", npwp: { not: null }, registeredWorkers: { gt: 0 }, NOT: { sources: { has: "kemnaker-bu" } } },
    });
    const untouched = await db.business.findFirstOrThrow({ where: { id: { not: target.id } }, select: { id: true, updatedAt: true } });
    const csv = [
      "kode_wlkp,npwp,nama_pemberi_kerja,kode_kabupaten,jumlah_pekerja",
      `WLKP-TEST-1,${target.npwp},${target.name},${target.regencyCode ?? ""},${target.registeredWorkers! + 25}`,
      `WLKP-TEST-2,,PT ZYXWVU QUANTUM NUSANTARA,${target.regencyCode ?? ""},40`,
    ].join("\n");
    const batch = await importCsv("kemnaker-bu", PERIOD, "kemnaker-extra.csv", csv);
    expect(batch.accepted).toBe(2);

    const summary = await runMatch({ kind: "INCREMENTAL", batchId: batch.batchId, actor: SYSTEM_ACTOR });
    expect(summary.kind).toBe("INCREMENTAL");
    expect(summary.records).toBeLessThan(50);

    const updated = await db.business.findUniqueOrThrow({ where: { id: target.id } });
    expect(updated.sources).toContain("kemnaker-bu");
    expect(updated.status).toBe("DAFTAR_SEBAGIAN");
    expect(updated.workerGap).toBe(25);
    const fresh = await db.business.findFirstOrThrow({ where: { nameCore: "ZYXWVU QUANTUM NUSANTARA" } });
    expect(fresh.status).toBe("BELUM_TERDAFTAR");
    expect(fresh.isLead).toBe(true);
    // Businesses the batch did not touch were not rewritten.
    expect((await db.business.findUniqueOrThrow({ where: { id: untouched.id } })).updatedAt).toEqual(untouched.updatedAt);
    const counts = await linkCounts();
    expect(counts.linked).toBe(counts.current);
    await expectCoverageAsIfRecomputed();
  });

  it("lets a new period supersede the previous one, while the old batches stay queryable", async () => {
    const oldRecords = await db.sourceRecord.count({ where: { source: "kemnaker-bu" } });
    const csv = ["kode_wlkp,npwp,nama_pemberi_kerja,kode_kabupaten,jumlah_pekerja", "WLKP-NEW-1,,PT PERIODE BARU SENTOSA,32.73,12"].join("\n");
    const batch = await importCsv("kemnaker-bu", "2026-S1", "kemnaker-2026.csv", csv);
    await runMatch({ kind: "INCREMENTAL", batchId: batch.batchId, actor: SYSTEM_ACTOR });
    const counts = await linkCounts();
    expect(counts.staleLinks).toBe(0);
    expect(counts.linked).toBe(counts.current);
    expect(await db.businessRecord.count({ where: { source: "kemnaker-bu" } })).toBe(1);
    expect(await db.sourceRecord.count({ where: { source: "kemnaker-bu" } })).toBe(oldRecords + 1);
    expect(await db.business.count({ where: { nameCore: "PERIODE BARU SENTOSA" } })).toBe(1);
    await expectCoverageAsIfRecomputed();
  });
});

describe("runs in progress", () => {
  it("a run outside the queue (the CLI) keeps its row's heartbeat itself, also while it waits behind another run", async () => {
    const holder = new pg.Client({ connectionString: database.url });
    await holder.connect();
    let run: Promise<unknown> | undefined;
    try {
      await holder.query(`SELECT pg_advisory_lock(7020117004)`);
      const before = (await db.matchRun.aggregate({ _max: { id: true } }))._max.id ?? 0;
      run = runMatch({ kind: "INCREMENTAL", seedRecordIds: [1n], actor: SYSTEM_ACTOR, heartbeatMs: 50 });
      let waiting = null;
      for (let i = 0; i < 200 && !waiting; i++) {
        waiting = await db.matchRun.findFirst({ where: { id: { gt: before }, phase: "menunggu giliran", heartbeatAt: { not: null } } });
        if (!waiting) await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(waiting, "the waiting run's heartbeat").not.toBeNull();
      expect(waiting!.queueJobId).toBeNull();
    } finally {
      await holder.end();
    }
    await run;
  });

  it("a queued run leaves its heartbeat to the worker's job heartbeat: no timer of its own", async () => {
    const runId = await createMatchRun("INCREMENTAL", SYSTEM_ACTOR);
    const timers = vi.spyOn(globalThis, "setInterval");
    try {
      await matchJob.run({ runId, kind: "INCREMENTAL", seedRecordIds: ["1"], actor: SYSTEM_ACTOR }, { jobId: crypto.randomUUID(), attempt: 1, permanent: () => false });
      expect(timers).not.toHaveBeenCalled();
    } finally {
      timers.mockRestore();
    }
    expect(await db.matchRun.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ status: "SUCCEEDED" });
  });
});
