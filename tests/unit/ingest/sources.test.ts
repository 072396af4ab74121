import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { makeNpwp15 } from "@/lib/identifiers/npwp.ts";
import { SOURCE_IDS, type SourceId } from "@/lib/sources.ts";
import { matchHeaders } from "@/server/ingest/header-matching.ts";
import { regionResolverFor } from "@/server/ingest/load-region-resolver.ts";
import { NO_REGIONS } from "@/server/ingest/region-resolver.ts";
import { normalizePosition } from "@/server/ingest/sources/ahu-pengurus.ts";
import { getSource, SOURCES } from "@/server/ingest/sources/index.ts";
import { parseMembershipYear } from "@/server/ingest/sources/bpjs-peserta.ts";
import type {
  NormalizeContext,
  NormalizedRecord,
  RegionInput,
  RegionResolver,
  ResolvedRegion,
  RowOutcome,
} from "@/server/ingest/types.ts";

// ---- fixtures ---------------------------------------------------------------------------------

const NPWP15 = makeNpwp15("01312166", "091", "000"); // 013121660091000
const NPWP16 = `0${NPWP15}`;
const NPWP_DOTTED = "01.312.166.0-091.000";
const NIK = "3273011708850001"; // Kota Bandung, Coblong; born 17-08-85
const NIK_FEMALE = "3273015708850002";
const NIK_BAD_MONTH = "3273011713850001"; // month 13

/**
 * Knows Jawa Barat and Kota Bandung (by code or by any of a few spellings) and Kecamatan Coblong;
 * anything else is unresolved, with an issue naming the RegionInput field.
 */
class FakeRegions implements RegionResolver {
  calls: RegionInput[] = [];

  resolve(input: RegionInput): ResolvedRegion {
    this.calls.push(input);
    const issues: ResolvedRegion["issues"] = [];
    let quality: ResolvedRegion["quality"] = "exact";
    const level = (
      codeField: keyof RegionInput,
      nameField: keyof RegionInput,
      known: { code: string; names: string[] } | null,
    ): string | null => {
      const code = input[codeField];
      const name = input[nameField];
      if (code !== undefined) {
        if (known && code.replaceAll(".", "") === known.code.replaceAll(".", "")) {
          if (quality === "exact") quality = "code";
          return known.code;
        }
        issues.push({ column: codeField, reason: "Kode wilayah tidak ditemukan" });
      }
      if (name !== undefined) {
        if (known?.names.includes(name.toUpperCase())) return known.code;
        issues.push({ column: nameField, reason: "Nama wilayah tidak ditemukan" });
        quality = "unresolved";
      }
      return null;
    };
    const provinceCode = level("provinceCode", "provinceName", { code: "32", names: ["JAWA BARAT", "JABAR"] });
    const regencyCode = level("regencyCode", "regencyName", {
      code: "32.73",
      names: ["KOTA BANDUNG", "BANDUNG", "KOTA BDG"],
    });
    const districtCode = level("districtCode", "districtName", { code: "32.73.02", names: ["COBLONG"] });
    const villageCode = level("villageCode", "villageName", null);
    return { provinceCode, regencyCode, districtCode, villageCode, quality, issues };
  }
}

/** Runs a row through `id`'s definition, with headers as `matchHeaders` finds them in `values`' keys. */
function normalize(id: SourceId, values: Record<string, string>, regions = new FakeRegions()): RowOutcome {
  const definition = getSource(id);
  const match = matchHeaders(Object.keys(values), definition);
  const byKey: Record<string, string> = {};
  Object.values(values).forEach((value, index) => {
    const key = match.keyByIndex[index];
    if (key) byKey[key] = value;
  });
  const ctx: NormalizeContext = { regions, headers: match.headers };
  return definition.normalize(byKey, ctx);
}

function accepted(outcome: RowOutcome): { record: NormalizedRecord; warnings: { column: string; value: string; reason: string }[] } {
  if (!outcome.ok) throw new Error(`rejected: ${JSON.stringify(outcome.issues)}`);
  return outcome;
}

/** `row` without the given headers (a file that lacks those columns). */
function without(row: Record<string, string>, ...headers: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(row).filter(([header]) => !headers.includes(header)));
}

function rejected(outcome: RowOutcome) {
  if (outcome.ok) throw new Error(`accepted: ${JSON.stringify(outcome.record)}`);
  return outcome.issues;
}

const EMPTY_RECORD: NormalizedRecord = {
  name: null,
  legalForm: null,
  npwp: null,
  npwpIsNik: false,
  nib: null,
  nik: null,
  kodeWlkp: null,
  kodeBadanUsaha: null,
  provinceCode: null,
  regencyCode: null,
  districtCode: null,
  villageCode: null,
  regionMatch: null,
  address: null,
  postcode: null,
  phone: null,
  email: null,
  workerCount: null,
  businessScale: null,
  kbli: null,
  extra: {},
};

// ---- every source -----------------------------------------------------------------------------

describe("all sources", () => {
  it("SOURCES holds every source id; getSource refuses anything else", () => {
    expect(Object.keys(SOURCES).sort()).toEqual([...SOURCE_IDS].sort());
    expect(() => getSource("nope" as SourceId)).toThrow(/Unknown source/);
  });

  it.each(SOURCE_IDS)("%s: docs/column-maps.md documents every column as defined", (id) => {
    const doc = readFileSync(path.resolve(import.meta.dirname, "../../../docs/column-maps.md"), "utf8");
    const section = doc.split(/^## /m).find((part) => part.startsWith(`\`${id}\``));
    expect(section, `a section for ${id}`).toBeDefined();
    const rows = section!.split("\n").filter((line) => line.startsWith("| ") && !line.startsWith("| #"));
    const definition = getSource(id);
    expect(rows.filter((row) => /^\| \d+ \|/.test(row))).toHaveLength(definition.columns.length);
    definition.columns.forEach((column, i) => {
      const row = rows.find((line) => line.startsWith(`| ${i + 1} | \`${column.key}\` | ${column.label} |`));
      expect(row, `row ${i + 1} ${column.key}`).toBeDefined();
      const cells = row!.split(" | ");
      for (const alias of column.aliases) expect(cells[3]).toContain(`\`${alias}\``);
      expect(cells[4]).toBe(column.required ? "**yes**" : "");
      expect(cells[5]).toBe(column.personal ? "yes" : "");
    });
  });

  it.each(SOURCE_IDS)("%s: an all-empty row is rejected, never accepted", (id) => {
    const values = Object.fromEntries(getSource(id).columns.map((column) => [column.label, "  "]));
    expect(rejected(normalize(id, values)).length).toBeGreaterThan(0);
  });

  it.each(SOURCE_IDS)("%s: personal values never appear unmasked in issues", (id) => {
    const definition = getSource(id);
    const junk = "98765432109876543210XYZ@@";
    const values = Object.fromEntries(definition.columns.map((column) => [column.label, junk]));
    const outcome = normalize(id, values);
    const issues = outcome.ok ? outcome.warnings : outcome.issues;
    const personalLabels = new Set(definition.columns.filter((c) => c.personal).map((c) => c.label));
    const personalIssues = issues.filter((issue) => personalLabels.has(issue.column));
    for (const issue of personalIssues) {
      expect(issue.value).not.toBe(junk);
      expect(issue.value).toContain("•");
    }
    for (const issue of issues) expect(issue.reason).not.toContain(junk);
  });

  it.each(SOURCE_IDS)("%s: issues fall back to the canonical key when there is no header (API records)", (id) => {
    const definition = getSource(id);
    const outcome = definition.normalize({}, { regions: new FakeRegions(), headers: {} });
    const issues = rejected(outcome);
    const keys = new Set(definition.columns.map((column) => column.key));
    for (const issue of issues) expect(keys.has(issue.column)).toBe(true);
  });
});

// ---- kemnaker-bu ------------------------------------------------------------------------------

const KEMNAKER_ROW: Record<string, string> = {
  "Nomor Induk Berusaha (NIB)": "9120001234567",
  "Nomor Pokok Wajib Pajak (NPWP)": NPWP_DOTTED,
  "Kode Badan Usaha": " KBU-0001 ",
  "Kode Pendaftaran WLKP": "WLKP/2024/000123",
  "Nama Pemberi Kerja": "  PT   Maju\tJaya Abadi ",
  "Nama Kontak /Nama Lengkap petugas Administrasi pemberi Kerja": "Siti  Rahma",
  "Nomor Kontak /Nomor Handphone Admin pemberi Kerja": "0812-3456-7890",
  Alamat: "Jl. Dago No. 10\nRT 01/RW 02",
  "Kode Kelurahan": "",
  "Nama Kelurahan": "",
  "Kode Kecamatan": "32.73.02",
  "Nama Kecamatan": "Coblong",
  "Kode Kabupaten": "3273",
  "Nama Kabupaten": "KOTA BANDUNG",
  "Kode Provinsi": "32",
  "Nama Provinsi": "Jawa Barat",
  "Kode Pos": "40135",
  "Nomor Telepon Pemberi Kerja": "(022) 2501234",
  "Alamat Email Pemberi Kerja": "HRD@MajuJaya.CO.ID",
  "Jumlah Pekerja": "1.234",
  "Skala Usaha": "Usaha Menengah",
  KBLI: "46100 - Perdagangan besar atas dasar balas jasa",
};

describe("kemnaker-bu", () => {
  it("normalizes a full row", () => {
    const regions = new FakeRegions();
    const { record, warnings } = accepted(normalize("kemnaker-bu", KEMNAKER_ROW, regions));
    expect(warnings).toEqual([]);
    expect(record).toEqual({
      ...EMPTY_RECORD,
      name: "PT Maju Jaya Abadi",
      npwp: NPWP16,
      nib: "9120001234567",
      kodeWlkp: "WLKP/2024/000123",
      kodeBadanUsaha: "KBU-0001",
      provinceCode: "32",
      regencyCode: "32.73",
      districtCode: "32.73.02",
      villageCode: null,
      regionMatch: "code",
      address: "Jl. Dago No. 10 RT 01/RW 02",
      postcode: "40135",
      phone: "+62222501234",
      email: "HRD@majujaya.co.id",
      workerCount: 1234,
      businessScale: "MENENGAH",
      kbli: "46100",
      extra: {
        contactName: "Siti Rahma",
        contactPhone: "+6281234567890",
        businessActivity: "Perdagangan besar atas dasar balas jasa",
      },
    });
    // Only the region cells that hold something are sent to the resolver.
    expect(regions.calls).toEqual([
      {
        provinceCode: "32",
        provinceName: "Jawa Barat",
        regencyCode: "3273",
        regencyName: "KOTA BANDUNG",
        districtCode: "32.73.02",
        districtName: "Coblong",
      },
    ]);
  });

  it.each([
    ["an empty name", { "Nama Pemberi Kerja": "" }, [["Nama Pemberi Kerja", "", /Nama Pemberi Kerja kosong/]]],
    ["a placeholder name", { "Nama Pemberi Kerja": " - " }, [["Nama Pemberi Kerja", "-", /kosong/]]],
    [
      "no name and a bad NPWP",
      { "Nama Pemberi Kerja": "", "Nomor Pokok Wajib Pajak (NPWP)": "01.312.166.1-091.000" },
      [
        ["Nama Pemberi Kerja", "", /kosong/],
        ["Nomor Pokok Wajib Pajak (NPWP)", "01.312.166.1-091.000", /Digit pemeriksa/],
      ],
    ],
  ] as const)("rejects a row with %s", (_, change, expected) => {
    const issues = rejected(normalize("kemnaker-bu", { ...KEMNAKER_ROW, ...change }));
    expect(issues).toHaveLength(expected.length);
    expected.forEach(([column, value, reason], i) => {
      expect(issues[i]).toMatchObject({ column, value });
      expect(issues[i]?.reason).toMatch(reason);
    });
  });

  it.each([
    ["NIB", "Nomor Induk Berusaha (NIB)", "912000123456", "912000123456", /13 digit/, "nib"],
    ["NPWP check digit", "Nomor Pokok Wajib Pajak (NPWP)", "01.312.166.1-091.000", "01.312.166.1-091.000", /Luhn/, "npwp"],
    ["NPWP from Excel", "Nomor Pokok Wajib Pajak (NPWP)", "1.23457E+14", "1.23457E+14", /Excel/, "npwp"],
    ["NPWP that is a bad NIK", "Nomor Pokok Wajib Pajak (NPWP)", NIK_BAD_MONTH, "3273••••••••0001", /NIK/, "npwp"],
    ["Kode Badan Usaha from Excel", "Kode Badan Usaha", "1,2E+07", "1,2E+07", /Excel/, "kodeBadanUsaha"],
    ["postcode", "Kode Pos", "4013", "4013", /5 digit/, "postcode"],
    ["phone", "Nomor Telepon Pemberi Kerja", "14045", "14045", /layanan/, "phone"],
    ["email", "Alamat Email Pemberi Kerja", "hrd@majujaya", "hrd@majujaya", /titik/, "email"],
    ["worker count", "Jumlah Pekerja", "-5", "-5", /negatif/, "workerCount"],
    ["business scale", "Skala Usaha", "UMKM", "UMKM", /tidak tegas/, "businessScale"],
    ["KBLI", "KBLI", "4610", "4610", /5 digit/, "kbli"],
    ["contact phone (personal)", "Nomor Kontak /Nomor Handphone Admin pemberi Kerja", "0812 3456", "081•••456", /seluler/, "contactPhone"],
  ] as const)("an invalid %s becomes null with a warning", (_, header, raw, shown, reason, field) => {
    const { record, warnings } = accepted(normalize("kemnaker-bu", { ...KEMNAKER_ROW, [header]: raw }));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ column: header, value: shown });
    expect(warnings[0]?.reason).toMatch(reason);
    const value = field in record ? record[field as keyof NormalizedRecord] : record.extra[field];
    expect(value).toBeNull();
  });

  it("keeps a 16-digit NPWP that is a NIK, flagged as personal", () => {
    const { record } = accepted(normalize("kemnaker-bu", { ...KEMNAKER_ROW, "Nomor Pokok Wajib Pajak (NPWP)": NIK }));
    expect(record).toMatchObject({ npwp: NIK, npwpIsNik: true });
  });

  it("accepts the short aliases and missing optional columns", () => {
    const { record, warnings } = accepted(
      normalize("kemnaker-bu", { npwp: NPWP15, nama_pemberi_kerja: "CV Sinar", nama_kab: "Bandung", jumlah_pekerja: "12" }),
    );
    expect(warnings).toEqual([]);
    expect(record).toMatchObject({ name: "CV Sinar", npwp: NPWP16, regencyCode: "32.73", workerCount: 12, kbli: null });
    expect(record.extra).toEqual({ contactName: null, contactPhone: null, businessActivity: null });
  });

  it("turns each resolver issue into a warning named by the file's header", () => {
    const { record, warnings } = accepted(
      normalize("kemnaker-bu", {
        NPWP: NPWP15,
        "Nama Pemberi Kerja": "PT Maju",
        "Nama Provinsi": "Jawa Barat",
        "nama_kab": "Kab. Antah Berantah",
      }),
    );
    expect(warnings).toEqual([{ column: "nama_kab", value: "Kab. Antah Berantah", reason: "Nama wilayah tidak ditemukan" }]);
    expect(record).toMatchObject({ provinceCode: "32", regencyCode: null, regionMatch: "unresolved" });
  });

  it("does not call the resolver when every region cell is empty", () => {
    const regions = new FakeRegions();
    const { record } = accepted(
      normalize("kemnaker-bu", { NPWP: NPWP15, "Nama Pemberi Kerja": "PT Maju", "Kode Provinsi": " ", "Nama Provinsi": "-" }, regions),
    );
    expect(regions.calls).toEqual([]);
    expect(record.regionMatch).toBeNull();
  });

  it("reads a KBLI cell holding only a code, or only a description", () => {
    const code = accepted(normalize("kemnaker-bu", { ...KEMNAKER_ROW, KBLI: "'46.100" })).record;
    expect(code).toMatchObject({ kbli: "46100", extra: { businessActivity: null } });
    const text = accepted(normalize("kemnaker-bu", { ...KEMNAKER_ROW, KBLI: "Perdagangan eceran" })).record;
    expect(text).toMatchObject({ kbli: null, extra: { businessActivity: "Perdagangan eceran" } });
  });
});

// ---- bpjs-bu ----------------------------------------------------------------------------------

const BPJS_BU_ROW: Record<string, string> = {
  "Nomor Induk Berusaha (NIB)": "9120001234567",
  "Nomor Pokok Wajib Pajak (NPWP)": NPWP15,
  "Kode Badan Usaha": "01234567",
  "Nama Badan Usaha": "PT Maju Jaya",
  "Nama Lengkap Petugas Administrasi BU": "Budi",
  "Nomor Kontak/Nomor Handphone Admin BU": "+62 812 3456 7890",
  "Alamat Badan Usaha": "Jl. Dago 10",
  "Kode Kabupaten": "32.73",
  "Nama Kabupaten": "Kota Bandung",
  "Kode Pos": "40135",
  "Nomor Telepon Badan Usaha": "022-2501234",
  "Alamat Email Badan Usaha": "hrd@majujaya.co.id",
  "Jumlah Pekerja": "120",
  "Skala Usaha": "03",
  "Status terdaftar JKN": "Sudah terdaftar JKN",
  "Status Keaktifan Badan Usaha": "Aktif",
  "Jumlah Pekerja Terdaftar": "80",
};

describe("bpjs-bu", () => {
  it("normalizes a full row with statuses and registered workers", () => {
    const { record, warnings } = accepted(normalize("bpjs-bu", BPJS_BU_ROW));
    expect(warnings).toEqual([]);
    expect(record).toMatchObject({
      name: "PT Maju Jaya",
      npwp: NPWP16,
      kodeBadanUsaha: "01234567",
      kodeWlkp: null,
      regencyCode: "32.73",
      regionMatch: "code",
      workerCount: null,
      businessScale: "MENENGAH",
    });
    // Both counts given: "Jumlah Pekerja Terdaftar" (80) wins over "Jumlah Pekerja" (120).
    expect(record.extra).toEqual({
      contactName: "Budi",
      contactPhone: "+6281234567890",
      businessActivity: null,
      registered: true,
      active: true,
      registeredWorkers: 80,
    });
  });

  it("reads Lampiran II.1 Jumlah Pekerja as the workers registered in JKN, never as the workforce", () => {
    const agreementOnly = without(BPJS_BU_ROW, "Jumlah Pekerja Terdaftar");
    const { record, warnings } = accepted(normalize("bpjs-bu", agreementOnly));
    expect(warnings).toEqual([]);
    expect(record.workerCount).toBeNull();
    expect(record.extra.registeredWorkers).toBe(120);
    // An empty "Terdaftar" cell leaves the count to "Jumlah Pekerja".
    expect(accepted(normalize("bpjs-bu", { ...BPJS_BU_ROW, "Jumlah Pekerja Terdaftar": "" })).record.extra.registeredWorkers).toBe(120);
    // Only "Jumlah Pekerja Terdaftar", under one of its aliases.
    const noCount = without(BPJS_BU_ROW, "Jumlah Pekerja", "Jumlah Pekerja Terdaftar");
    expect(accepted(normalize("bpjs-bu", { ...noCount, jml_peserta: "75" })).record).toMatchObject({ workerCount: null, extra: { registeredWorkers: 75 } });
  });

  it("warns on an unreadable Jumlah Pekerja under its own header", () => {
    const agreementOnly = without(BPJS_BU_ROW, "Jumlah Pekerja Terdaftar");
    const { record, warnings } = accepted(normalize("bpjs-bu", { ...agreementOnly, "Jumlah Pekerja": "-5" }));
    expect(record).toMatchObject({ workerCount: null, extra: { registeredWorkers: null } });
    expect(warnings).toEqual([{ column: "Jumlah Pekerja", value: "-5", reason: expect.stringMatching(/negatif/) }]);
  });

  it.each([
    ["Sudah terdaftar JKN", "Aktif", true, true],
    ["Belum terdaftar JKN", "Tidak aktif", false, false],
    ["SUDAH", "NON AKTIF", true, false],
    ["belum", "nonaktif", false, false],
    ["Y", "T", true, false],
    ["Belum terdaftar JKN", "", false, null],
  ])("registered %j, active %j", (registered, active, expectRegistered, expectActive) => {
    const { record, warnings } = accepted(
      normalize("bpjs-bu", {
        ...BPJS_BU_ROW,
        "Status terdaftar JKN": registered,
        "Status Keaktifan Badan Usaha": active,
      }),
    );
    expect(warnings).toEqual([]);
    expect(record.extra).toMatchObject({ registered: expectRegistered, active: expectActive });
  });

  it("warns on an unreadable status and leaves it null", () => {
    const { record, warnings } = accepted(normalize("bpjs-bu", { ...BPJS_BU_ROW, "Status terdaftar JKN": "proses" }));
    expect(record.extra.registered).toBeNull();
    expect(warnings).toEqual([
      { column: "Status terdaftar JKN", value: "proses", reason: expect.stringMatching(/tidak dikenali/) },
    ]);
  });

  it.each([
    ["Sudah terdaftar JKN", "", true, null, ["Status Keaktifan Badan Usaha"]],
    ["Sudah terdaftar JKN", "-", true, null, ["Status Keaktifan Badan Usaha"]],
    ["", "Aktif", null, true, ["Status terdaftar JKN"]],
    ["-", "", null, null, ["Status terdaftar JKN", "Status Keaktifan Badan Usaha"]],
  ])("keeps a blank status unknown, with a warning: registered %j, active %j", (registered, active, expectRegistered, expectActive, columns) => {
    const { record, warnings } = accepted(
      normalize("bpjs-bu", { ...BPJS_BU_ROW, "Status terdaftar JKN": registered, "Status Keaktifan Badan Usaha": active }),
    );
    expect(record.extra).toMatchObject({ registered: expectRegistered, active: expectActive });
    expect(warnings).toEqual(columns.map((column) => ({ column, value: expect.any(String), reason: expect.stringMatching(/kosong: dicatat tidak diketahui/) })));
  });

  it("reads a file laid out like Kemnaker's agreement too", () => {
    const match = matchHeaders(
      ["Nama Pemberi Kerja", "NPWP", "Status Terdaftar", "Status Keaktifan", "Nama Kontak/Nama Lengkap Petugas Administrasi Pemberi Kerja"],
      getSource("bpjs-bu"),
    );
    expect(match.missingRequired).toEqual([]);
    expect(match.keyByIndex).toEqual(["nama_badan_usaha", "npwp", "status_terdaftar_jkn", "status_keaktifan", "nama_kontak"]);
  });

  it("rejects a row without a name", () => {
    const issues = rejected(normalize("bpjs-bu", { ...BPJS_BU_ROW, "Nama Badan Usaha": "" }));
    expect(issues).toEqual([{ column: "Nama Badan Usaha", value: "", reason: expect.stringMatching(/kosong/) }]);
  });
});

// ---- ahu-entitas ------------------------------------------------------------------------------

const ENTITAS_ROW: Record<string, string> = {
  "Nama Entitas": "PT  Sinar Terang",
  "Jenis Entitas": "Perseroan Terbatas",
  NPWP: NPWP_DOTTED,
  Provinsi: "JAWA BARAT",
  "Kabupaten/Kota": "KOTA BANDUNG",
  Kecamatan: "COBLONG",
  Kelurahan: "DAGO",
  "Alamat Lengkap": "Jl. Ir. H. Juanda 100",
  "Nomor Telepon": "022 2501234",
  "Jenis Usaha (KBLI)": "47111 - Perdagangan eceran",
};

describe("ahu-entitas", () => {
  it("normalizes a row, resolving names only", () => {
    const regions = new FakeRegions();
    const { record, warnings } = accepted(normalize("ahu-entitas", ENTITAS_ROW, regions));
    expect(regions.calls).toEqual([
      { provinceName: "JAWA BARAT", regencyName: "KOTA BANDUNG", districtName: "COBLONG", villageName: "DAGO" },
    ]);
    expect(warnings).toEqual([{ column: "Kelurahan", value: "DAGO", reason: "Nama wilayah tidak ditemukan" }]);
    expect(record).toEqual({
      ...EMPTY_RECORD,
      name: "PT Sinar Terang",
      legalForm: "PT",
      npwp: NPWP16,
      provinceCode: "32",
      regencyCode: "32.73",
      districtCode: "32.73.02",
      regionMatch: "unresolved",
      address: "Jl. Ir. H. Juanda 100",
      phone: "+62222501234",
      kbli: "47111",
      extra: { businessActivity: "Perdagangan eceran" },
    });
  });

  it.each([
    ["PT", "PT"],
    ["P.T.", "PT"],
    ["pt perorangan", "PT"],
    ["Perseroan Terbatas", "PT"],
    ["CV", "CV"],
    ["C.V.", "CV"],
    ["Persekutuan Komanditer", "CV"],
    ["Firma", "FIRMA"],
    ["Persekutuan Firma", "FIRMA"],
    ["Persekutuan Perdata", "PERSEKUTUAN_PERDATA"],
    ["PERSEKUTUAN  PERDATA", "PERSEKUTUAN_PERDATA"],
    // An empty cell: the form the name is written with ("PT  Sinar Terang").
    ["", "PT"],
  ])("entity type %j → %j", (raw, expected) => {
    const { record, warnings } = accepted(normalize("ahu-entitas", { ...ENTITAS_ROW, "Jenis Entitas": raw, Kelurahan: "" }));
    expect(record.legalForm).toBe(expected);
    expect(warnings).toEqual([]);
  });

  it("warns on an unknown entity type", () => {
    const { record, warnings } = accepted(
      normalize("ahu-entitas", { ...ENTITAS_ROW, "Jenis Entitas": "Koperasi", Kelurahan: "" }),
    );
    expect(record.legalForm).toBeNull();
    expect(warnings).toEqual([{ column: "Jenis Entitas", value: "Koperasi", reason: expect.stringMatching(/tidak dikenali/) }]);
  });

  it("keeps an invalid NPWP as a warning when the row has a name, rejects a row without a name", () => {
    const bad = { ...ENTITAS_ROW, NPWP: "12345", Kelurahan: "" };
    const { record, warnings } = accepted(normalize("ahu-entitas", bad));
    expect(record.npwp).toBeNull();
    expect(warnings.map((warning) => warning.column)).toEqual(["NPWP"]);
    const issues = rejected(normalize("ahu-entitas", { ...bad, "Nama Entitas": "" }));
    expect(issues.map((issue) => issue.column)).toEqual(["Nama Entitas", "NPWP"]);
  });

  it("is refused without a name column, and takes a file without Jenis Entitas (the agreement lists none)", () => {
    expect(matchHeaders(["NPWP", "Provinsi"], getSource("ahu-entitas")).missingRequired.map((column) => column.label)).toEqual(["Nama Entitas"]);
    expect(matchHeaders(["Nama", "NPWP", "Provinsi"], getSource("ahu-entitas")).missingRequired).toEqual([]);
  });

  it.each([
    ["SINAR JAYA, CV", "CV"],
    ["Firma Hukum Adil", "FIRMA"],
    ["Persekutuan Perdata Notaris Bersama", "PERSEKUTUAN_PERDATA"],
    ["PT. Bank Rakyat (Persero) Tbk", "PT"],
  ])("without a Jenis Entitas column, %j is read as %j from its name", (name, expected) => {
    const withoutType = Object.fromEntries(Object.entries(ENTITAS_ROW).filter(([label]) => label !== "Jenis Entitas"));
    const { record, warnings } = accepted(normalize("ahu-entitas", { ...withoutType, "Nama Entitas": name, Kelurahan: "" }));
    expect(record.legalForm).toBe(expected);
    expect(warnings).toEqual([]);
  });

  it("warns when neither a Jenis Entitas nor the name gives a form AHU registers", () => {
    const withoutType = Object.fromEntries(Object.entries(ENTITAS_ROW).filter(([label]) => label !== "Jenis Entitas"));
    for (const name of ["Sinar Terang", "Koperasi Maju Bersama"]) {
      const { record, warnings } = accepted(normalize("ahu-entitas", { ...withoutType, "Nama Entitas": name, Kelurahan: "" }));
      expect(record.legalForm).toBeNull();
      expect(warnings).toEqual([{ column: "jenis_entitas", value: "", reason: expect.stringMatching(/tidak terbaca dari nama/) }]);
    }
  });

  it("reads the officers and partners of a Pengurus dan Sekutu cell, several per cell", () => {
    const { record } = accepted(
      normalize("ahu-entitas", { ...ENTITAS_ROW, Kelurahan: "", "Pengurus dan Sekutu": "Budi Santoso, S.E. (Direktur); Ani Lestari (Komisaris)" }),
    );
    expect(record.extra).toEqual({ businessActivity: "Perdagangan eceran", officers: "Budi Santoso, S.E. (DIREKTUR); Ani Lestari (KOMISARIS)" });
  });
});

// ---- ahu-pengurus -----------------------------------------------------------------------------

const PENGURUS_ROW: Record<string, string> = {
  NPWP: NPWP15,
  "Nama Entitas": "PT Sinar Terang",
  Nama: " Budi  Santoso ",
  Jabatan: "direktur utama",
  Email: "budi.santoso@Gmail.com",
  "Nomor HP": "6281234567890",
  NIK,
};

describe("ahu-pengurus", () => {
  it("normalizes an officer linked to the entity NPWP", () => {
    const { record, warnings } = accepted(normalize("ahu-pengurus", PENGURUS_ROW));
    expect(warnings).toEqual([]);
    expect(record).toEqual({
      ...EMPTY_RECORD,
      name: "Budi Santoso",
      npwp: NPWP16,
      nik: NIK,
      phone: "+6281234567890",
      email: "budi.santoso@gmail.com",
      extra: { position: "DIREKTUR UTAMA", entityName: "PT Sinar Terang" },
    });
  });

  it.each([
    ["Direktur Utama", "DIREKTUR UTAMA"],
    ["DIRUT", "DIREKTUR UTAMA"],
    ["Direktur", "DIREKTUR"],
    ["Komisaris Utama", "KOMISARIS UTAMA"],
    ["komisaris", "KOMISARIS"],
    ["Sekutu Aktif/Komplementer", "SEKUTU AKTIF"],
    ["Sekutu Komplementer", "SEKUTU AKTIF"],
    ["Sekutu Pasif / Komanditer", "SEKUTU PASIF"],
    ["Sekutu Komanditer", "SEKUTU PASIF"],
    ["Pesero", "PESERO"],
    ["Sekutu", "SEKUTU"],
    ["  wakil   direktur ", "WAKIL DIREKTUR"],
    ["", null],
  ])("position %j → %j", (raw, expected) => {
    expect(normalizePosition(raw)).toBe(expected);
  });

  it.each([
    ["no name", { Nama: "" }, ["Nama"]],
    ["no entity NPWP", { NPWP: "" }, ["NPWP"]],
    ["an invalid entity NPWP", { NPWP: "01.312.166.1-091.000" }, ["NPWP"]],
    ["neither", { Nama: "-", NPWP: "" }, ["Nama", "NPWP"]],
  ] as const)("rejects a row with %s", (_, change, columns) => {
    const issues = rejected(normalize("ahu-pengurus", { ...PENGURUS_ROW, ...change }));
    expect(issues.map((issue) => issue.column)).toEqual(columns);
    if ((columns as readonly string[]).includes("NPWP")) {
      expect(issues.at(-1)?.reason).toMatch(/tidak dapat dikaitkan dengan entitasnya/);
    }
  });

  it("masks invalid personal values in warnings", () => {
    const { record, warnings } = accepted(
      normalize("ahu-pengurus", { ...PENGURUS_ROW, NIK: NIK_BAD_MONTH, Email: "budi@@gmail.com", "Nomor HP": "0812345" }),
    );
    expect(record).toMatchObject({ nik: null, email: null, phone: null });
    expect(warnings.map((warning) => [warning.column, warning.value])).toEqual([
      ["NIK", "3273••••••••0001"],
      ["Nomor HP", "081•345"],
      ["Email", "b•••@gmail.com"],
    ]);
  });
});

// ---- ahu-notaris ------------------------------------------------------------------------------

const NOTARIS_ROW: Record<string, string> = {
  NIK: NIK_FEMALE,
  "Nama Notaris": "Rina Wijaya, S.H., M.Kn.",
  NPWP: NIK_FEMALE,
  Provinsi: "Jawa Barat",
  "Kabupaten/Kota": "Kota Bdg",
  "Alamat Lengkap": "Jl. Riau 5",
  Telepon: "0224231234",
  Email: "notaris.rina@example.co.id",
};

describe("ahu-notaris", () => {
  it("normalizes a notary identified by NIK, resolving province and regency names", () => {
    const regions = new FakeRegions();
    const { record, warnings } = accepted(normalize("ahu-notaris", NOTARIS_ROW, regions));
    expect(warnings).toEqual([]);
    expect(regions.calls).toEqual([{ provinceName: "Jawa Barat", regencyName: "Kota Bdg" }]);
    expect(record).toEqual({
      ...EMPTY_RECORD,
      name: "Rina Wijaya, S.H., M.Kn.",
      nik: NIK_FEMALE,
      npwp: NIK_FEMALE,
      npwpIsNik: true,
      provinceCode: "32",
      regencyCode: "32.73",
      regionMatch: "exact",
      address: "Jl. Riau 5",
      phone: "+62224231234",
      email: "notaris.rina@example.co.id",
    });
  });

  it.each([
    ["an empty NIK", "", "", /kosong/],
    ["an invalid NIK", NIK_BAD_MONTH, "3273••••••••0001", /Bulan lahir/],
    ["an Excel-mangled NIK", "3.27302E+15", "3.27•••E+15", /Excel/],
  ])("rejects a row with %s, masking it", (_, nik, shown, reason) => {
    const issues = rejected(normalize("ahu-notaris", { ...NOTARIS_ROW, NIK: nik }));
    expect(issues).toEqual([{ column: "NIK", value: shown, reason: expect.stringMatching(reason) }]);
  });

  it("accepts a row without a name (the NIK identifies it) and masks a bad NPWP", () => {
    const { record, warnings } = accepted(normalize("ahu-notaris", { ...NOTARIS_ROW, "Nama Notaris": "", NPWP: "3273011708851234" }));
    expect(warnings).toEqual([]);
    expect(record.name).toBeNull();
    expect(record.npwp).toBe("3273011708851234");
    const bad = accepted(normalize("ahu-notaris", { ...NOTARIS_ROW, NPWP: "0131216609100" }));
    expect(bad.warnings).toEqual([{ column: "NPWP", value: "0131•••••9100", reason: expect.stringMatching(/15 atau 16 digit/) }]);
  });
});

// ---- bpjs-peserta -----------------------------------------------------------------------------

const PESERTA_ROW: Record<string, string> = {
  "Nomor Induk Kependudukan/NIK": NIK,
  "Nomor Paspor": "",
  "Nomor Induk Orang Asing (NIORA)": "",
  "Kartu Izin Tinggal Terbatas/KITAS": "",
  "Segmentasi Kepesertaan JKN": "PPU BU",
  "Status terdaftar JKN": "Sudah Terdaftar JKN",
  "Status aktif": "Aktif",
  "Tahun Kepesertaan JKN": "2019",
  "NPWP Badan Usaha": NPWP15,
  "Kode Badan Usaha": "01234567",
};

describe("bpjs-peserta", () => {
  it("normalizes a PPU BU participant linked to the employer", () => {
    const { record, warnings } = accepted(normalize("bpjs-peserta", PESERTA_ROW));
    expect(warnings).toEqual([]);
    expect(record).toEqual({
      ...EMPTY_RECORD,
      nik: NIK,
      npwp: NPWP16,
      kodeBadanUsaha: "01234567",
      extra: {
        passportNumber: null,
        niora: null,
        kitas: null,
        segment: "PPU_BU",
        registered: true,
        active: true,
        membershipYear: 2019,
      },
    });
  });

  it.each([
    ["PBI JK", "PBI_JK"],
    ["PBI", "PBI_JK"],
    ["PBPU Pemda", "PBPU_PEMDA"],
    ["PPU PN", "PPU_PN"],
    ["PPU-BU", "PPU_BU"],
    ["ppu bu", "PPU_BU"],
    ["PBPU", "PBPU"],
    ["Bukan Pekerja", "BP"],
    ["BP", "BP"],
  ])("segment %j → %j", (raw, expected) => {
    const { record } = accepted(normalize("bpjs-peserta", { ...PESERTA_ROW, "Segmentasi Kepesertaan JKN": raw }));
    expect(record.extra.segment).toBe(expected);
  });

  it("accepts a foreigner identified by passport, NIORA or KITAS alone", () => {
    const base = { ...PESERTA_ROW, "Nomor Induk Kependudukan/NIK": "" };
    expect(accepted(normalize("bpjs-peserta", { ...base, "Nomor Paspor": "c 1234567" })).record.extra.passportNumber).toBe("C1234567");
    expect(accepted(normalize("bpjs-peserta", { ...base, "Nomor Induk Orang Asing (NIORA)": "9876543210" })).record.extra.niora).toBe(
      "9876543210",
    );
    expect(accepted(normalize("bpjs-peserta", { ...base, "Kartu Izin Tinggal Terbatas/KITAS": "2c11ab1234-x" })).record.extra.kitas).toBe(
      "2C11AB1234-X",
    );
  });

  it("rejects a row without any identifier", () => {
    const issues = rejected(normalize("bpjs-peserta", { ...PESERTA_ROW, "Nomor Induk Kependudukan/NIK": "" }));
    expect(issues).toEqual([
      { column: "Nomor Induk Kependudukan/NIK", value: "", reason: expect.stringMatching(/NIK, Nomor Paspor, NIORA atau KITAS/) },
    ]);
  });

  it("rejects a row whose only identifier is invalid, masking it", () => {
    const issues = rejected(normalize("bpjs-peserta", { ...PESERTA_ROW, "Nomor Induk Kependudukan/NIK": NIK_BAD_MONTH }));
    expect(issues).toEqual([
      { column: "Nomor Induk Kependudukan/NIK", value: "3273••••••••0001", reason: expect.stringMatching(/Bulan lahir/) },
    ]);
  });

  it("accepts an invalid NIK next to a valid KITAS, with a masked warning", () => {
    const { record, warnings } = accepted(
      normalize("bpjs-peserta", {
        ...PESERTA_ROW,
        "Nomor Induk Kependudukan/NIK": NIK_BAD_MONTH,
        "Kartu Izin Tinggal Terbatas/KITAS": "2C11AB1234",
      }),
    );
    expect(record).toMatchObject({ nik: null, extra: { kitas: "2C11AB1234" } });
    expect(warnings).toEqual([
      { column: "Nomor Induk Kependudukan/NIK", value: "3273••••••••0001", reason: expect.stringMatching(/Bulan lahir/) },
    ]);
  });

  it("keeps a participant's blank status unknown with a warning, and asks no activity of an unregistered one", () => {
    const blank = accepted(normalize("bpjs-peserta", { ...PESERTA_ROW, "Status aktif": "-" }));
    expect(blank.record.extra).toMatchObject({ registered: true, active: null });
    expect(blank.warnings).toEqual([{ column: "Status aktif", value: "-", reason: expect.stringMatching(/^Status aktif kosong: dicatat tidak diketahui; data balikan menjawab "Tidak diketahui"$/) }]);
    const unregistered = accepted(normalize("bpjs-peserta", { ...PESERTA_ROW, "Status terdaftar JKN": "Belum terdaftar JKN", "Status aktif": "" }));
    expect(unregistered.record.extra).toMatchObject({ registered: false, active: null });
    expect(unregistered.warnings).toEqual([]);
    // A file without the status columns: unknown, and nothing to point at row by row.
    const noColumns = accepted(normalize("bpjs-peserta", without(PESERTA_ROW, "Status terdaftar JKN", "Status aktif")));
    expect(noColumns.record.extra).toMatchObject({ registered: null, active: null });
    expect(noColumns.warnings).toEqual([]);
  });

  it("warns on an unknown segment or year", () => {
    const { record, warnings } = accepted(
      normalize("bpjs-peserta", { ...PESERTA_ROW, "Segmentasi Kepesertaan JKN": "PPU", "Tahun Kepesertaan JKN": "19" }),
    );
    expect(record.extra).toMatchObject({ segment: null, membershipYear: null });
    expect(warnings.map((warning) => warning.column)).toEqual(["Segmentasi Kepesertaan JKN", "Tahun Kepesertaan JKN"]);
  });

  it.each([
    ["2019", 2019],
    ["2019.0", 2019],
    ["2019-03-01", 2019],
    ["01/03/2019", 2019],
    ["", null],
  ])("membership year %j → %j", (raw, expected) => {
    const result = parseMembershipYear(raw);
    expect(result.kind === "ok" ? result.value : null).toBe(expected);
  });

  it.each(["1900", "3000", "abc", "2019/2020", "20190301"])("membership year %j is invalid", (raw) => {
    expect(parseMembershipYear(raw).kind).toBe("invalid");
  });
});

// ---- kemnaker-tk ------------------------------------------------------------------------------

const WORKER_ROW: Record<string, string> = {
  NIK: NIK,
  "Nama Tenaga Kerja": "  Budi   Santoso ",
  "Jenis Kelamin": "Laki-laki",
  "Tanggal Lahir": "17/08/1985",
  Kewarganegaraan: "WNI",
  "Nomor Paspor": "",
  KITAS: "",
  "Kode Pendaftaran WLKP": "WLKP/2024/000123",
  "NPWP Pemberi Kerja": NPWP_DOTTED,
  "NIB Pemberi Kerja": "9120001234567",
  Jabatan: "Operator  Mesin",
  "Status Hubungan Kerja": "PKWTT",
  "Tanggal Mulai Bekerja": "2019-03-01",
};

const FOREIGN_WORKER_ROW: Record<string, string> = {
  ...WORKER_ROW,
  NIK: "",
  "Nama Tenaga Kerja": "Li Wei",
  "Jenis Kelamin": "M",
  Kewarganegaraan: "WNA",
  "Nomor Paspor": "e 1234567",
};

describe("kemnaker-tk", () => {
  it("normalizes an Indonesian worker with the employer's keys", () => {
    const { record, warnings } = accepted(normalize("kemnaker-tk", WORKER_ROW));
    expect(warnings).toEqual([]);
    expect(record).toEqual({
      ...EMPTY_RECORD,
      nik: NIK,
      name: "Budi Santoso",
      kodeWlkp: "WLKP/2024/000123",
      npwp: NPWP16,
      nib: "9120001234567",
      extra: {
        gender: "L",
        birthDate: "1985-08-17",
        citizenship: "WNI",
        passportNumber: null,
        kitas: null,
        position: "Operator Mesin",
        employmentStatus: "PKWTT",
        startDate: "2019-03-01",
      },
    });
  });

  it("accepts a foreigner (WNA) identified by passport only", () => {
    const { record, warnings } = accepted(normalize("kemnaker-tk", FOREIGN_WORKER_ROW));
    expect(warnings).toEqual([]);
    expect(record).toMatchObject({ nik: null, name: "Li Wei", extra: { citizenship: "WNA", gender: "L", passportNumber: "E1234567", kitas: null } });
    // …or by KITAS only, with the citizenship left empty.
    const byKitas = accepted(normalize("kemnaker-tk", { ...FOREIGN_WORKER_ROW, "Nomor Paspor": "", KITAS: "2c11 ab1234", Kewarganegaraan: "" }));
    expect(byKitas.record).toMatchObject({ nik: null, extra: { citizenship: null, kitas: "2C11AB1234" } });
  });

  it("rejects a row without any identity", () => {
    const issues = rejected(normalize("kemnaker-tk", { ...WORKER_ROW, NIK: "" }));
    expect(issues).toEqual([{ column: "NIK", value: "", reason: expect.stringMatching(/Identitas tenaga kerja kosong/) }]);
  });

  it("rejects a WNI identified by a passport alone: BPJS knows Indonesians by NIK", () => {
    const issues = rejected(normalize("kemnaker-tk", { ...WORKER_ROW, NIK: NIK_BAD_MONTH, "Nomor Paspor": "C1234567" }));
    expect(issues).toEqual([
      { column: "NIK", value: "3273••••••••0001", reason: expect.stringMatching(/Bulan lahir/) },
      { column: "Kewarganegaraan", value: "WNI", reason: expect.stringMatching(/WNI dikenali dari NIK/) },
    ]);
  });

  it("rejects a row without an employer key, listing the invalid ones", () => {
    const noKeys = { ...WORKER_ROW, "Kode Pendaftaran WLKP": "", "NPWP Pemberi Kerja": "", "NIB Pemberi Kerja": "" };
    expect(rejected(normalize("kemnaker-tk", noKeys))).toEqual([
      { column: "Kode Pendaftaran WLKP", value: "", reason: expect.stringMatching(/Pemberi kerja tidak dikenali/) },
    ]);
    expect(rejected(normalize("kemnaker-tk", { ...noKeys, "NPWP Pemberi Kerja": "1.23457E+14" }))).toEqual([
      { column: "NPWP Pemberi Kerja", value: "1.23457E+14", reason: expect.stringMatching(/Excel/) },
    ]);
    // Any one employer key is enough.
    expect(accepted(normalize("kemnaker-tk", { ...noKeys, "NIB Pemberi Kerja": "9120001234567" })).record).toMatchObject({ nib: "9120001234567", npwp: null, kodeWlkp: null });
    expect(accepted(normalize("kemnaker-tk", { ...noKeys, "Kode Pendaftaran WLKP": "W-1" })).record.kodeWlkp).toBe("W-1");
  });

  it("lists both reasons when identity and employer are missing", () => {
    const issues = rejected(normalize("kemnaker-tk", { ...WORKER_ROW, NIK: "", "Kode Pendaftaran WLKP": "", "NPWP Pemberi Kerja": "", "NIB Pemberi Kerja": "" }));
    expect(issues.map((issue) => issue.column)).toEqual(["NIK", "Kode Pendaftaran WLKP"]);
  });

  it("keeps a foreigner whose NIK is invalid next to a valid KITAS, with a masked warning", () => {
    const { record, warnings } = accepted(
      normalize("kemnaker-tk", { ...FOREIGN_WORKER_ROW, NIK: NIK_BAD_MONTH, "Nomor Paspor": "", KITAS: "2C11AB1234" }),
    );
    expect(record).toMatchObject({ nik: null, extra: { kitas: "2C11AB1234" } });
    expect(warnings).toEqual([{ column: "NIK", value: "3273••••••••0001", reason: expect.stringMatching(/Bulan lahir/) }]);
  });

  it("never reads an Excel-mangled NIK: invalid, masked, and the row rejected without another identity", () => {
    const issues = rejected(normalize("kemnaker-tk", { ...WORKER_ROW, NIK: "3.27301E+15" }));
    expect(issues).toEqual([{ column: "NIK", value: "3.27•••E+15", reason: expect.stringMatching(/Excel/) }]);
    expect(accepted(normalize("kemnaker-tk", { ...FOREIGN_WORKER_ROW, NIK: "3.27301E+15" })).record.nik).toBeNull();
  });

  it.each([
    ["17/08/1985", "1985-08-17"],
    ["17-08-1985", "1985-08-17"],
    ["1985-08-17", "1985-08-17"],
    ["1/3/1990", "1990-03-01"],
  ])("reads the birth date %j as %j, and the start date alike", (raw, expected) => {
    const { record, warnings } = accepted(normalize("kemnaker-tk", { ...WORKER_ROW, "Tanggal Lahir": raw, "Tanggal Mulai Bekerja": raw }));
    expect(warnings).toEqual([]);
    expect(record.extra).toMatchObject({ birthDate: expected, startDate: expected });
  });

  it("turns invalid dates into masked warnings, never rejections", () => {
    const { record, warnings } = accepted(
      normalize("kemnaker-tk", { ...WORKER_ROW, "Tanggal Lahir": "30/02/1985", "Tanggal Mulai Bekerja": "31276" }),
    );
    expect(record.extra).toMatchObject({ birthDate: null, startDate: null });
    expect(warnings).toEqual([
      { column: "Tanggal Lahir", value: "3••••••••5", reason: expect.stringMatching(/kalender/) },
      { column: "Tanggal Mulai Bekerja", value: "31276", reason: expect.stringMatching(/seri tanggal Excel/) },
    ]);
  });

  it.each([
    ["L", "L"],
    ["P", "P"],
    ["laki-laki", "L"],
    ["PEREMPUAN", "P"],
    ["M", "L"],
    ["F", "P"],
    ["", null],
  ])("gender %j → %j", (raw, expected) => {
    expect(accepted(normalize("kemnaker-tk", { ...WORKER_ROW, "Jenis Kelamin": raw })).record.extra.gender).toBe(expected);
  });

  it.each([
    ["WNI", "WNI"],
    ["Indonesia", "WNI"],
    ["wna", "WNA"],
    ["Asing", "WNA"],
    ["", null],
  ])("citizenship %j → %j", (raw, expected) => {
    expect(accepted(normalize("kemnaker-tk", { ...WORKER_ROW, Kewarganegaraan: raw })).record.extra.citizenship).toBe(expected);
  });

  it("warns on an unknown gender or citizenship", () => {
    const { record, warnings } = accepted(normalize("kemnaker-tk", { ...WORKER_ROW, "Jenis Kelamin": "X", Kewarganegaraan: "Mars" }));
    expect(record.extra).toMatchObject({ gender: null, citizenship: null });
    expect(warnings.map((warning) => warning.column).sort()).toEqual(["Jenis Kelamin", "Kewarganegaraan"]);
  });

  it("reads the usual headers of worker files, whatever their case", () => {
    const match = matchHeaders(
      ["NAMA PEKERJA", "nik pekerja", "No Paspor", "Kode WLKP", "NPWP Perusahaan", "NIB Perusahaan", "Gender", "L/P", "Tgl Lahir", "TMT Kerja", "tanggal masuk"],
      getSource("kemnaker-tk"),
    );
    expect(match.keyByIndex).toEqual(["nama", "nik", "nomor_paspor", "kode_wlkp", "npwp", "nib", "jenis_kelamin", null, "tanggal_lahir", "tanggal_mulai_bekerja", null]);
    // Two headers for one column make the file ambiguous, as for every source.
    expect(match.duplicates.map((d) => d.key)).toEqual(["jenis_kelamin", "tanggal_mulai_bekerja"]);
    expect(matchHeaders(["Nama", "Kewarganegaraan"], getSource("kemnaker-tk")).missingRequired.map((c) => c.label)).toEqual(["NIK"]);
  });
});

describe("usesRegions", () => {
  it("says whether a source's rows ask the region resolver (an import of the others skips loading it)", async () => {
    const rows: Record<SourceId, Record<string, string>> = {
      "kemnaker-bu": KEMNAKER_ROW,
      "kemnaker-tk": WORKER_ROW,
      "ahu-entitas": ENTITAS_ROW,
      "ahu-pengurus": PENGURUS_ROW,
      "ahu-notaris": NOTARIS_ROW,
      "bpjs-bu": BPJS_BU_ROW,
      "bpjs-peserta": PESERTA_ROW,
    };
    for (const id of SOURCE_IDS) {
      const regions = new FakeRegions();
      accepted(normalize(id, rows[id], regions));
      expect({ id, asked: regions.calls.length > 0 }).toEqual({ id, asked: getSource(id).usesRegions });
      if (!getSource(id).usesRegions) expect(await regionResolverFor(id)).toBe(NO_REGIONS);
    }
  });
});
