import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/server/audit/system-actor.ts";
import { disconnectDb, setDatabaseUrl } from "@/server/db/client.ts";
import { generateDemoData } from "@/server/demo/demo-data/index.ts";
import { importFile } from "@/server/ingest/import-file.ts";
import { CONTENT_ID_MIN } from "@/server/matching/business-ids.ts";
import { runMatch } from "@/server/matching/run-match.ts";
import { BUSINESS_SOURCES, type BusinessSource } from "@/server/matching/types.ts";
import { ensureRegionsLoaded } from "@/server/regions/load-regions.ts";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../support/throwaway-database.ts";

/**
 * Entity resolution gives the same answer whatever order the files came in: the same demo
 * files (two periods, each business source in three batches) are imported into two databases in
 * different orders, with an incremental match after every import as the app runs it, and the
 * final states — the partition of records into businesses (by record fingerprint), each
 * business's status, lead flag, worker gap, priority and id, and the review queue — must equal
 * each other and what a full run over the same current records gives.
 */

const PERIODS = ["2025-S1", "2025-S2"] as const;
const CHUNKS = 3;
/**
 * Noisier than the defaults, so that at a few thousand businesses linking meets what it meets at
 * national scale: typos, missing NPWPs and legal forms, branches, namesakes in one regency.
 */
const HARD = { nameTypo: 0.15, legalFormMissing: 0.3, npwpMissing: 0.35, npwpTypo: 0.02, branch: 0.05, sharedNameSameRegency: 0.05 };
const context = { ip: null, userAgent: "vitest", requestId: null };

interface Delivery {
  source: BusinessSource;
  period: (typeof PERIODS)[number];
  chunk: number;
}

let work: string;
/** period → source → chunk files. */
const files = new Map<string, Map<BusinessSource, string[]>>();
const databases: ThrowawayDatabase[] = [];

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), "jangkau-determinism-"));
  process.env.JANGKAU_STORAGE_DIR = path.join(work, "storage");
  // The second period is the same world a little later: most businesses again, some new ones.
  for (const [i, period] of PERIODS.entries()) {
    const dir = path.join(work, period);
    const manifest = await generateDemoData({ entities: 3000 + 200 * i, outDir: dir, seed: 31, period, rates: HARD });
    const bySource = new Map<BusinessSource, string[]>();
    for (const source of BUSINESS_SOURCES) bySource.set(source, await splitCsv(path.join(dir, manifest.files[source].file), CHUNKS));
    files.set(period, bySource);
  }
}, 120_000);

afterAll(async () => {
  await disconnectDb();
  for (const database of databases) await database.drop();
  if (work) await rm(work, { recursive: true, force: true });
});

/**
 * A delivery split into batches of one period, at row boundaries (a quoted field may hold a line
 * break), each with the header; bytes kept as they are (one source is Windows-1252).
 */
async function splitCsv(file: string, parts: number): Promise<string[]> {
  const text = (await readFile(file)).toString("latin1");
  const lines = text.split("\n");
  const rows: string[] = [];
  let open = "";
  for (const line of lines) {
    open = open ? `${open}\n${line}` : line;
    if ((open.match(/"/g)?.length ?? 0) % 2 === 0) {
      rows.push(open);
      open = "";
    }
  }
  const [header, ...body] = rows.filter((r, i) => i === 0 || r.trim() !== "");
  const out: string[] = [];
  for (let p = 0; p < parts; p++) {
    const slice = body.filter((_, i) => i % parts === p);
    const target = `${file}.${p}.csv`;
    await writeFile(target, Buffer.from([header, ...slice].join("\n") + "\n", "latin1"));
    out.push(target);
  }
  return out;
}

interface MatchState {
  /** Per business (keyed by its records' fingerprints): id, status, lead flag, gap, priority. */
  businesses: Map<string, { id: string; status: string; isLead: boolean; workerGap: number | null; priority: number }>;
  review: string[];
}

async function readState(url: string): Promise<MatchState> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ fps: string; id: string; status: string; is_lead: boolean; worker_gap: number | null; priority: number }>(
      `SELECT string_agg(br.fingerprint, ' ' ORDER BY br.fingerprint COLLATE "C") AS fps, b.id::text, b.status, b.is_lead, b.worker_gap, b.priority
       FROM business b JOIN business_record br ON br.business_id = b.id AND br.source IN ('kemnaker-bu', 'ahu-entitas', 'bpjs-bu')
       GROUP BY b.id`,
    );
    const businesses: MatchState["businesses"] = new Map();
    for (const r of rows) businesses.set(r.fps, { id: r.id, status: r.status, isLead: r.is_lead, workerGap: r.worker_gap, priority: r.priority });
    const { rows: review } = await client.query<{ pair: string }>(
      `SELECT left_fingerprint || ' ~ ' || right_fingerprint || ' ' || round(score::numeric, 6) AS pair FROM match_review WHERE status = 'PENDING' ORDER BY 1`,
    );
    return { businesses, review: review.map((r) => r.pair) };
  } finally {
    await client.end();
  }
}

async function importLines(source: BusinessSource, lines: string[]) {
  const file = path.join(work, `${source}-${lines.length}.csv`);
  await writeFile(file, lines.join("\n"));
  return importFile({ source, period: "2025-S2", filePath: file, channel: "CLI", actor: SYSTEM_ACTOR, context });
}

/** Imports the deliveries in this order into a fresh database, matching after each import. */
async function importInOrder(name: string, order: readonly Delivery[], fullRunShare?: number): Promise<ThrowawayDatabase> {
  const database = await createThrowawayDatabase(name);
  databases.push(database);
  await disconnectDb();
  setDatabaseUrl(database.url);
  await ensureRegionsLoaded({ url: database.url });
  for (const { source, period, chunk } of order) {
    const filePath = files.get(period)!.get(source)![chunk]!;
    const batch = await importFile({ source, period, filePath, channel: "CLI", actor: SYSTEM_ACTOR, context });
    await runMatch({ kind: "INCREMENTAL", batchId: batch.batchId, actor: SYSTEM_ACTOR, fullRunShare });
  }
  return database;
}

/** What differs between two states, as readable lines (empty when they are equal). */
function differences(left: MatchState, right: MatchState): string[] {
  const out: string[] = [];
  for (const [fps, a] of left.businesses) {
    const b = right.businesses.get(fps);
    if (!b) out.push(`only left: ${fps}`);
    else if (JSON.stringify(a) !== JSON.stringify(b)) out.push(`differs: ${fps} ${JSON.stringify(a)} / ${JSON.stringify(b)}`);
  }
  for (const fps of right.businesses.keys()) if (!left.businesses.has(fps)) out.push(`only right: ${fps}`);
  const leftReview = new Set(left.review);
  const rightReview = new Set(right.review);
  for (const pair of leftReview) if (!rightReview.has(pair)) out.push(`review only left: ${pair}`);
  for (const pair of rightReview) if (!leftReview.has(pair)) out.push(`review only right: ${pair}`);
  return out;
}

const all = (period: (typeof PERIODS)[number], sources: readonly BusinessSource[], chunks = [0, 1, 2]): Delivery[] =>
  sources.flatMap((source) => chunks.map((chunk) => ({ source, period, chunk })));

describe("match determinism", () => {
  it("gives the same businesses, statuses, ids and review queue whatever the import order", async () => {
    // X: period by period, sources in their usual order, batches in order; incremental runs as
    // the app decides (a batch of more than 30 % of the records runs in full).
    const x = await importInOrder("determinism_x", [...all("2025-S1", BUSINESS_SOURCES), ...all("2025-S2", BUSINESS_SOURCES)]);
    const stateX = await readState(x.url);
    // Y: sources reversed, batches reversed, the periods interleaved (a late batch of the older
    // period arrives after the newer one and changes nothing), every run incremental.
    const y = await importInOrder(
      "determinism_y",
      [
        ...all("2025-S1", ["bpjs-bu"], [2, 1, 0]),
        ...all("2025-S2", ["bpjs-bu"], [2, 1]),
        ...all("2025-S1", ["ahu-entitas"], [2, 1, 0]),
        ...all("2025-S1", ["kemnaker-bu"], [2, 1]),
        ...all("2025-S2", ["ahu-entitas", "kemnaker-bu"], [2, 1, 0]),
        ...all("2025-S1", ["kemnaker-bu"], [0]),
        ...all("2025-S2", ["bpjs-bu"], [0]),
      ],
      Number.POSITIVE_INFINITY,
    );
    const stateY = await readState(y.url);
    expect(stateX.businesses.size).toBeGreaterThan(1000);
    expect(stateX.review.length).toBeGreaterThan(0);
    expect(differences(stateX, stateY)).toEqual([]);

    // A full run over the same current records changes nothing.
    await disconnectDb();
    setDatabaseUrl(y.url);
    await runMatch({ kind: "FULL", actor: SYSTEM_ACTOR });
    expect(differences(stateY, await readState(y.url))).toEqual([]);
  }, 600_000);

  it("gives businesses the old sequence numbered their content ids in one full run, their follow-up carried", async () => {
    const database = await createThrowawayDatabase("determinism_upgrade");
    databases.push(database);
    await disconnectDb();
    setDatabaseUrl(database.url);
    await ensureRegionsLoaded({ url: database.url });
    const importChunk = (source: BusinessSource, chunk: number) =>
      importFile({ source, period: "2025-S1", filePath: files.get("2025-S1")!.get(source)![chunk]!, channel: "CLI", actor: SYSTEM_ACTOR, context });
    await importChunk("kemnaker-bu", 0);
    await importChunk("bpjs-bu", 0);
    await runMatch({ kind: "FULL", actor: SYSTEM_ACTOR });

    // As the previous version left a database: businesses numbered by the sequence, one of them
    // with follow-up work.
    const owner = new pg.Client({ connectionString: database.ownerUrl });
    await owner.connect();
    try {
      await owner.query(`CREATE TEMP TABLE renumber AS SELECT id AS old_id, nextval('business_id_seq') AS new_id FROM business`);
      await owner.query(`UPDATE business b SET id = r.new_id FROM renumber r WHERE b.id = r.old_id`);
      await owner.query(`UPDATE business_record br SET business_id = r.new_id FROM renumber r WHERE br.business_id = r.old_id`);
      await owner.query(
        `INSERT INTO lead_follow_up (business_id, status) SELECT business_id, 'DIHUBUNGI' FROM business_record WHERE source = 'kemnaker-bu' ORDER BY fingerprint LIMIT 1`,
      );
      await owner.query(
        `INSERT INTO lead_activity (business_id, kind, occurred_on, note, actor_username) SELECT business_id, 'TELEPON', '2025-07-01', 'ditelepon', 'petugas' FROM lead_follow_up`,
      );
    } finally {
      await owner.end();
    }
    const followed = await readFollowedFingerprint(database.url);

    const batch = await importChunk("kemnaker-bu", 1);
    const summary = await runMatch({ kind: "INCREMENTAL", batchId: batch.batchId, actor: SYSTEM_ACTOR });
    expect(summary.kind).toBe("FULL");
    expect(summary.followUpsCarried).toBe(1);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ legacy: number }>(`SELECT count(*)::int AS legacy FROM business WHERE id < $1::bigint`, [String(CONTENT_ID_MIN)]);
      expect(rows[0]!.legacy).toBe(0);
      // The follow-up and its history now sit on the business holding the same record.
      const { rows: carried } = await client.query<{ follow_ups: number; activities: number }>(
        `SELECT (SELECT count(*)::int FROM lead_follow_up f WHERE f.business_id = br.business_id) AS follow_ups,
                (SELECT count(*)::int FROM lead_activity a WHERE a.business_id = br.business_id AND a.kind = 'TELEPON') AS activities
         FROM business_record br WHERE br.fingerprint = $1`,
        [followed],
      );
      expect(carried).toEqual([{ follow_ups: 1, activities: 1 }]);
    } finally {
      await client.end();
    }
  }, 120_000);

  it("scores a new record through a word as many records share as a full run scores through", async () => {
    const database = await createThrowawayDatabase("determinism_blocks");
    databases.push(database);
    await disconnectDb();
    setDatabaseUrl(database.url);
    await ensureRegionsLoaded({ url: database.url });
    // Forty businesses of Kota Bandung named XYLOFAN something: more than an incremental lookup
    // used to follow (15), fewer than the full run's cap for a word (120).
    const fillers = Array.from({ length: 40 }, (_, i) => `WLKP-X${i};;PT XYLOFAN ${String.fromCharCode(66 + (i % 20), 81 + Math.floor(i / 20), 90 - (i % 7))};32.73;Jl. Pasir ${i};5`);
    const kemnaker = await importLines("kemnaker-bu", [
      "Kode Pendaftaran WLKP;NPWP;Nama Pemberi Kerja;Kode Kabupaten;Alamat;Jumlah Pekerja",
      ...fillers,
      "WLKP-TARGET;;PT XYLOFAN KORINDAH;32.73;Jl. Soekarno Hatta 12;25",
    ]);
    await runMatch({ kind: "INCREMENTAL", batchId: kemnaker.batchId, actor: SYSTEM_ACTOR });
    // BPJS spells the rare word with a typo: only the common word's key is shared.
    const bpjs = await importLines("bpjs-bu", [
      "Kode Badan Usaha;NPWP;Nama Badan Usaha;Kode Kabupaten;Alamat;Status Terdaftar JKN;Status Keaktifan Badan Usaha;Jumlah Pekerja",
      "BU-TARGET;;PT XYLOFAN KORINDAHH;32.73;Jl. Soekarno Hatta 12;Sudah;Aktif;25",
    ]);
    const summary = await runMatch({ kind: "INCREMENTAL", batchId: bpjs.batchId, actor: SYSTEM_ACTOR });
    expect(summary.kind).toBe("INCREMENTAL");
    const incremental = await readState(database.url);
    expect([...incremental.businesses.keys()]).toContain("bpjs-bu/k/BU-TARGET kemnaker-bu/w/WLKP-TARGET");
    await runMatch({ kind: "FULL", actor: SYSTEM_ACTOR });
    expect(differences(incremental, await readState(database.url))).toEqual([]);
  }, 120_000);
});

async function readFollowedFingerprint(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ fingerprint: string }>(
      `SELECT br.fingerprint FROM business_record br JOIN lead_follow_up f ON f.business_id = br.business_id WHERE br.source = 'kemnaker-bu' ORDER BY 1 LIMIT 1`,
    );
    return rows[0]!.fingerprint;
  } finally {
    await client.end();
  }
}
