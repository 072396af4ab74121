/**
 * `npm run bench:match`: entity resolution, measured.
 *
 * Quality: generates a demo set of BENCH_ENTITIES (50,000) businesses with `jangkau demo-data`'s
 * generator, imports every source's file, runs a full match and compares with the ground truth,
 * overall and per noise kind. BENCH_NOISE picks the sets: "default" (the demo's rates), "noisy"
 * (NOISY_RATES: more branches, crowded towns, typos in legal forms, short words and region
 * names, fewer NPWPs), or "default,noisy" (the default: both). Targets: Belum terdaftar
 * precision ≥ 0.99 and recall ≥ 0.98 on the default set, ≥ 0.995 and ≥ 0.99 on the noisy one;
 * on both, duplicates < 0.5 %, no merge across different NPWPs, no branch merged into its head office.
 *
 * Speed: a second database with BENCH_SPEED_ENTITIES businesses (by default enough for about
 * 1,000,000 business records; 0 skips it): a full run per entry of BENCH_MATCH_WORKERS (worker
 * processes for the units of name matching, default 2; "1,2" compares one with two), then an
 * incremental run after a 10,000-row kemnaker-bu batch (target < 15 s). Each run is a process of
 * its own, so the peak RSS printed is the coordinator's, next to each worker's. Targets: < 3 min
 * at 1M records, no process above 1.5 GB.
 *
 * BENCH_KEEP_DIR keeps the speed database between runs (generating and importing 1M records
 * takes minutes); BENCH_INCREMENTAL=0 skips the incremental run, whose batch would otherwise
 * grow the kept database each time.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { SOURCE_IDS } from "../../lib/sources.ts";
import { SYSTEM_ACTOR } from "../../server/audit/system-actor.ts";
import { disconnectDb, setDatabaseUrl } from "../../server/db/client.ts";
import { destroyEmbeddedPostgres, ensureEmbeddedPostgres, stopEmbeddedPostgres } from "../../server/db/embedded-postgres.ts";
import { applyMigrations } from "../../server/db/migrate.ts";
import { generateDemoData, NOISY_RATES, writeKemnakerBenchmarkFile, type DemoRates } from "../../server/demo/demo-data/index.ts";
import { evaluateMatching, KIND_ROWS, type MatchQuality } from "../../server/demo/evaluate-matching.ts";
import { importFile } from "../../server/ingest/import-file.ts";
import { runMatch, type MatchRunSummary } from "../../server/matching/run-match.ts";
import { ensureRegionsLoaded } from "../../server/regions/load-regions.ts";

const qualityEntities = Number(process.env.BENCH_ENTITIES ?? 50_000);
const noiseSets = (process.env.BENCH_NOISE ?? "default,noisy").split(",").map((s) => s.trim());
const QUALITY_SETS: Readonly<Record<string, { rates: Partial<DemoRates>; precision: number; recall: number }>> = {
  default: { rates: {}, precision: 0.99, recall: 0.98 },
  noisy: { rates: NOISY_RATES, precision: 0.995, recall: 0.99 },
};
const speedEntities = Number(process.env.BENCH_SPEED_ENTITIES ?? 560_000);
/** Full runs of the speed set, one per worker count: "2" (default), "1,2" compares them. */
const workerCounts = (process.env.BENCH_MATCH_WORKERS ?? "2").split(",").map(Number);
const fmt = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });
const pct = (x: number) => `${(x * 100).toFixed(2)} %`;
const context = { ip: null, userAgent: "bench-match", requestId: null };
const keepDir = process.env.BENCH_KEEP_DIR;
const incrementalRun = process.env.BENCH_INCREMENTAL !== "0";

const work = keepDir ?? (await mkdtemp(path.join(tmpdir(), "jangkau-bench-match-")));
if (keepDir) await mkdir(keepDir, { recursive: true });
process.env.JANGKAU_STORAGE_DIR = path.join(work, "storage");
let failed = false;
try {
  for (const name of qualityEntities > 0 ? noiseSets : []) {
    const set = QUALITY_SETS[name];
    if (!set) throw new Error(`BENCH_NOISE: unknown set ${name} (default, noisy)`);
    const db = await openDatabase(`quality-${name}`);
    const { outDir, period } = await importDemoSet(qualityEntities, path.join(work, `quality-${name}-data`), set.rates);
    const summary = await runMatch({ kind: "FULL", actor: SYSTEM_ACTOR });
    const q = await evaluateMatching(db.url, path.join(outDir, "ground-truth.csv"));
    console.log(`\nquality, ${name} set (${fmt.format(qualityEntities)} businesses, period ${period}; full match of ${fmt.format(summary.records)} records in ${fmt.format(summary.seconds)} s)`);
    console.log(`  businesses found        ${fmt.format(q.businesses)} for ${fmt.format(q.trueBusinesses)} true businesses; review queue ${fmt.format(summary.reviewPairs)} pairs`);
    console.log(`  Belum terdaftar         precision ${q.belumTerdaftar.precision.toFixed(4)}  recall ${q.belumTerdaftar.recall.toFixed(4)}  (${fmt.format(q.belumTerdaftar.predicted)} predicted, ${fmt.format(q.belumTerdaftar.actual)} true)`);
    console.log(`  Daftar sebagian         precision ${q.daftarSebagian.precision.toFixed(4)}  recall ${q.daftarSebagian.recall.toFixed(4)}  (${fmt.format(q.daftarSebagian.predicted)} predicted, ${fmt.format(q.daftarSebagian.actual)} true)`);
    console.log(`  duplicates (split)      ${pct(q.duplicateShare)} of true businesses`);
    console.log(`  wrong merges            ${pct(q.wrongMergeShare)} of businesses`);
    console.log(`  merges across NPWPs     ${q.npwpConflicts}`);
    console.log(`  branches merged         ${q.branchMerges} into their head office`);
    console.log(`  region names (AHU)      regency ${pct(q.regionNames.regency)}, district ${pct(q.regionNames.district)} of ${fmt.format(q.regionNames.records)} records`);
    console.log(`  notary status           ${pct(q.notaryStatusAccuracy)} correct`);
    const w = q.workers;
    console.log(`  worker status           ${pct(w.statusAccuracy)} correct, employer ${pct(w.employerAccuracy)} (${fmt.format(w.evaluated)} of ${fmt.format(w.expected)} workers have a status)`);
    console.log(`  with worker rows        exact counts ${pct(w.exactCounts)} of ${fmt.format(w.businesses)} businesses; Daftar sebagian precision ${w.daftarSebagian.precision.toFixed(4)}  recall ${w.daftarSebagian.recall.toFixed(4)}`);
    printKindTable(q);
    const ok =
      q.belumTerdaftar.precision >= set.precision && q.belumTerdaftar.recall >= set.recall && q.duplicateShare < 0.005 && q.npwpConflicts === 0 && q.branchMerges === 0;
    console.log(`  targets (P ≥ ${set.precision}, R ≥ ${set.recall}, duplicates < 0.5 %, 0 NPWP conflicts, 0 branches merged): ${ok ? "met" : "NOT met"}`);
    failed ||= !ok;
    await closeDatabase(db);
  }

  if (speedEntities > 0) {
    const periodFile = path.join(work, "speed-period.txt");
    const kept = keepDir !== undefined && existsSync(periodFile);
    const db = await openDatabase("speed");
    const period = kept ? (await readFile(periodFile, "utf8")).trim() : (await importDemoSet(speedEntities, path.join(work, "speed-data"))).period;
    if (keepDir && !kept) {
      await rm(path.join(work, "speed-data"), { recursive: true, force: true });
      await writeFile(periodFile, period);
    }
    let full: ChildResult | null = null;
    const fullSeconds: number[] = [];
    for (const workers of workerCounts) {
      full = await matchInChild(db.url, "FULL", workers);
      fullSeconds.push(full.summary.seconds);
      console.log(
        `\nspeed: full match of ${fmt.format(full.summary.records)} records → ${fmt.format(full.summary.businesses)} businesses in ${fmt.format(full.summary.seconds)} s ` +
          `with ${workers === 0 ? "no worker process (units in the coordinator)" : `${workers} worker process${workers > 1 ? "es" : ""}`} (target < 180 s at 1M)`,
      );
      console.log(`  peak RSS: coordinator ${mb(full.peakRss)}${full.workerPeakRss.map((rss, i) => `, worker ${i + 1} ${mb(rss)}`).join("")} (target ≤ 1,536 MB each)`);
    }
    console.log(`  before partitioning (docs/matching.md, 2026-11-21): 1,031,443 records in 146.1 s, one process at 3.7 GB peak RSS; ~2M records: heap out of memory (4 GB)`);
    let incrementalOk = true;
    if (incrementalRun) {
      const batchFile = path.join(work, "kemnaker-10k.csv");
      await writeKemnakerBenchmarkFile({ rows: 10_000, path: batchFile, seed: 777, period });
      const batch = await importFile({ source: "kemnaker-bu", period, filePath: batchFile, channel: "CLI", actor: SYSTEM_ACTOR, context });
      const incremental = await matchInChild(db.url, "INCREMENTAL", 0, batch.batchId);
      console.log(
        `speed: incremental match after a ${fmt.format(batch.accepted)}-row batch: ${fmt.format(incremental.summary.records)} records re-resolved in ` +
          `${fmt.format(incremental.summary.seconds)} s (target < 15 s, ran as ${incremental.summary.kind}), peak RSS ${mb(incremental.peakRss)}`,
      );
      incrementalOk = incremental.summary.seconds < 15 && incremental.summary.kind === "INCREMENTAL";
    }
    const peaks = [full!.peakRss, ...full!.workerPeakRss];
    const ok = (full!.summary.records > 1_500_000 || Math.max(...fullSeconds) < 180) && peaks.every((rss) => rss <= 1536 * 2 ** 20) && incrementalOk;
    console.log(`  targets: ${ok ? "met" : "NOT met"}`);
    failed ||= !ok;
    await closeDatabase(db, keepDir !== undefined);
  }
} finally {
  await disconnectDb();
  if (!keepDir) await rm(work, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;

interface ChildResult {
  summary: MatchRunSummary;
  peakRss: number;
  workerPeakRss: number[];
}

function mb(bytes: number): string {
  return `${fmt.format(Math.round(bytes / 2 ** 20))} MB`;
}

/** A match run in a process of its own (run-match-child.ts), so its peak RSS is its own. */
async function matchInChild(url: string, kind: "FULL" | "INCREMENTAL", workers: number, batchId?: string): Promise<ChildResult> {
  const resultFile = path.join(work, `match-${Date.now()}.json`);
  const child = spawn(
    process.execPath,
    ["--max-old-space-size=4096", "--conditions=react-server", "--import", "tsx", path.join(import.meta.dirname, "run-match-child.ts"), kind, String(workers), resultFile, ...(batchId ? [batchId] : [])],
    { stdio: "inherit", env: { ...process.env, DATABASE_URL: url } },
  );
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  if (code !== 0) throw new Error(`match run (${kind}) exited with ${code}`);
  return JSON.parse(await readFile(resultFile, "utf8")) as ChildResult;
}

async function openDatabase(name: string) {
  const dataDir = path.join(work, `db-${name}`);
  const server = await ensureEmbeddedPostgres({ dataDir, port: 58000 + Math.floor(Math.random() * 1500) });
  await applyMigrations(server.ownerUrl);
  await ensureRegionsLoaded({ url: server.ownerUrl });
  setDatabaseUrl(server.url);
  return { url: server.url, dataDir };
}

/** Only the speed database is kept: the quality set is imported afresh each time. */
async function closeDatabase(db: { dataDir: string }, keep = false) {
  await disconnectDb();
  if (keep) await stopEmbeddedPostgres(db.dataDir);
  else await destroyEmbeddedPostgres(db.dataDir);
}

/** The per-noise-kind figures: one row per kind (a true business may have several), Markdown-ready. */
function printKindTable(q: MatchQuality) {
  console.log(`\n  | noise kind | true businesses | Belum terdaftar P | Belum terdaftar R | duplicates | wrongly merged | across NPWPs | branch into head |`);
  console.log(`  |---|---:|---:|---:|---:|---:|---:|---:|`);
  for (const row of KIND_ROWS) {
    const k = q.byKind[row];
    if (k.trueBusinesses === 0) continue;
    const b = k.belumTerdaftar;
    console.log(
      `  | ${row} | ${fmt.format(k.trueBusinesses)} | ${b.precision.toFixed(4)} | ${b.recall.toFixed(4)} (${fmt.format(b.actual)}) | ${pct(k.duplicateShare)} | ${pct(k.wrongMergeShare)} | ${k.npwpConflicts} | ${k.branchMerges} |`,
    );
  }
}

async function importDemoSet(entities: number, outDir: string, rates: Partial<DemoRates> = {}) {
  const started = performance.now();
  const manifest = await generateDemoData({ entities, outDir, rates });
  for (const source of SOURCE_IDS) {
    await importFile({ source, period: manifest.period, filePath: path.join(outDir, manifest.files[source].file), channel: "CLI", actor: SYSTEM_ACTOR, context });
  }
  console.log(`generated and imported ${fmt.format(entities)} businesses in ${fmt.format((performance.now() - started) / 1000)} s`);
  return { outDir, period: manifest.period };
}
