import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseNib } from "@/lib/identifiers/nib.ts";
import { parseNik } from "@/lib/identifiers/nik.ts";
import { isValidNpwpCheckDigit, npwpHeadOffice } from "@/lib/identifiers/npwp.ts";
import type { RegionDto } from "@/lib/region-code.ts";
import { SOURCE_IDS, type SourceId } from "@/lib/sources.ts";
import {
  DEMO_FILE_LAYOUTS,
  generateDemoData,
  writeKemnakerBenchmarkFile,
  writeWorkerBenchmarkFiles,
  type DemoManifest,
} from "@/server/demo/demo-data/index.ts";
import { loadRegionTree } from "@/server/demo/demo-data/regions.ts";
import { matchHeaders } from "@/server/ingest/header-matching.ts";
import { openPartnerFile } from "@/server/ingest/read/open-partner-file.ts";
import { createRegionResolver } from "@/server/ingest/region-resolver.ts";
import { SOURCES } from "@/server/ingest/sources/index.ts";
import type { NormalizedRecord, RegionResolver } from "@/server/ingest/types.ts";

type TruthRow = Record<string, string>;

const ENTITIES = 4000;
const SEED = 7;
const FILES = [...SOURCE_IDS.map((id) => `${id}.csv`), "ground-truth.csv", "manifest.json"];

let dir: string;
let manifest: DemoManifest;
let truth: TruthRow[];
let businesses: Map<string, TruthRow>;
let records: Map<string, TruthRow>;

function sha256(file: string): string {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

function readTruth(folder: string): TruthRow[] {
  return parse(readFileSync(path.join(folder, "ground-truth.csv")), { columns: true }) as TruthRow[];
}

let resolver: RegionResolver | null = null;
/** The pipeline's resolver over the same idn-area-data regions the generator draws from. */
function regionResolver(): RegionResolver {
  if (resolver) return resolver;
  const regions: RegionDto[] = [];
  for (const p of loadRegionTree().provinces) {
    regions.push({ code: p.code, name: p.name, level: "PROVINCE", parentCode: null });
    for (const r of p.regencies) {
      regions.push({ code: r.code, name: r.name, level: "REGENCY", parentCode: p.code });
      for (const d of r.districts) {
        regions.push({ code: d.code, name: d.name, level: "DISTRICT", parentCode: r.code });
        for (const v of d.villages) regions.push({ code: v.code, name: v.name, level: "VILLAGE", parentCode: d.code });
      }
    }
  }
  resolver = createRegionResolver(regions);
  return resolver;
}

interface ImportedRow {
  line: number;
  outcome: "accept" | "reject" | "duplicate";
  record: NormalizedRecord | null;
  cells: Record<string, string>;
}

/** Reads a demo file the way the import does: reader, header matching, exact-duplicate collapse, normalizer. */
async function importRows(folder: string, source: SourceId): Promise<ImportedRow[]> {
  const definition = SOURCES[source];
  const file = await openPartnerFile({ path: path.join(folder, DEMO_FILE_LAYOUTS[source].file) });
  const match = matchHeaders(file.header, definition);
  expect(match.missingRequired, `${source}: required columns`).toEqual([]);
  expect(match.duplicates, `${source}: duplicate columns`).toEqual([]);
  expect(match.unknownColumns, `${source}: unknown columns`).toEqual([]);
  const seen = new Set<string>();
  const out: ImportedRow[] = [];
  for await (const row of file.rows) {
    const values: Record<string, string> = {};
    match.keyByIndex.forEach((key, i) => {
      if (key) values[key] = row.cells[i] ?? "";
    });
    const identity = row.cells.join("\u0000");
    if (seen.has(identity)) {
      out.push({ line: row.line, outcome: "duplicate", record: null, cells: values });
      continue;
    }
    seen.add(identity);
    const result = definition.normalize(values, { regions: regionResolver(), headers: match.headers });
    out.push({ line: row.line, outcome: result.ok ? "accept" : "reject", record: result.ok ? result.record : null, cells: values });
  }
  return out;
}

function share(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "jangkau-demo-"));
  manifest = await generateDemoData({ entities: ENTITIES, outDir: dir, seed: SEED });
  truth = readTruth(dir);
  businesses = new Map(truth.filter((r) => r.kind === "business").map((r) => [r.business_id!, r]));
  records = new Map(truth.filter((r) => r.kind === "record").map((r) => [`${r.source}:${r.line}`, r]));
}, 120_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("generateDemoData", () => {
  it("is deterministic: the same seed gives byte-identical files, another seed other files", async () => {
    const again = await mkdtemp(path.join(tmpdir(), "jangkau-demo-"));
    const other = await mkdtemp(path.join(tmpdir(), "jangkau-demo-"));
    try {
      await generateDemoData({ entities: ENTITIES, outDir: again, seed: SEED });
      await generateDemoData({ entities: 300, outDir: other, seed: SEED + 1 });
      for (const file of FILES) expect(sha256(path.join(again, file)), file).toBe(sha256(path.join(dir, file)));
      const first = (await readFile(path.join(dir, "kemnaker-bu.csv"), "utf8")).split("\r\n").slice(1, 50);
      const otherSeed = (await readFile(path.join(other, "kemnaker-bu.csv"), "utf8")).split("\r\n").slice(1, 50);
      expect(otherSeed).not.toEqual(first);
    } finally {
      await rm(again, { recursive: true, force: true });
      await rm(other, { recursive: true, force: true });
    }
  }, 120_000);

  it("writes the six files, the ground truth and a manifest whose counts match them", () => {
    expect(manifest.entities).toBe(ENTITIES);
    expect(manifest.seed).toBe(SEED);
    expect(manifest.period).toBe("2025-S2");
    expect(businesses.size).toBe(ENTITIES);
    expect(manifest.groundTruth.rows).toBe(truth.length);
    for (const source of SOURCE_IDS) {
      const rows = truth.filter((r) => r.kind === "record" && r.source === source);
      const stats = manifest.files[source];
      expect(rows.length, source).toBe(stats.rows);
      expect(rows.filter((r) => r.expect === "duplicate").length, source).toBe(stats.expected.duplicate);
      expect(rows.filter((r) => r.expect === "reject").length, source).toBe(stats.expected.reject);
      // A few exact duplicates and unidentified rows in every file.
      expect(stats.expected.duplicate, source).toBeGreaterThanOrEqual(2);
      expect(stats.expected.reject, source).toBeGreaterThanOrEqual(1);
      // Lines are physical lines, increasing, after the header.
      const lines = rows.map((r) => Number(r.line));
      expect(lines[0], source).toBe(2);
      expect(lines.every((line, i) => i === 0 || line > lines[i - 1]!), source).toBe(true);
    }
    const byStatus = { TERDAFTAR_AKTIF: 0, TERDAFTAR_NONAKTIF: 0, BELUM_TERDAFTAR: 0, DAFTAR_SEBAGIAN: 0 };
    for (const b of businesses.values()) byStatus[b.status as keyof typeof byStatus]++;
    expect(manifest.counts.byStatus).toEqual(byStatus);
    expect(truth.filter((r) => r.kind === "notary").length).toBe(manifest.counts.notaries);
  });

  it("shows each business to the sources at the configured rates", () => {
    const all = [...businesses.values()];
    const inSource = (b: TruthRow, source: SourceId) => b.sources!.split("|").includes(source);
    const ahuForms = new Set(["PT", "CV", "FIRMA", "PERSEKUTUAN_PERDATA"]);
    const registered = all.filter((b) => b.status !== "BELUM_TERDAFTAR");
    expect(all.every((b) => b.sources !== "")).toBe(true);
    expect(share(all.filter((b) => inSource(b, "kemnaker-bu")).length, all.length)).toBeCloseTo(0.7, 1);
    expect(share(registered.length, all.length)).toBeCloseTo(0.55, 1);
    expect(share(registered.filter((b) => b.status === "TERDAFTAR_NONAKTIF").length, registered.length)).toBeCloseTo(0.1, 1);
    const headOffices = all.filter((b) => ahuForms.has(b.legal_form!) && b.parent_business_id === "");
    expect(share(headOffices.filter((b) => inSource(b, "ahu-entitas")).length, headOffices.length)).toBeCloseTo(0.95, 1);
    expect(all.filter((b) => !ahuForms.has(b.legal_form!) || b.parent_business_id !== "").some((b) => inSource(b, "ahu-entitas"))).toBe(false);
    // Partial registration among the active registered businesses Kemnaker reports with 2+ workers.
    const partialCandidates = all.filter(
      (b) => (b.status === "DAFTAR_SEBAGIAN" || b.status === "TERDAFTAR_AKTIF") && inSource(b, "kemnaker-bu") && Number(b.true_workers) >= 2,
    );
    expect(share(all.filter((b) => b.status === "DAFTAR_SEBAGIAN").length, partialCandidates.length)).toBeCloseTo(0.25, 1);
    // Registered ones are in the BPJS registry; unregistered ones only as a few listed prospects.
    expect(registered.every((b) => inSource(b, "bpjs-bu"))).toBe(true);
    const prospects = all.filter((b) => b.status === "BELUM_TERDAFTAR" && inSource(b, "bpjs-bu")).length;
    expect(prospects).toBeGreaterThan(0);
    expect(prospects).toBeLessThan(0.01 * all.length * 3);
    // Notaries: a few hundred per 10,000 businesses, mostly found in bpjs-peserta.
    expect(share(manifest.counts.notaries, ENTITIES)).toBeGreaterThan(0.015);
    expect(share(manifest.counts.notaries, ENTITIES)).toBeLessThan(0.05);
    expect(share(manifest.counts.notaryStatus.TIDAK_TERDAFTAR ?? 0, manifest.counts.notaries)).toBeCloseTo(0.25, 1);
    // The demo officers' regions are well populated.
    expect(share(all.filter((b) => b.province_code === "32").length, all.length)).toBeGreaterThan(0.2);
    expect(share(all.filter((b) => b.regency_code === "32.73").length, all.length)).toBeGreaterThan(0.05);
    expect(share(all.filter((b) => b.regency_code === "35.78").length, all.length)).toBeGreaterThan(0.04);
    // Branches, and names shared by unrelated businesses (some in the same regency).
    expect(manifest.counts.branches).toBeGreaterThan(0);
    const shared = all.filter((b) => b.shares_name_with !== "");
    expect(share(shared.length, all.length)).toBeCloseTo(0.023, 1);
    expect(shared.some((b) => businesses.get(b.shares_name_with!)!.regency_code === b.regency_code)).toBe(true);
    // Mostly micro and small businesses, a few large ones.
    const scale = manifest.counts.byScale;
    expect((scale.MIKRO ?? 0) + (scale.KECIL ?? 0)).toBeGreaterThan(0.75 * ENTITIES);
    expect(scale.BESAR ?? 0).toBeGreaterThan(0);
    expect(scale.BESAR ?? 0).toBeLessThan(0.08 * ENTITIES);
  });

  it("gives valid identifiers where they are meant to be valid", () => {
    const tree = loadRegionTree();
    const all = [...businesses.values()];
    const npwps = new Set<string>();
    for (const b of all) {
      const regency = tree.regencyByCode.get(b.regency_code!);
      expect(regency, b.business_id).toBeDefined();
      const district = regency!.districts.find((d) => d.code === b.district_code);
      expect(district?.villages.some((v) => v.code === b.village_code), b.business_id).toBe(true);
      if (b.nib) expect(parseNib(b.nib).kind, b.business_id).toBe("ok");
      if (!b.npwp) continue;
      expect(npwps.has(b.npwp), `NPWP of ${b.business_id} is unique`).toBe(false);
      npwps.add(b.npwp);
      if (b.npwp_is_nik === "true") {
        expect(parseNik(b.npwp).kind, b.business_id).toBe("ok");
      } else {
        expect(b.npwp).toMatch(/^0\d{15}$/);
        expect(isValidNpwpCheckDigit(b.npwp), b.business_id).toBe(true);
      }
    }
    // A branch shares its head office's first nine NPWP digits, not the whole NPWP.
    const branches = all.filter((b) => b.parent_business_id !== "");
    expect(branches.length).toBeGreaterThan(0);
    for (const b of branches) {
      const head = businesses.get(b.parent_business_id!)!;
      expect(npwpHeadOffice(b.npwp!)).toBe(npwpHeadOffice(head.npwp!));
      expect(b.npwp).not.toBe(head.npwp);
    }
    // AHU entities always have an entity NPWP; sole proprietors often use the owner's NIK.
    expect(all.filter((b) => b.sources!.includes("ahu-entitas")).every((b) => b.npwp !== "" && b.npwp_is_nik === "false")).toBe(true);
    expect(all.some((b) => b.npwp_is_nik === "true")).toBe(true);
    for (const n of truth.filter((r) => r.kind === "notary")) {
      if (n.npwp_is_nik === "true") expect(parseNik(n.npwp).kind).toBe("ok");
      else expect(isValidNpwpCheckDigit(n.npwp!)).toBe(true);
    }
  });

  it("applies noise at about the configured rates", () => {
    const noise = (source: SourceId) => manifest.files[source].noise;
    const rows = (source: SourceId) => manifest.files[source].rows;
    expect(share(noise("kemnaker-bu").name_typo ?? 0, rows("kemnaker-bu"))).toBeCloseTo(0.04, 1);
    expect(share(noise("bpjs-bu").name_typo ?? 0, rows("bpjs-bu"))).toBeCloseTo(0.04, 1);
    expect(share(noise("kemnaker-bu").legal_form_missing ?? 0, rows("kemnaker-bu"))).toBeGreaterThan(0.05);
    expect(share(noise("kemnaker-bu").npwp_missing ?? 0, rows("kemnaker-bu"))).toBeCloseTo(0.08, 1);
    for (const source of ["kemnaker-bu", "ahu-entitas", "bpjs-bu"] as const) {
      const mangled = (noise(source).npwp_excel ?? 0) + (noise(source).npwp_leading_zero_lost ?? 0) + (noise(source).npwp_decimal ?? 0);
      expect(mangled, source).toBeGreaterThan(0);
      expect(share(mangled, rows(source)), source).toBeLessThan(0.02);
    }
    expect(share(noise("kemnaker-bu").phone_invalid ?? 0, rows("kemnaker-bu"))).toBeGreaterThan(0.003);
    expect(share(noise("ahu-pengurus").email_invalid ?? 0, rows("ahu-pengurus"))).toBeCloseTo(0.02, 1);
    expect(share(noise("kemnaker-bu").workers_missing ?? 0, rows("kemnaker-bu"))).toBeCloseTo(0.03, 1);
    const regionTypos = Object.entries(noise("ahu-entitas")).filter(([tag]) => tag.startsWith("region_typo")).reduce((a, [, n]) => a + n, 0);
    expect(share(regionTypos, rows("ahu-entitas"))).toBeCloseTo(0.02, 1);

    // NPWP in its 15-digit dotted, 15-digit plain and 16-digit forms, and mangled by Excel.
    const kemnaker = readFileSync(path.join(dir, "kemnaker-bu.csv"), "utf8");
    const npwpCells = kemnaker.split("\r\n").slice(1).map((line) => line.split(",")[1] ?? "");
    expect(npwpCells.some((c) => /^\d{2}\.\d{3}\.\d{3}\.\d-\d{3}\.\d{3}$/.test(c))).toBe(true);
    expect(npwpCells.some((c) => /^\d{15}$/.test(c))).toBe(true);
    expect(npwpCells.some((c) => /^0\d{15}$/.test(c))).toBe(true);
    expect(npwpCells.some((c) => /^[1-9]\d{15}$/.test(c))).toBe(true); // a NIK used as NPWP
    const allNpwp = ["kemnaker-bu", "ahu-entitas", "bpjs-bu"].flatMap((s) => readFileSync(path.join(dir, `${s}.csv`), "latin1").match(/\d[.,]\d+E\+1[45]/g) ?? []);
    expect(allNpwp.length).toBeGreaterThan(0);
  });

  it("writes the files the way partners send them", () => {
    const bytes = (source: SourceId) => readFileSync(path.join(dir, DEMO_FILE_LAYOUTS[source].file));
    const kemnaker = bytes("kemnaker-bu");
    expect([...kemnaker.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(kemnaker.toString("utf8")).toContain("\r\n");
    expect(bytes("ahu-entitas").toString("utf8").split("\n")[0]).toContain(";");
    expect(bytes("bpjs-peserta").toString("utf8").split("\n")[0]).toContain("|");
    // BPJS's registry comes in Windows-1252: en dashes (0x96) and apostrophes (0x92), not UTF-8.
    const bpjs = bytes("bpjs-bu");
    expect(bpjs.includes(0x96)).toBe(true);
    expect(Buffer.from(bpjs.toString("utf8"), "utf8").equals(bpjs)).toBe(false);
    // Labels in most files, aliases and keys in others.
    expect(manifest.files["kemnaker-bu"].header).toContain("Nomor Pokok Wajib Pajak (NPWP)");
    expect(manifest.files["ahu-pengurus"].header).toContain("no_hp");
    expect(manifest.files["bpjs-peserta"].header).toContain("nik");
    const notaris = manifest.files["ahu-notaris"].header;
    expect(notaris.some((h) => SOURCES["ahu-notaris"].columns.some((c) => c.label === h))).toBe(true);
    expect(notaris.some((h) => SOURCES["ahu-notaris"].columns.some((c) => c.aliases.includes(h)))).toBe(true);
    // Legal forms in many spellings, before and after the name.
    const names = kemnaker.toString("utf8");
    for (const spelling of ["PT. ", "PT ", "CV. ", ", PT", "UD. ", "KOPERASI "]) expect(names, spelling).toContain(spelling);
  });

  it("agrees with the import pipeline on every row, and its NPWPs and regions with the ground truth", async () => {
    for (const source of SOURCE_IDS) {
      const rows = await importRows(dir, source);
      expect(rows.length, source).toBe(manifest.files[source].rows);
      let ahuRegions = 0;
      let ahuRegionsRight = 0;
      for (const row of rows) {
        const t = records.get(`${source}:${row.line}`);
        expect(t, `${source} line ${row.line} is in the ground truth`).toBeDefined();
        expect(row.outcome, `${source} line ${row.line} (${t!.noise})`).toBe(t!.expect);
        if (!row.record || !t!.business_id) continue;
        const b = businesses.get(t!.business_id)!;
        // Any NPWP the pipeline reads is the business's (for officers: their entity's).
        if (row.record.npwp !== null && source !== "bpjs-peserta") expect(row.record.npwp, `${source} line ${row.line}`).toBe(b.npwp);
        if (source === "kemnaker-bu" || source === "bpjs-bu") {
          expect(row.record.villageCode, `${source} line ${row.line}`).toBe(b.village_code);
        }
        if (source === "ahu-entitas") {
          ahuRegions++;
          if (row.record.villageCode === b.village_code) ahuRegionsRight++;
        }
      }
      if (source === "ahu-entitas") expect(share(ahuRegionsRight, ahuRegions)).toBeGreaterThan(0.98);
    }
  }, 120_000);

  it("keeps the worker gap of partly registered businesses visible in the files", async () => {
    const kemnaker = await importRows(dir, "kemnaker-bu");
    const bpjs = await importRows(dir, "bpjs-bu");
    const reported = new Map<string, number>();
    const registered = new Map<string, number>();
    for (const row of kemnaker) {
      const t = records.get(`kemnaker-bu:${row.line}`)!;
      if (row.record?.workerCount != null) reported.set(t.business_id!, row.record.workerCount);
    }
    for (const row of bpjs) {
      const t = records.get(`bpjs-bu:${row.line}`)!;
      const value = row.record?.extra.registeredWorkers;
      if (typeof value === "number") registered.set(t.business_id!, value);
    }
    const partial = [...businesses.values()].filter((b) => b.status === "DAFTAR_SEBAGIAN");
    expect(partial.length).toBeGreaterThan(0);
    for (const b of partial) {
      expect(reported.get(b.business_id!), b.business_id).toBe(Number(b.reported_workers));
      expect(registered.get(b.business_id!), b.business_id).toBe(Number(b.registered_workers));
      expect(Number(b.worker_gap)).toBe(Number(b.reported_workers) - Number(b.registered_workers));
      expect(Number(b.worker_gap)).toBeGreaterThan(0);
    }
    for (const b of businesses.values()) {
      if (b.status === "TERDAFTAR_AKTIF" && reported.has(b.business_id!) && registered.has(b.business_id!)) {
        expect(registered.get(b.business_id!)!, b.business_id).toBeGreaterThanOrEqual(reported.get(b.business_id!)!);
      }
    }
  }, 60_000);

  it("follows rate overrides", async () => {
    const folder = await mkdtemp(path.join(tmpdir(), "jangkau-demo-"));
    try {
      const quiet = await generateDemoData({ entities: 500, outDir: folder, seed: 3, rates: { nameTypo: 0, npwpMissing: 0, kemnaker: 1 } });
      expect(quiet.files["kemnaker-bu"].noise.name_typo ?? 0).toBe(0);
      expect(quiet.files["kemnaker-bu"].noise.npwp_missing ?? 0).toBe(0);
      expect(quiet.counts.inKemnaker).toBe(500);
      const noisy = await generateDemoData({ entities: 500, outDir: folder, seed: 3, rates: { nameTypo: 0.5 } });
      const typoShare = share(noisy.files["kemnaker-bu"].noise.name_typo ?? 0, noisy.files["kemnaker-bu"].rows);
      expect(typoShare).toBeGreaterThan(0.4);
      expect(typoShare).toBeLessThan(0.6);
      await expect(generateDemoData({ entities: 10, outDir: folder, rates: { kemnaker: 1.5 } })).rejects.toThrow(/antara 0 dan 1/);
      await expect(generateDemoData({ entities: 10, outDir: folder, period: "2025-S3" })).rejects.toThrow(/Periode tidak sah/);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("generateDemoData: workers (kemnaker-tk) and participants (bpjs-peserta)", () => {
  const accepted = async (source: SourceId) => {
    const rows = await importRows(dir, source);
    return rows.filter((r) => r.outcome === "accept").map((r) => ({ ...r, truth: records.get(`${source}:${r.line}`)! }));
  };
  const workerTruth = () => new Map(truth.filter((r) => r.kind === "worker").map((r) => [r.person_id!, r]));

  it("lists workers of Kemnaker businesses, with valid NIKs whose birth date and sex the row repeats", async () => {
    const workers = workerTruth();
    expect(workers.size).toBe(manifest.counts.workers.listed);
    expect(workers.size).toBeGreaterThan(1000);
    const rows = await accepted("kemnaker-tk");
    expect(rows.length).toBe(workers.size);
    let foreign = 0;
    for (const row of rows) {
      const w = workers.get(row.truth.person_id!);
      expect(w, `kemnaker-tk line ${row.line}`).toBeDefined();
      expect(row.truth.business_id).toBe(w!.business_id);
      expect(businesses.get(w!.business_id!)!.sources).toContain("kemnaker-bu");
      const extra = row.record!.extra;
      if (w!.citizenship === "WNA") {
        foreign++;
        expect(row.record!.nik).toBeNull();
        expect(extra.citizenship).toBe("WNA");
        expect(extra.passportNumber ?? extra.kitas, `line ${row.line}`).not.toBeNull();
        continue;
      }
      const nik = parseNik(row.record!.nik);
      expect(nik.kind, `line ${row.line}`).toBe("ok");
      if (nik.kind !== "ok") continue;
      expect(extra.citizenship).toBe("WNI");
      expect(extra.gender).toBe(nik.female ? "P" : "L");
      if (extra.birthDate !== null) expect(String(extra.birthDate).replaceAll("-", "").slice(2)).toBe(nik.birthDate);
    }
    expect(foreign).toBe(manifest.counts.workers.foreign);
    expect(foreign).toBeGreaterThan(0);
    expect(foreign).toBeLessThan(0.02 * rows.length);
    // Dates day first and ISO; headers in every case.
    const text = readFileSync(path.join(dir, "kemnaker-tk.csv"), "utf8");
    expect(text).toMatch(/;\d{2}\/\d{2}\/\d{4};/);
    expect(text).toMatch(/;\d{4}-\d{2}-\d{2};/);
    const header = manifest.files["kemnaker-tk"].header;
    expect(header.some((h) => h === h.toUpperCase() && /[A-Z]/.test(h))).toBe(true);
    expect(header.some((h) => h === h.toLowerCase())).toBe(true);
  }, 60_000);

  it("names the employer by Kode WLKP mostly, by NPWP or NIB alone for some, always a key of its kemnaker-bu row", async () => {
    const kemnaker = new Map((await accepted("kemnaker-bu")).map((r) => [r.truth.business_id!, r.record!]));
    const keys = { wlkp: 0, npwp: 0, nib: 0 };
    for (const row of await accepted("kemnaker-tk")) {
      const employer = kemnaker.get(row.truth.business_id!)!;
      const r = row.record!;
      if (r.kodeWlkp !== null) {
        keys.wlkp++;
        expect(r.kodeWlkp).toBe(employer.kodeWlkp);
      } else if (r.npwp !== null) {
        keys.npwp++;
        expect(r.npwp, `line ${row.line}`).toBe(employer.npwp);
      } else {
        keys.nib++;
        expect(r.nib, `line ${row.line}`).toBe(employer.nib);
      }
    }
    const total = keys.wlkp + keys.npwp + keys.nib;
    expect(keys.wlkp / total).toBeGreaterThan(0.7);
    expect(keys.npwp).toBeGreaterThan(0);
    expect(keys.nib).toBeGreaterThan(0);
  }, 60_000);

  it("keeps each business's worker counts coherent with its registration and BPJS's registry", async () => {
    const listed = [...businesses.values()].filter((b) => b.workers_listed !== "");
    expect(listed.length).toBe(manifest.counts.workers.businesses);
    const registry = new Map((await accepted("bpjs-bu")).map((r) => [r.truth.business_id!, r.record!]));
    const statuses = new Set<string>();
    for (const b of listed) {
      const n = (k: string) => Number(b[k]);
      const [count, here] = [n("workers_listed"), n("workers_here")];
      statuses.add(b.status!);
      expect(count, b.business_id).toBe(Math.min(n("true_workers"), 200));
      expect(here + n("workers_elsewhere") + n("workers_other_segment") + n("workers_unregistered"), b.business_id).toBe(count);
      expect(n("worker_gap"), b.business_id).toBe(count - here);
      if (b.status === "BELUM_TERDAFTAR") expect(here, b.business_id).toBe(0);
      if (b.status === "TERDAFTAR_AKTIF") expect(here, b.business_id).toBe(count);
      if (b.status === "DAFTAR_SEBAGIAN") {
        expect(here, b.business_id).toBeGreaterThan(0);
        expect(here, b.business_id).toBeLessThan(count);
      }
      // A full list: BPJS's Jumlah Pekerja (the registered count) is the workers registered here,
      // plus, for a fully registered business, the few participants the list leaves out.
      const registered = registry.get(b.business_id!)?.extra.registeredWorkers;
      if (count === n("true_workers") && (b.status === "DAFTAR_SEBAGIAN" || b.status === "TERDAFTAR_NONAKTIF")) expect(registered, b.business_id).toBe(here);
      if (count === n("true_workers") && b.status === "TERDAFTAR_AKTIF" && typeof registered === "number") expect(registered).toBeGreaterThanOrEqual(here);
    }
    expect([...statuses].sort()).toEqual(["BELUM_TERDAFTAR", "DAFTAR_SEBAGIAN", "TERDAFTAR_AKTIF", "TERDAFTAR_NONAKTIF"]);
    const workers = [...workerTruth().values()];
    for (const status of ["TERDAFTAR_DI_SINI", "TERDAFTAR_DI_LAIN", "SEGMEN_LAIN", "BELUM_TERDAFTAR"] as const) {
      expect(workers.filter((w) => w.status === status).length, status).toBe(manifest.counts.workers.byStatus[status]);
      expect(manifest.counts.workers.byStatus[status], status).toBeGreaterThan(0);
    }
    // The bpjs-bu file is Lampiran II.1's: Jumlah Pekerja, no separate registered-worker column.
    expect(manifest.files["bpjs-bu"].header).toContain("Jumlah Pekerja");
    expect(manifest.files["bpjs-bu"].header).not.toContain("Jumlah Pekerja Terdaftar");
  }, 60_000);

  it("gives each worker the status its participant rows imply, by NIK or by passport and KITAS", async () => {
    const workers = workerTruth();
    const registry = new Map((await accepted("bpjs-bu")).map((r) => [r.truth.business_id!, r.record!]));
    const byIdentity = new Map<string, NormalizedRecord[]>();
    const add = (key: string | null | undefined, record: NormalizedRecord) => {
      if (!key) return;
      byIdentity.set(key, [...(byIdentity.get(key) ?? []), record]);
    };
    const participants = await accepted("bpjs-peserta");
    for (const { record } of participants) {
      add(record!.nik, record!);
      add(record!.extra.passportNumber as string | null, record!);
      add(record!.extra.kitas as string | null, record!);
    }
    // Notaries, officers and the participants a list leaves out stay; every participant row of a worker is accepted.
    expect(participants.some((p) => p.truth.person_id!.startsWith("NT"))).toBe(true);
    expect(participants.some((p) => p.truth.person_id!.startsWith("PX"))).toBe(true);
    let linkedByNpwpOnly = 0;
    for (const row of await accepted("kemnaker-tk")) {
      const w = workers.get(row.truth.person_id!)!;
      const r = row.record!;
      const found = [r.nik, r.extra.passportNumber as string | null, r.extra.kitas as string | null].flatMap((k) => (k ? (byIdentity.get(k) ?? []) : []));
      const registered = found.filter((p) => p.extra.registered === true && p.extra.segment !== null);
      const employer = businesses.get(w.business_id!)!;
      const code = registry.get(w.business_id!)?.kodeBadanUsaha ?? null;
      const here = registered.filter((p) => p.extra.segment === "PPU_BU" && ((code !== null && p.kodeBadanUsaha === code) || (p.kodeBadanUsaha === null && p.npwp === employer.npwp)));
      const implied = here.length > 0 ? "TERDAFTAR_DI_SINI" : registered.some((p) => p.extra.segment === "PPU_BU") ? "TERDAFTAR_DI_LAIN" : registered.length > 0 ? "SEGMEN_LAIN" : "BELUM_TERDAFTAR";
      expect(implied, `${w.person_id} (kemnaker-tk line ${row.line})`).toBe(w.status);
      if (here.some((p) => p.kodeBadanUsaha === null)) linkedByNpwpOnly++;
      if (w.status === "TERDAFTAR_DI_LAIN" && w.employer_business_id) expect(w.employer_business_id).not.toBe(w.business_id);
      if (w.status === "SEGMEN_LAIN") expect(w.segment).not.toBe("PPU BU");
    }
    expect(linkedByNpwpOnly).toBeGreaterThan(0);
  }, 60_000);
});

describe("writeWorkerBenchmarkFiles", () => {
  it("writes exactly the rows asked for in both worker files, over employers its business files hold, the same for the same seed", async () => {
    const folder = await mkdtemp(path.join(tmpdir(), "jangkau-bench-"));
    try {
      const a = await writeWorkerBenchmarkFiles({ rows: 3000, outDir: path.join(folder, "a"), seed: 5 });
      const b = await writeWorkerBenchmarkFiles({ rows: 3000, outDir: path.join(folder, "b"), seed: 5 });
      expect(a.files["kemnaker-tk"].rows).toBe(3000);
      expect(a.files["bpjs-peserta"].rows).toBe(3000);
      for (const source of ["kemnaker-bu", "bpjs-bu", "kemnaker-tk", "bpjs-peserta"] as const) {
        expect(sha256(a.files[source].path), source).toBe(sha256(b.files[source].path));
      }
      const read = async (source: SourceId) => (await importRows(path.join(folder, "a"), source)).filter((r) => r.outcome === "accept").map((r) => r.record!);
      const workers = await read("kemnaker-tk");
      expect(workers.length).toBeGreaterThan(2990);
      expect((await read("bpjs-peserta")).length).toBeGreaterThan(2990);
      const employers = await read("kemnaker-bu");
      const wlkp = new Set(employers.map((e) => e.kodeWlkp));
      const npwp = new Set(employers.map((e) => e.npwp));
      const nib = new Set(employers.map((e) => e.nib));
      for (const w of workers) expect(wlkp.has(w.kodeWlkp) || npwp.has(w.npwp) || nib.has(w.nib)).toBe(true);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("writeKemnakerBenchmarkFile", () => {
  it("writes exactly the rows asked for, readable by the import, the same for the same seed", async () => {
    const folder = await mkdtemp(path.join(tmpdir(), "jangkau-bench-"));
    try {
      const a = await writeKemnakerBenchmarkFile({ rows: 2500, path: path.join(folder, "a", "kemnaker-bu.csv"), seed: 11 });
      const b = await writeKemnakerBenchmarkFile({ rows: 2500, path: path.join(folder, "b", "kemnaker-bu.csv"), seed: 11 });
      expect(a.rows).toBe(2500);
      expect(sha256(a.path)).toBe(sha256(b.path));
      const rows = await importRows(path.join(folder, "a"), "kemnaker-bu");
      expect(rows).toHaveLength(2500);
      expect(rows.filter((r) => r.outcome === "accept").length).toBeGreaterThan(2450);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }, 60_000);
});
