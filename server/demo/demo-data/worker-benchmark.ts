import "server-only";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { parseNpwp } from "@/lib/identifiers/npwp.ts";
import { KEMNAKER_BU_KEYS } from "@/server/ingest/sources/kemnaker-bu.ts";
import { CsvWriter } from "./csv-writer.ts";
import { DEFAULT_PERIOD, DEFAULT_SEED, DEMO_FILE_LAYOUTS, demoFileColumns } from "./generate.ts";
import { hashInts, Rng, STREAM, Weighted } from "./prng.ts";
import { DEFAULT_RATES } from "./rates.ts";
import { loadRegionTree, placeIn } from "./regions.ts";
import { bpjsRow, kemnakerRow, kemnakerWorkerRow, workerParticipantRow, type SourceRow } from "./source-rows.ts";
import type { JknSegment } from "./vocabulary.ts";
import { listedWorker, unlistedParticipant, workerListing } from "./workers.ts";
import { DemoWorld, makeNikWithBirthDate, makePersonName } from "./world.ts";

/**
 * The files of the worker benchmark (`npm run bench:workers`): exactly `rows` kemnaker-tk rows
 * and `rows` bpjs-peserta rows over a world of businesses, plus the kemnaker-bu and bpjs-bu rows
 * of the businesses they name, so that a match run finds the employers. Every business Kemnaker
 * reports lists all its workers (up to `cap`); the participants are those workers JKN knows and,
 * to fill the file, other people (PBI JK, PBPU, …), as the national participant file is mostly
 * people no employer lists. Streams with constant memory; the same seed gives the same bytes.
 */

export interface WorkerBenchmarkOptions {
  rows: number;
  outDir: string;
  seed?: number;
  period?: string;
  /** Workers listed per business at most (default: all of them). */
  cap?: number;
}

export interface WorkerBenchmarkFiles {
  files: Record<"kemnaker-bu" | "bpjs-bu" | "kemnaker-tk" | "bpjs-peserta", { path: string; rows: number; bytes: number }>;
  businesses: number;
  seconds: number;
}

const BENCH_SOURCES = ["kemnaker-bu", "bpjs-bu", "kemnaker-tk", "bpjs-peserta"] as const;

/** Segments of the participants no employer lists: mostly subsidised and self-paying members. */
const FILLER_SEGMENTS = new Weighted<JknSegment>([["PBI JK", 45], ["PBPU", 25], ["PBPU Pemda", 15], ["BP", 8], ["PPU PN", 7]]);

export async function writeWorkerBenchmarkFiles(options: WorkerBenchmarkOptions): Promise<WorkerBenchmarkFiles> {
  const started = performance.now();
  const rows = options.rows;
  if (!Number.isSafeInteger(rows) || rows < 1) throw new RangeError("Jumlah baris harus bilangan bulat positif");
  const seed = options.seed ?? DEFAULT_SEED;
  const period = options.period ?? DEFAULT_PERIOD;
  const cap = options.cap ?? Number.MAX_SAFE_INTEGER;
  await mkdir(options.outDir, { recursive: true });
  const world = new DemoWorld(seed, { ...DEFAULT_RATES }, Number(period.slice(0, 4)), loadRegionTree(), rows);

  const out = Object.fromEntries(
    BENCH_SOURCES.map((source) => {
      const columns = demoFileColumns(source);
      const file = path.join(/*turbopackIgnore: true*/ options.outDir, DEMO_FILE_LAYOUTS[source].file);
      const writer = new CsvWriter(file, DEMO_FILE_LAYOUTS[source]);
      writer.write(columns.map((c) => c.header));
      return [source, { file, writer, write: (row: SourceRow) => writer.write(columns.map((c) => row.cells[c.key] ?? "")) }];
    }),
  ) as Record<(typeof BENCH_SOURCES)[number], { file: string; writer: CsvWriter; write: (row: SourceRow) => number }>;

  let workers = 0;
  let participants = 0;
  let fillers = 0;
  const fill = () => {
    while (participants < workers && participants < rows) {
      out["bpjs-peserta"].write(fillerParticipant(world, fillers++));
      participants++;
    }
  };
  const drain = () => Promise.all(BENCH_SOURCES.map((s) => out[s].writer.drain()));

  let index = 0;
  for (; workers < rows; index++) {
    const b = world.business(index);
    if (b.inBpjs) out["bpjs-bu"].write(bpjsRow(world, b));
    if (!b.inKemnaker) continue;
    const row = kemnakerRow(world, b);
    out["kemnaker-bu"].write(row);
    const npwpKnown = b.npwp !== null && parseNpwp(row.cells[KEMNAKER_BU_KEYS.npwp]).kind === "ok";
    const listing = workerListing(world, b, { cap, npwpKnown, nibKnown: row.cells[KEMNAKER_BU_KEYS.nib] !== "", always: true })!;
    for (let serial = 0; serial < listing.listed && workers < rows; serial++) {
      const worker = listedWorker(world, listing, serial);
      out["kemnaker-tk"].write(kemnakerWorkerRow(world, listing, worker));
      workers++;
      if ((worker.participation || worker.listedUnregistered) && participants < rows) {
        out["bpjs-peserta"].write(workerParticipantRow(world, worker, worker.participation, [b.index, serial, 2]));
        participants++;
      }
      fill();
      if ((workers & 1023) === 0) await drain();
    }
    for (let k = 0; k < listing.unlisted && participants < rows; k++) {
      const person = unlistedParticipant(world, listing, k);
      out["bpjs-peserta"].write(workerParticipantRow(world, { ...person, foreign: null }, person.participation, [b.index, 1_000_000 + k, 2]));
      participants++;
    }
    await drain();
  }
  fill();
  await Promise.all(BENCH_SOURCES.map((s) => out[s].writer.close()));
  const files = Object.fromEntries(
    BENCH_SOURCES.map((s) => [s, { path: out[s].file, rows: out[s].writer.rows - 1, bytes: out[s].writer.bytes }]),
  ) as WorkerBenchmarkFiles["files"];
  return { files, businesses: index, seconds: (performance.now() - started) / 1000 };
}

/** Participant `n` of those no employer lists: a NIK anywhere in the country, another segment. */
function fillerParticipant(world: DemoWorld, n: number): SourceRow {
  const rng = new Rng(world.seed, STREAM.benchmark, 7, n);
  const female = rng.chance(0.5);
  const district = placeIn(rng, world.tree.regencyChoice.pick(rng)).district;
  const born = makeNikWithBirthDate(rng, district, world.periodYear, female, hashInts(n, 0x5eed), [0, 80]);
  const participation = { segment: FILLER_SEGMENTS.pick(rng), active: !rng.chance(0.12), year: Math.max(2014, world.periodYear - rng.int(0, 11)), employer: null };
  return workerParticipantRow(world, { nik: born.nik, displayName: makePersonName(rng, female).display, foreign: null }, participation, [n, 3]);
}
