import { describe, expect, it } from "vitest";
import { SOURCE_IDS } from "@/lib/sources.ts";
import {
  duplicateColumnsMessage,
  headerLookup,
  headerProblemsMessage,
  matchHeaders,
  missingColumnsMessage,
  normalizeHeader,
  valuesReader,
} from "@/server/ingest/header-matching.ts";
import { getSource, SOURCES } from "@/server/ingest/sources/index.ts";

describe("normalizeHeader", () => {
  it.each([
    ["Nomor Pokok Wajib Pajak (NPWP)", "nomor_pokok_wajib_pajak_npwp"],
    ["NOMOR POKOK WAJIB PAJAK (NPWP)", "Nomor  Pokok\tWajib Pajak NPWP"],
    ["\uFEFFNIB", "nib"],
    ["E-mail", "email"],
    ["Kabupaten/Kota", "kabupaten_kota"],
    ["Nama Kontak /Nama Lengkap petugas Administrasi pemberi Kerja", "nama-kontak-nama-lengkap-petugas-administrasi-pemberi-kerja"],
    ["Kode\u00a0Pos", "KODE.POS"],
    ["Número Télépon", "numero telepon"],
  ])("%j and %j compare equal", (a, b) => {
    expect(normalizeHeader(a)).toBe(normalizeHeader(b));
  });

  it("keeps letters and digits only", () => {
    expect(normalizeHeader(" Nomor Pokok Wajib Pajak (NPWP) ")).toBe("nomorpokokwajibpajaknpwp");
    expect(normalizeHeader("KBLI 2020")).toBe("kbli2020");
    expect(normalizeHeader("  --  ")).toBe("");
  });
});

describe("matchHeaders", () => {
  const kemnaker = getSource("kemnaker-bu");

  it("finds every column under the agreement's labels", () => {
    const labels = kemnaker.columns.map((column) => column.label);
    const match = matchHeaders(labels, kemnaker);
    expect(match.keyByIndex).toEqual(kemnaker.columns.map((column) => column.key));
    expect(match.missingRequired).toEqual([]);
    expect(match.duplicates).toEqual([]);
    expect(match.unknownColumns).toEqual([]);
    expect(match.headers.npwp).toBe("Nomor Pokok Wajib Pajak (NPWP)");
  });

  it("accepts the agreements' own spelling and short aliases", () => {
    const match = matchHeaders(
      [
        "Nomor Pokok Wajib Pajak (NPWP)",
        "Nama Kontak /Nama Lengkap petugas Administrasi pemberi Kerja",
        "nama_pemberi_kerja",
        "kode_kelurahan",
        "nama_kab",
        "NO. HP ADMIN",
        "e-mail",
        "Jumlah Tenaga Kerja",
      ],
      kemnaker,
    );
    expect(match.keyByIndex).toEqual([
      "npwp",
      "nama_kontak",
      "nama_pemberi_kerja",
      "kode_kelurahan",
      "nama_kabupaten",
      "nomor_hp_kontak",
      "email",
      "jumlah_pekerja",
    ]);
    expect(match.missingRequired).toEqual([]);
  });

  it("keeps the header as the file wrote it, without the BOM or padding", () => {
    const match = matchHeaders(["\uFEFFNIB", "  NPWP ", "Nama Pemberi Kerja"], kemnaker);
    expect(match.headers).toEqual({ nib: "NIB", npwp: "NPWP", nama_pemberi_kerja: "Nama Pemberi Kerja" });
  });

  it("tries a header without its parenthesised part, then the part itself", () => {
    const match = matchHeaders(
      ["Kode Pos (5 digit)", "Nomor Pokok Wajib Pajak Perusahaan (NPWP)", "Nama Pemberi Kerja"],
      kemnaker,
    );
    expect(match.keyByIndex).toEqual(["kode_pos", "npwp", "nama_pemberi_kerja"]);
  });

  it("reports missing required columns by their agreement label", () => {
    const match = matchHeaders(["NIB", "Alamat"], kemnaker);
    expect(match.missingRequired.map((column) => column.key)).toEqual(["npwp", "nama_pemberi_kerja"]);
    expect(missingColumnsMessage(match.missingRequired)).toBe(
      "Kolom wajib tidak ditemukan: Nomor Pokok Wajib Pajak (NPWP), Nama Pemberi Kerja",
    );
    expect(headerProblemsMessage(match)).toBe(
      "Kolom wajib tidak ditemukan: Nomor Pokok Wajib Pajak (NPWP), Nama Pemberi Kerja",
    );
  });

  it("reports two file columns for one key as ambiguous, mapping only the first", () => {
    const match = matchHeaders(["NPWP", "Nama Pemberi Kerja", "Nomor Pokok Wajib Pajak", "npwp"], kemnaker);
    expect(match.keyByIndex).toEqual(["npwp", "nama_pemberi_kerja", null, null]);
    expect(match.duplicates).toEqual([
      {
        key: "npwp",
        label: "Nomor Pokok Wajib Pajak (NPWP)",
        headers: ["NPWP", "Nomor Pokok Wajib Pajak", "npwp"],
        indexes: [0, 2, 3],
      },
    ]);
    expect(duplicateColumnsMessage(match.duplicates)).toBe(
      'Kolom ganda: "NPWP" dan "Nomor Pokok Wajib Pajak" dan "npwp" sama-sama berarti Nomor Pokok Wajib Pajak (NPWP)',
    );
    expect(headerProblemsMessage(match)).toContain("Kolom ganda");
  });

  it("lists unknown columns and skips empty headers", () => {
    const match = matchHeaders(["No", "NPWP", "", "Nama Pemberi Kerja", "Keterangan", "  "], kemnaker);
    expect(match.keyByIndex).toEqual([null, "npwp", null, "nama_pemberi_kerja", null, null]);
    expect(match.unknownColumns).toEqual(["No", "Keterangan"]);
    expect(headerProblemsMessage(match)).toBeNull();
  });

  it("reads the same header differently per source", () => {
    expect(matchHeaders(["NPWP"], getSource("ahu-pengurus")).keyByIndex).toEqual(["npwp_entitas"]);
    expect(matchHeaders(["Nama"], getSource("ahu-entitas")).keyByIndex).toEqual(["nama_entitas"]);
    expect(matchHeaders(["Nama"], getSource("kemnaker-bu")).keyByIndex).toEqual([null]);
    expect(matchHeaders(["Kabupaten/Kota"], getSource("bpjs-bu")).keyByIndex).toEqual(["nama_kabupaten"]);
  });

  it("reads API records keyed by canonical keys", () => {
    for (const id of SOURCE_IDS) {
      const definition = SOURCES[id];
      const keys = definition.columns.map((column) => column.key);
      expect(matchHeaders(keys, definition).keyByIndex).toEqual(keys);
    }
  });
});

describe("source column maps", () => {
  it.each(SOURCE_IDS)("%s: unique keys and labels, and no header means two columns", (id) => {
    const definition = SOURCES[id];
    expect(definition.id).toBe(id);
    const keys = definition.columns.map((column) => column.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(key).toMatch(/^[a-z][a-z0-9_]*$/);
    const labels = definition.columns.map((column) => normalizeHeader(column.label));
    expect(new Set(labels).size).toBe(labels.length);
    expect(() => headerLookup(definition)).not.toThrow();
    expect(definition.columns.some((column) => column.required)).toBe(true);
  });

  it("throws on a definition where one header would mean two columns", () => {
    const broken = {
      ...getSource("kemnaker-bu"),
      columns: [
        { key: "a", label: "Alamat", aliases: [] },
        { key: "b", label: "Alamat Lengkap", aliases: ["ALAMAT"] },
      ],
    };
    expect(() => headerLookup(broken)).toThrow(/would mean both a and b/);
  });
});

describe("valuesReader", () => {
  it("gives a row's cells by canonical key, leaving out columns without one and filling short rows with empty text", () => {
    const valuesOf = valuesReader(["npwp", null, "nama_pemberi_kerja", "kbli"]);
    expect(valuesOf(["0123", "x", "PT A", "46100", "extra"])).toEqual({ npwp: "0123", nama_pemberi_kerja: "PT A", kbli: "46100" });
    expect(valuesOf(["0123"])).toEqual({ npwp: "0123", nama_pemberi_kerja: "", kbli: "" });
    expect(Object.keys(valuesOf([]))).toEqual(["npwp", "nama_pemberi_kerja", "kbli"]);
  });

  it("keeps keys that are not identifiers as they are", () => {
    expect(valuesReader(['a"b', "c\\d"])(["1", "2"])).toEqual({ 'a"b': "1", "c\\d": "2" });
  });
});
