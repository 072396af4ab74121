import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SOURCE_IDS } from "@/lib/sources.ts";
import { SYSTEM_ACTOR } from "@/server/audit/system-actor.ts";
import { disconnectDb, setDatabaseUrl } from "@/server/db/client.ts";
import { generateDemoData } from "@/server/demo/demo-data/index.ts";
import { importFile } from "@/server/ingest/import-file.ts";
import { recordKeyHashes } from "@/server/matching/blocking-keys.ts";
import { FULL_RUN_WORK_MEM, prepareMatchWork } from "@/server/matching/full-match/prepare-work.ts";
import { describeDrain, drainPartitions, runPartitions } from "@/server/matching/full-match/run-partitions.ts";
import { enqueueJob } from "@/server/jobs/enqueue-job.ts";
import { matchJob } from "@/server/jobs/handlers/match.ts";
import { closeJobQueue } from "@/server/jobs/job-queue.ts";
import { startJobWorker } from "@/server/jobs/start-job-worker.ts";
import { loadCurrentRecords } from "@/server/matching/load-records.ts";
import { resolveRecords } from "@/server/matching/resolve.ts";
import { createMatchRun, runMatch } from "@/server/matching/run-match.ts";
import { BUSINESS_COLUMNS } from "@/server/matching/write-results.ts";
import { countTokens, weightsFrom } from "@/server/matching/token-frequency.ts";
import { pairKey, type MatchRecord } from "@/server/matching/types.ts";
import { ensureRegionsLoaded } from "@/server/regions/load-regions.ts";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../support/throwaway-database.ts";

/**
 * A full run is partitioned (work tables, per-regency units, a coordinator over integers): its
 * result must be exactly what resolving every record in memory gives — the same businesses, the
 * same link of every record with its evidence, the same review queue and blocking keys — with
 * the units run in the coordinator or by two worker processes, and with review decisions.
 */

let database: ThrowawayDatabase;
let work: string;
let client: pg.Client;
const context = { ip: null, userAgent: "vitest", requestId: null };
const BUSINESS = `source IN ('kemnaker-bu', 'ahu-entitas', 'bpjs-bu')`;

beforeAll(async () => {
  database = await createThrowawayDatabase("full_match_partitions");
  await disconnectDb();
  setDatabaseUrl(database.url);
  await ensureRegionsLoaded({ url: database.url });
  work = await mkdtemp(path.join(tmpdir(), "jangkau-full-match-"));
  process.env.JANGKAU_STORAGE_DIR = path.join(work, "storage");
  const manifest = await generateDemoData({ entities: 1200, outDir: path.join(work, "demo"), seed: 977, period: "2025-S2" });
  for (const source of SOURCE_IDS) {
    await importFile({ source, period: "2025-S2", filePath: path.join(work, "demo", manifest.files[source].file), channel: "CLI", actor: SYSTEM_ACTOR, context });
  }
  // Names alike but not alike enough to link (two words with a typo, another address): the
  // review queue gets pairs.
  const grey = [
    ["ZETA KORIN ANDALAN", "ZETA KORIM ANDALAS"],
    ["OMEGA VIRTA SELARAS", "OMEGA VIRTO SELARAT"],
    ["DELTA FIORA NUSWANTI", "DELTA FIORI NUSWANTO"],
  ];
  await importCsv("kemnaker-bu", [
    "Kode Pendaftaran WLKP;NPWP;Nama Pemberi Kerja;Kode Kabupaten;Alamat;Jumlah Pekerja",
    ...grey.map(([name], i) => `WLKP-GREY-${i};;PT ${name};32.73;Jl. Merdeka ${i + 10};12`),
  ]);
  await importCsv("bpjs-bu", [
    "Kode Badan Usaha;NPWP;Nama Badan Usaha;Kode Kabupaten;Alamat;Status Terdaftar JKN;Status Keaktifan Badan Usaha;Jumlah Pekerja",
    ...grey.map(([, name], i) => `BU-GREY-${i};;PT ${name};32.73;Jl. Cihampelas ${i + 90};Sudah;Aktif;12`),
  ]);
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
}, 180_000);

async function importCsv(source: "kemnaker-bu" | "bpjs-bu", lines: string[], name = "grey") {
  const file = path.join(work, `${source}-${name}.csv`);
  await writeFile(file, lines.join("\n"));
  await importFile({ source, period: "2025-S2", filePath: file, channel: "CLI", actor: SYSTEM_ACTOR, context });
}

afterAll(async () => {
  await client?.end();
  await disconnectDb();
  await database?.drop();
  if (work) await rm(work, { recursive: true, force: true });
});

/** What resolving every current record in memory gives, against what the full run stored. */
async function expectSameAsInMemory() {
  const records = await loadCurrentRecords(client);
  const { rows: decided } = await client.query<{ l: string; r: string; status: "CONFIRMED" | "REJECTED" }>(
    `SELECT left_fingerprint AS l, right_fingerprint AS r, status FROM match_review WHERE status <> 'PENDING' ORDER BY id`,
  );
  const decisions = new Map(decided.map((d) => [pairKey(d.l, d.r), d.status]));
  const resolved = resolveRecords({ records, weights: weightsFrom(countTokens(records)), decisions });

  const expectedClusters = resolved.clusters.map((c) => c.members.map((m) => String(records[m]!.id)).sort().join(",")).sort();
  const { rows: clusters } = await client.query<{ ids: string }>(
    `SELECT string_agg(source_record_id::text, ',' ORDER BY source_record_id::text) AS ids FROM business_record WHERE ${BUSINESS} GROUP BY business_id`,
  );
  expect(clusters.map((c) => c.ids).sort()).toEqual(expectedClusters);

  const { rows: links } = await client.query<{ id: string; rule: string; score: number | null; evidence: unknown }>(
    `SELECT source_record_id::text AS id, rule, score, evidence FROM business_record WHERE ${BUSINESS} ORDER BY source_record_id`,
  );
  const expectedLinks = resolved.links.map((l) => ({ id: String(l.recordId), rule: l.rule, score: l.score, evidence: l.evidence }));
  expect(links).toEqual(expectedLinks.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1)));
  const rules = new Set(links.map((l) => l.rule));
  for (const rule of ["dasar", "npwp", "nib", "nama", ...(decided.some((d) => d.status === "CONFIRMED") ? ["tinjauan"] : [])]) expect(rules).toContain(rule);

  const { rows: review } = await client.query<{ l: string; r: string; score: number; evidence: unknown }>(
    `SELECT left_fingerprint AS l, right_fingerprint AS r, score, evidence FROM match_review WHERE status = 'PENDING' ORDER BY 1, 2`,
  );
  const expectedReview = resolved.review
    .map((c) => ({ l: c.left.fingerprint, r: c.right.fingerprint, score: c.score, evidence: c.evidence }))
    .sort((a, b) => (a.l < b.l ? -1 : a.l > b.l ? 1 : a.r < b.r ? -1 : 1));
  expect(review).toEqual(expectedReview);
  expect(review.length).toBeGreaterThan(0);

  const { rows: keys } = await client.query<{ key: string; id: string }>(`SELECT key::text, source_record_id::text AS id FROM match_key`);
  expect(new Set(keys.map((k) => `${k.key}/${k.id}`))).toEqual(expectedKeys(records));
  return resolved;
}

/** What a run leaves behind, but the run that last changed a row and when. */
async function resultTables(): Promise<Record<string, unknown[]>> {
  const queries = {
    business: `SELECT ${BUSINESS_COLUMNS.filter((c) => c !== "match_run_id").join(", ")} FROM business ORDER BY id`,
    business_record: `SELECT * FROM business_record ORDER BY source_record_id`,
    match_key: `SELECT * FROM match_key ORDER BY key, source_record_id`,
    match_review: `SELECT left_fingerprint, right_fingerprint, left_record_id, right_record_id, regency_code, score, evidence, status FROM match_review ORDER BY 1, 2`,
    balikan_status: `SELECT source_record_id, bpjs_record_id, registered, active FROM balikan_status ORDER BY 1`,
    worker_status: `SELECT source_record_id, business_id, nik, status, segment, active, membership_year, peserta_record_id, employer_business_id FROM worker_status ORDER BY 1`,
    notary_status: `SELECT source_record_id, nik, status, segment, peserta_record_id FROM notary_status ORDER BY 1`,
    name_token_frequency: `SELECT * FROM name_token_frequency ORDER BY token`,
  };
  const out: Record<string, unknown[]> = {};
  for (const [table, sql] of Object.entries(queries)) {
    out[table] = (await client.query(sql)).rows;
    expect(out[table].length, table).toBeGreaterThan(0);
  }
  return out;
}

function expectedKeys(records: readonly MatchRecord[]): Set<string> {
  const out = new Set<string>();
  for (const r of records) for (const h of recordKeyHashes(r)) out.add(`${h}/${r.id}`);
  return out;
}

async function businessOfRecords() {
  const { rows } = await client.query<{ id: string; business: string }>(`SELECT source_record_id::text AS id, business_id::text AS business FROM business_record`);
  return new Map(rows.map((r) => [r.id, r.business]));
}

describe("partitioned full match", () => {
  it("equals resolving every record in memory, and empties its work tables", async () => {
    const summary = await runMatch({ kind: "FULL", actor: SYSTEM_ACTOR });
    expect(summary.kind).toBe("FULL");
    await expectSameAsInMemory();
    const { rows } = await client.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM match_work_record) + (SELECT count(*) FROM match_work_pair) + (SELECT count(*) FROM match_work_link)
            + (SELECT count(*) FROM match_work_key) + (SELECT count(*) FROM match_work_partition) + (SELECT count(*) FROM match_work_token) AS n`,
    );
    expect(Number(rows[0]!.n)).toBe(0);
  });

  it("gives the same result with two worker processes, keeping ids", async () => {
    const before = await businessOfRecords();
    const peaks: number[][] = [];
    const lines: string[] = [];
    await runMatch({ kind: "FULL", actor: SYSTEM_ACTOR, partitionWorkers: 2, onWorkerPeakRss: (p) => peaks.push(p), log: (line) => lines.push(line) });
    // The identifier links were made while the workers scored names, before the units ended.
    const identifiersDone = lines.findIndex((line) => line.trim().startsWith("tautan identitas:"));
    const unitsDone = lines.findIndex((line) => line.startsWith("menautkan ("));
    expect(identifiersDone).toBeGreaterThanOrEqual(0);
    expect(identifiersDone).toBeLessThan(unitsDone);
    // Each worker says where its time went.
    expect(lines.filter((line) => /^  pekerja: \d+ bagian dalam .* CPU Node .* CPU PostgreSQL .* puncak RSS \d+ MB$/.test(line))).toHaveLength(2);
    expect(peaks).toHaveLength(1);
    expect(peaks[0]).toHaveLength(2);
    for (const rss of peaks[0]!) expect(rss).toBeGreaterThan(0);
    expect(await businessOfRecords()).toEqual(before);
    await expectSameAsInMemory();
  }, 120_000);

  it("applies confirmed and rejected review pairs as the in-memory resolver does", async () => {
    const { rows: pending } = await client.query<{ id: string }>(`SELECT id::text FROM match_review WHERE status = 'PENDING' ORDER BY score DESC, id LIMIT 2`);
    expect(pending).toHaveLength(2);
    await client.query(`UPDATE match_review SET status = 'CONFIRMED' WHERE id = $1`, [pending[0]!.id]);
    await client.query(`UPDATE match_review SET status = 'REJECTED' WHERE id = $1`, [pending[1]!.id]);
    // A reviewer also split two records that share an NPWP.
    const { rows: npwpPair } = await client.query<{ l: string; r: string; lr: string; rr: string }>(
      `SELECT least(a.fingerprint, b.fingerprint) AS l, greatest(a.fingerprint, b.fingerprint) AS r, a.source_record_id::text AS lr, b.source_record_id::text AS rr
       FROM business_record a JOIN business_record b ON b.business_id = a.business_id AND b.source_record_id > a.source_record_id
       WHERE a.rule = 'npwp' AND b.rule = 'npwp' AND a.fingerprint <> b.fingerprint ORDER BY a.source_record_id LIMIT 1`,
    );
    await client.query(
      `INSERT INTO match_review (left_fingerprint, right_fingerprint, left_record_id, right_record_id, score, status) VALUES ($1, $2, $3, $4, 0.8, 'REJECTED')`,
      [npwpPair[0]!.l, npwpPair[0]!.r, npwpPair[0]!.lr, npwpPair[0]!.rr],
    );
    await runMatch({ kind: "FULL", actor: SYSTEM_ACTOR });
    await expectSameAsInMemory();
    const after = await businessOfRecords();
    expect(after.get(npwpPair[0]!.lr)).not.toBe(after.get(npwpPair[0]!.rr));
  }, 120_000);

  it("lets two drains share the units, each unit run once", async () => {
    const runId = 999_999;
    const work = await prepareMatchWork(client, runId);
    expect(work.partitions).toBeGreaterThan(5);
    // The run's own connection sorts with more memory than the default for the rest of the run.
    const { rows: memory } = await client.query<{ work_mem: string }>(`SHOW work_mem`);
    expect(memory[0]!.work_mem).toBe(FULL_RUN_WORK_MEM);
    await client.query(`RESET work_mem`);
    // Nested loops only, the plans where a claim written as a join could take two units.
    const url = new URL(database.url);
    url.searchParams.set("options", "-c enable_hashjoin=off -c enable_mergejoin=off");
    setDatabaseUrl(url.toString());
    try {
      const ran = await Promise.all([drainPartitions(runId), drainPartitions(runId)]);
      expect(ran[0]!.units + ran[1]!.units).toBe(work.partitions);
      // Each drain says where its time went: its own CPU and its backend's (a local server here).
      for (const report of ran) {
        expect(report.seconds).toBeGreaterThan(0);
        expect(report.nodeCpuSeconds).toBeGreaterThan(0);
        expect(report.postgresCpuSeconds).toBeGreaterThanOrEqual(0);
        expect(report.nodeCpuSeconds + report.postgresCpuSeconds!).toBeLessThan(report.seconds * 2 + 1);
      }
      expect(describeDrain("pekerja", ran[0]!)).toMatch(/^  pekerja: \d+ bagian dalam [\d.]+ s, CPU Node [\d.]+ s \(\d+ %\), CPU PostgreSQL [\d.]+ s \(\d+ %\)$/);
    } finally {
      setDatabaseUrl(database.url);
    }
    const { rows } = await client.query<{ status: string; n: number }>(`SELECT status, count(*)::int AS n FROM match_work_partition GROUP BY status`);
    expect(rows).toEqual([{ status: "DONE", n: work.partitions }]);
    await client.query(`SELECT match_work_clear()`);
  });

  it("takes back a unit whose holder died, and finishes every unit", async () => {
    const runId = 999_998;
    const work = await prepareMatchWork(client, runId);
    // A unit a killed worker had claimed: RUNNING, and nobody holds its lock.
    const { rows: claimed } = await client.query<{ partition: string }>(
      `UPDATE match_work_partition SET status = 'RUNNING' WHERE run_id = $1 AND partition = (SELECT partition FROM match_work_partition WHERE run_id = $1 ORDER BY rank LIMIT 1) RETURNING partition`,
      [runId],
    );
    expect(claimed).toHaveLength(1);
    await runPartitions(runId);
    const { rows } = await client.query<{ status: string; n: number }>(`SELECT status, count(*)::int AS n FROM match_work_partition GROUP BY status`);
    expect(rows).toEqual([{ status: "DONE", n: work.partitions }]);
    await client.query(`SELECT match_work_clear()`);
  });

  it("shares a queued full run's units with helper jobs that other workers take, and leaves none waiting", { timeout: 120_000 }, async () => {
    const before = await businessOfRecords();
    const worker = await startJobWorker({ queues: ["match-partitions"], pollingIntervalSeconds: 0.5, log: () => undefined });
    try {
      const runId = await createMatchRun("FULL", SYSTEM_ACTOR);
      const jobId = await enqueueJob("match", { runId, kind: "FULL", actor: SYSTEM_ACTOR });
      await matchJob.run({ runId, kind: "FULL", actor: SYSTEM_ACTOR }, { jobId: jobId!, attempt: 1, permanent: () => false });
      const helpers = await client.query<{ state: string; units: number | null }>(
        `SELECT state::text, (output->>'units')::int AS units FROM pgboss.job WHERE name = 'match-partitions' AND data->>'runId' = $1`,
        [String(runId)],
      );
      expect(helpers.rows.length).toBeGreaterThan(0);
      // Each helper ran (possibly no unit: the run's own process claims too) or was withdrawn.
      await expect.poll(async () => (await client.query(`SELECT 1 FROM pgboss.job WHERE name = 'match-partitions' AND state IN ('created', 'retry', 'active')`)).rowCount, { timeout: 30_000 }).toBe(0);
    } finally {
      await worker.stop({ timeoutMs: 5_000 });
      await closeJobQueue();
    }
    expect(await businessOfRecords()).toEqual(before);
    await expectSameAsInMemory();
  });
  it("re-run over a changed previous result leaves exactly the tables a run over empty ones gives, rewriting only what changed", { timeout: 180_000 }, async () => {
    const { rows: picked } = await client.query<{ id: string; npwp: string | null; name: string; run: number }>(
      `SELECT id::text, npwp, name, match_run_id AS run FROM business WHERE kind = 'BADAN_USAHA' AND npwp IS NOT NULL ORDER BY id LIMIT 5`,
    );
    const [renamed, recounted, dropped, joined, untouched] = picked.map((b) => b.id);
    const previousRun = picked[4]!.run;
    // The previous result differs from what this run finds: businesses with other values, one
    // gone and one that should not exist, links missing, moved, with other evidence, or pointing
    // at that stray business; answers and worker rows that differ.
    await client.query(`UPDATE business SET name = name || ' LAMA', priority = priority + 1 WHERE id = $1`, [renamed]);
    await client.query(`UPDATE business SET workers_listed = 99, sources = '{}' WHERE id = $1`, [recounted]);
    await client.query(`DELETE FROM business WHERE id = $1`, [dropped]);
    await client.query(
      `INSERT INTO business (id, name, name_core, status, is_lead, priority, sources, latest_period, record_count, match_run_id)
       VALUES (42, 'PT TIDAK ADA', 'TIDAK ADA', 'BELUM_TERDAFTAR', TRUE, 10, '{kemnaker-bu}', '2025-S2', 1, $1)`,
      [previousRun],
    );
    await client.query(
      `UPDATE business_record SET business_id = 42 WHERE source_record_id IN (
         (SELECT source_record_id FROM business_record WHERE source = 'ahu-pengurus' ORDER BY source_record_id LIMIT 1),
         (SELECT source_record_id FROM business_record WHERE business_id = $1 ORDER BY source_record_id LIMIT 1))`,
      [untouched],
    );
    await client.query(`UPDATE business_record SET score = 0.5, evidence = '{"lama": true}' WHERE source_record_id = (SELECT min(source_record_id) FROM business_record WHERE rule = 'nama')`);
    await client.query(
      `DELETE FROM business_record WHERE source_record_id IN (
         SELECT source_record_id FROM business_record WHERE source IN ('ahu-pengurus', 'ahu-entitas', 'bpjs-bu') ORDER BY source_record_id DESC LIMIT 6)`,
    );
    await client.query(`UPDATE balikan_status SET registered = NOT registered WHERE source_record_id = (SELECT min(source_record_id) FROM balikan_status WHERE registered IS NOT NULL)`);
    await client.query(`UPDATE worker_status SET nik = 'LAMA' WHERE source_record_id = (SELECT min(source_record_id) FROM worker_status)`);
    // An open follow-up of a business registered and active all along closes as before.
    const { rows: active } = await client.query<{ id: string }>(
      `SELECT id::text FROM business WHERE status = 'TERDAFTAR_AKTIF' AND kind = 'BADAN_USAHA' AND id <> ALL($1::bigint[]) ORDER BY id LIMIT 1`,
      [picked.map((b) => b.id)],
    );
    await client.query(`INSERT INTO lead_follow_up (business_id) VALUES ($1)`, [active[0]!.id]);
    // And the files changed: a new record of an existing business (by its NPWP) and a new business.
    const target = picked[3]!;
    await importCsv(
      "kemnaker-bu",
      [
        "Kode Pendaftaran WLKP;NPWP;Nama Pemberi Kerja;Kode Kabupaten;Alamat;Jumlah Pekerja",
        `WLKP-RERUN-1;${target.npwp};${target.name};32.73;Jl. Baru 1;40`,
        `WLKP-RERUN-2;;PT KAPAL LAYAR SENTOSA;32.73;Jl. Baru 2;7`,
      ],
      "rerun",
    );

    const rerun = await runMatch({ kind: "FULL", actor: SYSTEM_ACTOR });
    const afterRerun = await resultTables();
    const stamps = new Map((await client.query<{ id: string; run: number }>(`SELECT id::text, match_run_id AS run FROM business`)).rows.map((r) => [r.id, r.run]));
    // Only the businesses whose values changed were written.
    expect(stamps.get(untouched!)).toBe(previousRun);
    for (const id of [renamed, recounted, dropped, joined]) expect(stamps.get(id!)).toBe(rerun.runId);
    expect(stamps.has("42")).toBe(false);
    expect((await client.query(`SELECT status FROM lead_follow_up WHERE business_id = $1`, [active[0]!.id])).rows[0]).toEqual({ status: "TERDAFTAR" });
    await expectSameAsInMemory();

    // The same files into empty result tables.
    const owner = new pg.Client({ connectionString: database.ownerUrl });
    await owner.connect();
    try {
      for (const table of ["business", "match_key", "balikan_status", "worker_status", "notary_status"]) await owner.query(`DELETE FROM ${table}`);
    } finally {
      await owner.end();
    }
    await runMatch({ kind: "FULL", actor: SYSTEM_ACTOR });
    expect(await resultTables()).toEqual(afterRerun);
  });
});
