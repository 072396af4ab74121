import "server-only";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { isPeriod, SOURCE_IDS, type SourceId } from "@/lib/sources.ts";
import { AHU_ENTITAS_KEYS } from "@/server/ingest/sources/ahu-entitas.ts";
import { AHU_NOTARIS_KEYS } from "@/server/ingest/sources/ahu-notaris.ts";
import { AHU_PENGURUS_KEYS } from "@/server/ingest/sources/ahu-pengurus.ts";
import { BPJS_BU_KEYS } from "@/server/ingest/sources/bpjs-bu.ts";
import { BPJS_PESERTA_KEYS } from "@/server/ingest/sources/bpjs-peserta.ts";
import { KEMNAKER_BU_KEYS } from "@/server/ingest/sources/kemnaker-bu.ts";
import { KEMNAKER_TK_KEYS } from "@/server/ingest/sources/kemnaker-tk.ts";
import { parseNpwp } from "@/lib/identifiers/npwp.ts";
import { CsvWriter, type CsvFormat } from "./csv-writer.ts";
import { demoColumns, type DemoColumn, type HeaderStyle } from "./headers.ts";
import { canonicalName, noiseKinds } from "./noise.ts";
import { Rng, STREAM } from "./prng.ts";
import { DEFAULT_RATES, resolveRates, type DemoRates } from "./rates.ts";
import { loadRegionTree } from "./regions.ts";
import {
  ahuEntityRow,
  bpjsRow,
  foreignParticipantRow,
  kemnakerRow,
  kemnakerWorkerRow,
  notaryRow,
  officerRow,
  participantRow,
  type Participation,
  type SourceRow,
  workerParticipantRow,
} from "./source-rows.ts";
import { DEMO_WORKER_CAP, listedWorker, unlistedParticipant, workerListing, type WorkerJknStatus, type WorkerListing } from "./workers.ts";
import { DemoWorld, type Business, type Notary, type TrueStatus } from "./world.ts";

// ---------------------------------------------------------------- file layouts

export interface DemoFileLayout extends CsvFormat {
  file: string;
  headerStyle: HeaderStyle;
  /** Rows are shuffled within windows of this many, so files do not all list businesses in one order. */
  shuffleWindow: number;
  /** Optional columns of the map that this partner's file does not have. */
  omit?: readonly string[];
}

/**
 * How each partner file is written: one with `;`, one with `|`, one in Windows-1252, one with
 * CRLF and a BOM, one with every cell quoted; labels in most, aliases or keys in others.
 */
export const DEMO_FILE_LAYOUTS: Readonly<Record<SourceId, DemoFileLayout>> = {
  "kemnaker-bu": { file: "kemnaker-bu.csv", delimiter: ",", eol: "\r\n", encoding: "utf-8", bom: true, quoteAll: false, headerStyle: "label", shuffleWindow: 0 },
  "kemnaker-tk": { file: "kemnaker-tk.csv", delimiter: ";", eol: "\r\n", encoding: "utf-8", bom: true, quoteAll: false, headerStyle: "label-any-case", shuffleWindow: 32 },
  "ahu-entitas": { file: "ahu-entitas.csv", delimiter: ";", eol: "\n", encoding: "utf-8", bom: false, quoteAll: false, headerStyle: "label-upper", shuffleWindow: 256 },
  "ahu-pengurus": { file: "ahu-pengurus.csv", delimiter: ",", eol: "\n", encoding: "utf-8", bom: false, quoteAll: true, headerStyle: "alias", shuffleWindow: 0 },
  "ahu-notaris": { file: "ahu-notaris.csv", delimiter: ",", eol: "\n", encoding: "utf-8", bom: false, quoteAll: false, headerStyle: "mixed", shuffleWindow: 64 },
  // Lampiran II.1's fields: its Jumlah Pekerja is the registered count, no separate column for it.
  "bpjs-bu": { file: "bpjs-bu.csv", delimiter: ",", eol: "\n", encoding: "windows-1252", bom: false, quoteAll: false, headerStyle: "label", shuffleWindow: 512, omit: [BPJS_BU_KEYS.registeredWorkers] },
  "bpjs-peserta": { file: "bpjs-peserta.csv", delimiter: "|", eol: "\n", encoding: "utf-8", bom: false, quoteAll: false, headerStyle: "key", shuffleWindow: 256 },
};

/** The columns of a source's demo file, with their headers. */
export function demoFileColumns(source: SourceId): DemoColumn[] {
  const layout = DEMO_FILE_LAYOUTS[source];
  return demoColumns(source, layout.headerStyle).filter((c) => !layout.omit?.includes(c.key));
}

/** The cells that identify a row: blanked (or, for a NIK, Excel-mangled) in the unidentified rows. */
const IDENTIFYING_KEYS: Readonly<Record<SourceId, readonly string[]>> = {
  "kemnaker-bu": [KEMNAKER_BU_KEYS.name],
  "kemnaker-tk": [KEMNAKER_TK_KEYS.nik, KEMNAKER_TK_KEYS.passportNumber, KEMNAKER_TK_KEYS.kitas],
  "ahu-entitas": [AHU_ENTITAS_KEYS.name],
  "ahu-pengurus": [AHU_PENGURUS_KEYS.name],
  "ahu-notaris": [AHU_NOTARIS_KEYS.nik],
  "bpjs-bu": [BPJS_BU_KEYS.name],
  "bpjs-peserta": [BPJS_PESERTA_KEYS.nik, BPJS_PESERTA_KEYS.passportNumber, BPJS_PESERTA_KEYS.niora, BPJS_PESERTA_KEYS.kitas],
};

// ---------------------------------------------------------------- ground truth

/** Columns of ground-truth.csv, documented (also written to the manifest). */
export const GROUND_TRUTH_COLUMNS: readonly (readonly [string, string])[] = [
  ["kind", "record (one per data row of a partner file), business (one per true business), notary (one per notary)"],
  ["source", "record: the source id (kemnaker-bu, ahu-entitas, …)"],
  ["line", "record: physical line the row starts on in its file (header = line 1), as the import's reject report counts"],
  ["business_id", "record: the true business of a business row, of an officer's entity or of a worker's listing; business: its id; worker: the business Kemnaker lists it under"],
  ["person_id", "record: the officer (PG…), notary (NT…), foreign participant (WNA…), listed worker (TK…) or unlisted participant (PX…) of a person row; notary, worker: its id"],
  ["expect", "record: accept | reject (no name / no usable NIK / officer without a readable entity NPWP) | duplicate (exact copy of an earlier row)"],
  ["noise", "record: the noise applied, `|`-separated (name_typo, legal_form_missing, npwp_missing, npwp_excel, …)"],
  ["status", "business: TERDAFTAR_AKTIF | TERDAFTAR_NONAKTIF | BELUM_TERDAFTAR | DAFTAR_SEBAGIAN; notary: AKTIF | TIDAK_AKTIF | TIDAK_TERDAFTAR; worker: TERDAFTAR_DI_SINI | TERDAFTAR_DI_LAIN | SEGMEN_LAIN | BELUM_TERDAFTAR"],
  ["true_workers", "business: its real number of workers"],
  ["reported_workers", "business: what Kemnaker's file says (empty when not in Kemnaker or the cell is empty/unreadable)"],
  ["registered_workers", "business: workers registered at BPJS, BPJS's registry count (empty when not registered)"],
  ["worker_gap", "business: with worker rows, listed workers not registered under it (workers_listed − workers_here); else reported − registered (registered counts as 0 when not registered), at least 0, empty when nothing is reported"],
  ["workers_listed", "business: workers Kemnaker lists one by one (kemnaker-tk); empty when it lists none"],
  ["workers_here", "business: of them, registered in JKN (PPU BU) under this business"],
  ["workers_elsewhere", "business: … registered PPU BU under another employer"],
  ["workers_other_segment", "business: … registered in another segment (PBI JK, PBPU, BP, PBPU Pemda, PPU PN)"],
  ["workers_unregistered", "business: … not registered"],
  ["province_code", "business/notary: true Kemendagri codes"],
  ["regency_code", ""],
  ["district_code", ""],
  ["village_code", ""],
  ["legal_form", "business: PT, CV, FIRMA, PERSEKUTUAN_PERDATA, UD, KOPERASI, YAYASAN, PERUMDA or PERORANGAN (none)"],
  ["name", "business: canonical name (`PT SINAR JAYA ABADI`); notary: name"],
  ["npwp", "business/notary: the true NPWP, 16 digits (a NIK when npwp_is_nik); empty when it has none"],
  ["npwp_is_nik", "business/notary: true when the NPWP is a person's NIK"],
  ["nib", "business: the true NIB (empty when none)"],
  ["parent_business_id", "business: the head office of a branch (same first 9 NPWP digits, different branch code)"],
  ["shares_name_with", "business: the unrelated business whose name it carries (different NPWP)"],
  ["noise_kinds", "business: what makes it hard to find, `|`-separated: noise in any of its kemnaker-bu, ahu-entitas and bpjs-bu rows (legal_form_typo, short_word_typo, name_typo, legal_form_missing, region_typo, npwp_missing) and its place in the world (branch_office, crowded_regency: one of many businesses of one name in one town, shared_name); empty when none"],
  ["sources", "business: sources holding an accepted row of it, `|`-separated"],
  ["segment", "notary, worker: JKN segment when registered"],
  ["active", "worker: active in JKN (empty when not registered)"],
  ["employer_business_id", "worker: the business it is registered under (PPU BU); empty when none or an employer outside the world"],
  ["citizenship", "worker: WNI | WNA (foreigners have passport and KITAS, no NIK)"],
];

const TRUTH_HEADER = GROUND_TRUTH_COLUMNS.map(([name]) => name);
const TRUTH_INDEX = new Map(TRUTH_HEADER.map((name, i) => [name, i]));

function truthRow(values: Record<string, string | number | boolean | null | undefined>): string[] {
  const cells = new Array<string>(TRUTH_HEADER.length).fill("");
  for (const key in values) {
    const at = TRUTH_INDEX.get(key);
    if (at === undefined) throw new Error(`ground truth has no column ${key}`);
    const value = values[key];
    cells[at] = value === null || value === undefined ? "" : String(value);
  }
  return cells;
}

// ---------------------------------------------------------------- one source file

interface RowContext {
  businessId?: string;
  personId?: string;
}

interface PendingRow {
  cells: string[];
  context: RowContext;
  tags: string[];
  expect: "accept" | "reject";
  duplicate: boolean;
}

export interface SourceFileStats {
  file: string;
  /** Data rows written (header excluded). */
  rows: number;
  expected: { accept: number; reject: number; duplicate: number };
  /** How many rows carry each noise tag. */
  noise: Record<string, number>;
  bytes: number;
}

/**
 * Writes one source's rows: shuffles them within a small window, adds exact duplicates a few
 * rows later and rows missing their identifier, and records each row's line in the ground truth.
 */
class SourceSink {
  readonly writer: CsvWriter;
  readonly columns: DemoColumn[];
  private readonly keys: ReadonlySet<string>;
  private readonly rng: Rng;
  private window: PendingRow[] = [];
  private duplicatesDue: { at: number; row: PendingRow }[] = [];
  private lastAccepted: PendingRow | null = null;
  readonly stats: SourceFileStats;

  constructor(
    readonly source: SourceId,
    readonly layout: DemoFileLayout,
    outDir: string,
    seed: number,
    private readonly rates: DemoRates,
    private readonly truth: CsvWriter | null,
  ) {
    this.columns = demoFileColumns(source);
    this.keys = new Set(this.columns.map((c) => c.key));
    this.writer = new CsvWriter(path.join(/*turbopackIgnore: true*/ outDir, layout.file), layout);
    this.writer.write(this.columns.map((c) => c.header));
    this.rng = new Rng(seed, STREAM.file, SOURCE_IDS.indexOf(source));
    this.stats = { file: layout.file, rows: 0, expected: { accept: 0, reject: 0, duplicate: 0 }, noise: {}, bytes: 0 };
  }

  private checked = 0;

  private toCells(row: SourceRow): string[] {
    // A key the column map lacks would silently drop a value: check the first rows of each file.
    if (this.checked < 200) {
      this.checked++;
      for (const key of Object.keys(row.cells)) {
        if (!this.keys.has(key)) throw new Error(`${this.source}: the column map has no column ${key}`);
      }
    }
    return this.columns.map((c) => row.cells[c.key] ?? "");
  }

  add(row: SourceRow, context: RowContext): void {
    const pending: PendingRow = { cells: this.toCells(row), context, tags: row.tags, expect: row.expect, duplicate: false };
    if (this.layout.shuffleWindow <= 1) {
      this.emit(pending);
      return;
    }
    this.window.push(pending);
    if (this.window.length >= this.layout.shuffleWindow) this.flushWindow();
  }

  /** The row with what identifies it blanked or (a NIK) mangled by Excel: the pipeline must reject it. */
  addUnidentified(row: SourceRow, context: RowContext): void {
    const cells = { ...row.cells };
    for (const key of IDENTIFYING_KEYS[this.source]) {
      const value = cells[key] ?? "";
      cells[key] = /^\d{16}$/.test(value) && this.rng.chance(0.5) ? Number(value).toExponential(5).replace("e+", "E+") : "";
    }
    this.add({ cells, tags: [...row.tags, "unidentified"], expect: "reject" }, context);
  }

  private flushWindow(): void {
    this.rng.shuffle(this.window);
    for (const row of this.window) this.emit(row);
    this.window = [];
  }

  private emit(row: PendingRow): void {
    this.writeRow(row);
    if (!row.duplicate && row.expect === "accept") {
      this.lastAccepted = row;
      if (this.rng.chance(this.rates.duplicateRow)) {
        this.duplicatesDue.push({ at: this.stats.rows + this.rng.int(1, 40), row: { ...row, duplicate: true, tags: [] } });
      }
    }
    while (this.duplicatesDue.length > 0 && this.duplicatesDue[0]!.at <= this.stats.rows) this.writeRow(this.duplicatesDue.shift()!.row);
  }

  private writeRow(row: PendingRow): void {
    const line = this.writer.write(row.cells);
    this.stats.rows++;
    const expect = row.duplicate ? "duplicate" : row.expect;
    this.stats.expected[expect]++;
    const tags = row.duplicate ? ["duplicate"] : row.tags;
    for (const tag of tags) this.stats.noise[tag] = (this.stats.noise[tag] ?? 0) + 1;
    this.truth?.write(
      truthRow({
        kind: "record",
        source: this.source,
        line,
        business_id: row.context.businessId,
        person_id: row.context.personId,
        expect,
        noise: tags.join("|"),
      }),
    );
  }

  async drain(): Promise<void> {
    await this.writer.drain();
  }

  /** Flushes the window and the pending duplicates; makes sure the file has its minimum of noise rows. */
  async close(): Promise<SourceFileStats> {
    this.flushWindow();
    for (const { row } of this.duplicatesDue) this.writeRow(row);
    this.duplicatesDue = [];
    if (this.lastAccepted) {
      const template = this.lastAccepted;
      while (this.stats.expected.duplicate < 2) this.writeRow({ ...template, duplicate: true, tags: [] });
      if (this.stats.expected.reject === 0) {
        const cells = [...template.cells];
        for (const key of IDENTIFYING_KEYS[this.source]) {
          const at = this.columns.findIndex((c) => c.key === key);
          if (at >= 0) cells[at] = "";
        }
        this.writeRow({ ...template, cells, tags: [...template.tags, "unidentified"], expect: "reject" });
      }
    }
    await this.writer.close();
    this.stats.bytes = this.writer.bytes;
    return this.stats;
  }
}

// ---------------------------------------------------------------- the data set

export interface GenerateDemoDataOptions {
  /** Number of true businesses. */
  entities: number;
  outDir: string;
  seed?: number;
  /** Delivery period, `2025-S2`: sets "now" for years (registration, membership, ages). */
  period?: string;
  rates?: Partial<DemoRates>;
}

export interface DemoManifest {
  generator: "jangkau demo-data";
  formatVersion: 1;
  seed: number;
  period: string;
  entities: number;
  rates: DemoRates;
  files: Record<SourceId, SourceFileStats & { layout: Omit<DemoFileLayout, "file">; header: string[] }>;
  groundTruth: { file: string; rows: number; bytes: number; columns: Record<string, string> };
  counts: {
    businesses: number;
    byStatus: Record<TrueStatus, number>;
    byLegalForm: Record<string, number>;
    byScale: Record<string, number>;
    inKemnaker: number;
    inAhu: number;
    inBpjs: number;
    inNoSource: number;
    branches: number;
    sharedNames: number;
    /** True businesses per noise kind (ground truth `noise_kinds`). */
    byNoiseKind: Record<string, number>;
    inFocusRegions: { "32": number; "32.73": number; "35.78": number };
    officers: number;
    notaries: number;
    notaryStatus: Record<string, number>;
    foreignParticipants: number;
    /** Kemnaker's worker lists (kemnaker-tk): businesses, workers by JKN status, foreigners among them. */
    workers: { businesses: number; listed: number; byStatus: Record<WorkerJknStatus, number>; foreign: number; unlistedParticipants: number };
  };
}

export const DEFAULT_SEED = 20251;
export const DEFAULT_PERIOD = "2025-S2";
/** Share of BPJS-registered medium and large PTs that employ a foreign worker listed in bpjs-peserta. */
const FOREIGN_WORKER_SHARE = 0.1;

function checkOptions(entities: number, seed: number, period: string): number {
  if (!Number.isSafeInteger(entities) || entities < 1 || entities > 3_000_000) {
    throw new RangeError("Jumlah badan usaha (entities) harus bilangan bulat 1 sampai 3.000.000");
  }
  if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError("Seed harus bilangan bulat tidak negatif");
  if (!isPeriod(period)) throw new RangeError(`Periode tidak sah: ${period} (gunakan format 2025-S1 atau 2025-S2)`);
  return Number(period.slice(0, 4));
}

/**
 * Writes the partner files of every source, the ground truth and a manifest for `entities` true businesses.
 * Everything streams: memory stays flat whatever the size; the same seed gives the same bytes.
 */
export async function generateDemoData(options: GenerateDemoDataOptions): Promise<DemoManifest> {
  const seed = options.seed ?? DEFAULT_SEED;
  const period = options.period ?? DEFAULT_PERIOD;
  const year = checkOptions(options.entities, seed, period);
  const rates = resolveRates(options.rates);
  await mkdir(options.outDir, { recursive: true });
  const world = new DemoWorld(seed, rates, year, loadRegionTree(), options.entities);

  const truth = new CsvWriter(path.join(/*turbopackIgnore: true*/ options.outDir, "ground-truth.csv"), { delimiter: ",", eol: "\n", encoding: "utf-8", bom: false, quoteAll: false });
  truth.write(TRUTH_HEADER);
  const sinks = Object.fromEntries(
    SOURCE_IDS.map((id) => [id, new SourceSink(id, DEMO_FILE_LAYOUTS[id], options.outDir, seed, rates, truth)]),
  ) as Record<SourceId, SourceSink>;

  const counts: DemoManifest["counts"] = {
    businesses: options.entities,
    byStatus: { TERDAFTAR_AKTIF: 0, TERDAFTAR_NONAKTIF: 0, BELUM_TERDAFTAR: 0, DAFTAR_SEBAGIAN: 0 },
    byLegalForm: {},
    byScale: {},
    inKemnaker: 0,
    inAhu: 0,
    inBpjs: 0,
    inNoSource: 0,
    branches: 0,
    sharedNames: 0,
    byNoiseKind: {},
    inFocusRegions: { "32": 0, "32.73": 0, "35.78": 0 },
    officers: 0,
    notaries: 0,
    notaryStatus: { AKTIF: 0, TIDAK_AKTIF: 0, TIDAK_TERDAFTAR: 0 },
    foreignParticipants: 0,
    workers: {
      businesses: 0,
      listed: 0,
      byStatus: { TERDAFTAR_DI_SINI: 0, TERDAFTAR_DI_LAIN: 0, SEGMEN_LAIN: 0, BELUM_TERDAFTAR: 0 },
      foreign: 0,
      unlistedParticipants: 0,
    },
  };

  for (let index = 0; index < options.entities; index++) {
    const b = world.business(index);
    const extra = new Rng(seed, STREAM.file, 100, index);
    const sources: SourceId[] = [];
    let reportedWorkers: number | null = null;
    let listing: WorkerListing | null = null;
    let workerCounts: WorkerCounts | null = null;
    const rowTags: string[] = [];

    if (b.inKemnaker) {
      const row = kemnakerRow(world, b);
      sinks["kemnaker-bu"].add(row, { businessId: b.id });
      rowTags.push(...row.tags);
      sources.push("kemnaker-bu");
      if (!row.tags.includes("workers_missing")) reportedWorkers = b.workers;
      if (extra.chance(rates.unidentifiedRow)) sinks["kemnaker-bu"].addUnidentified(kemnakerRow(world, b, 1), { businessId: b.id });
      // Rows naming their employer by NPWP or NIB alone do so only when its kemnaker-bu row has that key.
      const npwpKnown = b.npwp !== null && parseNpwp(row.cells[KEMNAKER_BU_KEYS.npwp]).kind === "ok";
      listing = workerListing(world, b, { cap: DEMO_WORKER_CAP, npwpKnown, nibKnown: row.cells[KEMNAKER_BU_KEYS.nib] !== "" });
      if (listing) workerCounts = writeWorkers(world, listing, sinks, truth, extra, rates, counts);
    }
    if (b.inAhu) {
      const row = ahuEntityRow(world, b);
      sinks["ahu-entitas"].add(row, { businessId: b.id });
      rowTags.push(...row.tags);
      sources.push("ahu-entitas");
      if (extra.chance(rates.unidentifiedRow)) sinks["ahu-entitas"].addUnidentified(row, { businessId: b.id });
      world.officers(index).forEach((slot, slotIndex) => {
        const officer = officerRow(world, b, slot, slotIndex);
        sinks["ahu-pengurus"].add(officer, { businessId: b.id, personId: slot.person.id });
        counts.officers++;
        if (extra.chance(rates.unidentifiedRow)) sinks["ahu-pengurus"].addUnidentified(officer, { businessId: b.id, personId: slot.person.id });
        if (!slot.fresh) return;
        const p = world.officerParticipation(slot.person);
        if (p) {
          const participation: Participation = { registered: true, active: p.active, segment: p.segment, year: p.year };
          const row = participantRow(world, slot.person, participation, b);
          sinks["bpjs-peserta"].add(row, { personId: slot.person.id, businessId: b.id });
          if (extra.chance(rates.unidentifiedRow * 3)) sinks["bpjs-peserta"].addUnidentified(row, { personId: slot.person.id });
        }
      });
      // A business whose workers Kemnaker lists has its foreign workers among them.
      if (!listing && b.bpjsRegistered && b.legalForm === "PT" && (b.scale === "MENENGAH" || b.scale === "BESAR") && extra.chance(FOREIGN_WORKER_SHARE)) {
        const { row, id } = foreignParticipantRow(world, b);
        sinks["bpjs-peserta"].add(row, { personId: id, businessId: b.id });
        counts.foreignParticipants++;
      }
    }
    if (b.inBpjs) {
      const row = bpjsRow(world, b);
      sinks["bpjs-bu"].add(row, { businessId: b.id });
      rowTags.push(...row.tags);
      sources.push("bpjs-bu");
      if (extra.chance(rates.unidentifiedRow)) sinks["bpjs-bu"].addUnidentified(bpjsRow(world, b, 1), { businessId: b.id });
    }

    const notary = world.notary(index);
    if (notary) writeNotary(world, notary, sinks, truth, extra, rates, counts);

    const kinds = noiseKinds(rowTags, { branch: b.parentIndex !== null, crowded: b.role === "crowded", sharedName: b.sharesNameWith !== null });
    tally(counts, b, sources, kinds);
    truth.write(businessTruth(world, b, sources, reportedWorkers, workerCounts, kinds));
    if ((index & 255) === 255) await Promise.all([truth.drain(), ...Object.values(sinks).map((s) => s.drain())]);
  }

  const files = {} as DemoManifest["files"];
  for (const id of SOURCE_IDS) {
    const stats = await sinks[id].close();
    const { delimiter, eol, encoding, bom, quoteAll, headerStyle, shuffleWindow } = DEMO_FILE_LAYOUTS[id];
    const layout = { delimiter, eol, encoding, bom, quoteAll, headerStyle, shuffleWindow };
    files[id] = { ...stats, layout, header: sinks[id].columns.map((c) => c.header) };
  }
  await truth.close();

  const manifest: DemoManifest = {
    generator: "jangkau demo-data",
    formatVersion: 1,
    seed,
    period,
    entities: options.entities,
    rates,
    files,
    groundTruth: { file: "ground-truth.csv", rows: truth.rows - 1, bytes: truth.bytes, columns: Object.fromEntries(GROUND_TRUTH_COLUMNS) },
    counts,
  };
  await writeFile(path.join(/*turbopackIgnore: true*/ options.outDir, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

function writeNotary(
  world: DemoWorld,
  notary: Notary,
  sinks: Record<SourceId, SourceSink>,
  truth: CsvWriter,
  extra: Rng,
  rates: DemoRates,
  counts: DemoManifest["counts"],
): void {
  const row = notaryRow(world, notary);
  sinks["ahu-notaris"].add(row, { personId: notary.id });
  if (extra.chance(rates.unidentifiedRow * 10)) sinks["ahu-notaris"].addUnidentified(row, { personId: notary.id });
  counts.notaries++;
  counts.notaryStatus[notary.status] = (counts.notaryStatus[notary.status] ?? 0) + 1;
  if (notary.status !== "TIDAK_TERDAFTAR" || notary.listedUnregistered) {
    const participation: Participation = {
      registered: notary.status !== "TIDAK_TERDAFTAR",
      active: notary.status === "AKTIF",
      segment: notary.segment ?? "",
      year: notary.participationYear,
    };
    const row = participantRow(world, notary, participation, null);
    sinks["bpjs-peserta"].add(row, { personId: notary.id });
    if (extra.chance(rates.unidentifiedRow * 10)) sinks["bpjs-peserta"].addUnidentified(row, { personId: notary.id });
  }
  truth.write(
    truthRow({
      kind: "notary",
      person_id: notary.id,
      status: notary.status,
      segment: notary.segment,
      province_code: notary.place.province.code,
      regency_code: notary.place.regency.code,
      district_code: notary.place.district.code,
      village_code: notary.place.village.code,
      name: notary.name,
      npwp: notary.npwp,
      npwp_is_nik: notary.npwpIsNik,
    }),
  );
}

function businessTruth(
  world: DemoWorld,
  b: Business,
  sources: SourceId[],
  reportedWorkers: number | null,
  workers: WorkerCounts | null,
  kinds: readonly string[],
): string[] {
  // Not registered: 0 registered workers. Registered without a reported count: the gap is unknown.
  const registered = b.bpjsRegistered ? b.registeredWorkers : 0;
  const gap = workers
    ? workers.TERDAFTAR_DI_LAIN + workers.SEGMEN_LAIN + workers.BELUM_TERDAFTAR
    : reportedWorkers === null || registered === null
      ? null
      : Math.max(0, reportedWorkers - registered);
  return truthRow({
    kind: "business",
    business_id: b.id,
    status: b.status,
    true_workers: b.workers,
    reported_workers: reportedWorkers,
    registered_workers: b.registeredWorkers,
    worker_gap: gap,
    workers_listed: workers?.listed,
    workers_here: workers?.TERDAFTAR_DI_SINI,
    workers_elsewhere: workers?.TERDAFTAR_DI_LAIN,
    workers_other_segment: workers?.SEGMEN_LAIN,
    workers_unregistered: workers?.BELUM_TERDAFTAR,
    province_code: b.place.province.code,
    regency_code: b.place.regency.code,
    district_code: b.place.district.code,
    village_code: b.place.village.code,
    legal_form: b.legalForm,
    name: canonicalName(b),
    npwp: b.npwp,
    npwp_is_nik: b.npwpIsNik,
    nib: b.nib,
    parent_business_id: b.parentIndex === null ? null : world.businessId(b.parentIndex),
    shares_name_with: b.sharesNameWith === null ? null : world.businessId(b.sharesNameWith),
    sources: sources.join("|"),
    noise_kinds: kinds.join("|"),
  });
}

type WorkerCounts = Record<WorkerJknStatus, number> & { listed: number };

/**
 * A business's listed workers: a kemnaker-tk row each, a bpjs-peserta row for those JKN knows
 * (and the few it lists as unregistered), a `worker` truth row each; then the PPU BU participants
 * under the business that the list leaves out.
 */
function writeWorkers(
  world: DemoWorld,
  listing: WorkerListing,
  sinks: Record<SourceId, SourceSink>,
  truth: CsvWriter,
  extra: Rng,
  rates: DemoRates,
  counts: DemoManifest["counts"],
): WorkerCounts {
  const b = listing.business;
  const tally: WorkerCounts = { listed: listing.listed, TERDAFTAR_DI_SINI: 0, TERDAFTAR_DI_LAIN: 0, SEGMEN_LAIN: 0, BELUM_TERDAFTAR: 0 };
  counts.workers.businesses++;
  for (let serial = 0; serial < listing.listed; serial++) {
    const worker = listedWorker(world, listing, serial);
    const context = { businessId: b.id, personId: worker.id };
    const row = kemnakerWorkerRow(world, listing, worker);
    sinks["kemnaker-tk"].add(row, context);
    if (extra.chance(rates.unidentifiedRow)) sinks["kemnaker-tk"].addUnidentified(row, context);
    if (worker.participation || worker.listedUnregistered) {
      sinks["bpjs-peserta"].add(workerParticipantRow(world, worker, worker.participation, [b.index, serial, 2]), context);
    }
    tally[worker.status]++;
    counts.workers.listed++;
    counts.workers.byStatus[worker.status]++;
    if (worker.foreign) counts.workers.foreign++;
    const p = worker.participation;
    truth.write(
      truthRow({
        kind: "worker",
        person_id: worker.id,
        business_id: b.id,
        status: worker.status,
        segment: p?.segment,
        active: p?.active,
        employer_business_id: p?.employer?.id,
        citizenship: worker.foreign ? "WNA" : "WNI",
      }),
    );
  }
  for (let k = 0; k < listing.unlisted; k++) {
    const person = unlistedParticipant(world, listing, k);
    const row = workerParticipantRow(world, { ...person, foreign: null }, person.participation, [b.index, 1_000_000 + k, 2]);
    sinks["bpjs-peserta"].add(row, { businessId: b.id, personId: person.id });
    counts.workers.unlistedParticipants++;
  }
  return tally;
}

function tally(counts: DemoManifest["counts"], b: Business, sources: SourceId[], kinds: readonly string[]): void {
  for (const kind of kinds) counts.byNoiseKind[kind] = (counts.byNoiseKind[kind] ?? 0) + 1;
  counts.byStatus[b.status]++;
  counts.byLegalForm[b.legalForm] = (counts.byLegalForm[b.legalForm] ?? 0) + 1;
  counts.byScale[b.scale] = (counts.byScale[b.scale] ?? 0) + 1;
  if (b.inKemnaker) counts.inKemnaker++;
  if (b.inAhu) counts.inAhu++;
  if (b.inBpjs) counts.inBpjs++;
  if (sources.length === 0) counts.inNoSource++;
  if (b.parentIndex !== null) counts.branches++;
  if (b.sharesNameWith !== null) counts.sharedNames++;
  if (b.place.province.code === "32") counts.inFocusRegions["32"]++;
  if (b.place.regency.code === "32.73") counts.inFocusRegions["32.73"]++;
  if (b.place.regency.code === "35.78") counts.inFocusRegions["35.78"]++;
}

// ---------------------------------------------------------------- the import benchmark file

export interface KemnakerBenchmarkOptions {
  /** Data rows to write (header excluded). */
  rows: number;
  path: string;
  seed?: number;
  period?: string;
}

/**
 * A `kemnaker-bu` file of exactly `rows` data rows, for the import benchmark: one business per
 * row with the usual Kemnaker noise (duplicates and nameless rows included), streamed with
 * constant memory. No ground truth.
 */
export async function writeKemnakerBenchmarkFile(options: KemnakerBenchmarkOptions): Promise<{ path: string; rows: number; bytes: number; seconds: number }> {
  const started = performance.now();
  const seed = options.seed ?? DEFAULT_SEED;
  const period = options.period ?? DEFAULT_PERIOD;
  const year = checkOptions(Math.max(1, options.rows), seed, period);
  if (!Number.isSafeInteger(options.rows) || options.rows < 0) throw new RangeError("Jumlah baris harus bilangan bulat tidak negatif");
  await mkdir(path.dirname(/*turbopackIgnore: true*/ options.path), { recursive: true });
  const world = new DemoWorld(seed, { ...DEFAULT_RATES }, year, loadRegionTree(), Math.max(1, options.rows));
  const layout = DEMO_FILE_LAYOUTS["kemnaker-bu"];
  const columns = demoFileColumns("kemnaker-bu");
  const writer = new CsvWriter(options.path, layout);
  writer.write(columns.map((c) => c.header));
  const rng = new Rng(seed, STREAM.benchmark);
  const toCells = (row: SourceRow) => columns.map((c) => row.cells[c.key] ?? "");
  let written = 0;
  for (let index = 0; written < options.rows; index++) {
    const cells = toCells(kemnakerRow(world, world.business(index)));
    writer.write(cells);
    written++;
    if (written < options.rows && rng.chance(DEFAULT_RATES.duplicateRow)) {
      writer.write(cells);
      written++;
    }
    if (written < options.rows && rng.chance(DEFAULT_RATES.unidentifiedRow)) {
      cells[columns.findIndex((c) => c.key === KEMNAKER_BU_KEYS.name)] = "";
      writer.write(cells);
      written++;
    }
    if ((index & 1023) === 1023) await writer.drain();
  }
  await writer.close();
  return { path: options.path, rows: written, bytes: writer.bytes, seconds: (performance.now() - started) / 1000 };
}
