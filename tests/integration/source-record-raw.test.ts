import { writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { regionScopeFor } from "@/server/access/region-scope.ts";
import { SYSTEM_ACTOR } from "@/server/audit/system-actor.ts";
import { db } from "@/server/db/client.ts";
import { importFile } from "@/server/ingest/import-file.ts";
import { originalCells } from "@/server/ingest/raw-cells.ts";
import { getSource } from "@/server/ingest/sources/index.ts";
import { getLeadDetail } from "@/server/leads/get-lead-detail.ts";
import { businessRow, createTestUser, NO_CONTEXT } from "../support/factories.ts";
import { importDatabaseForFile } from "../support/throwaway-database.ts";

/**
 * `raw` keeps only the cells a record's fields do not reproduce. Each imported row is stored a
 * second time as imports stored it before (every cell): the lead page's *Catatan sumber* must
 * show both alike, personal cells masked alike, and the new rows must be smaller.
 */
const scratch = importDatabaseForFile("rawcells");
const base = { channel: "CLI" as const, actor: SYSTEM_ACTOR, context: NO_CONTEXT };

/** kemnaker-bu rows by column label (the column map's order); the file lists them shuffled. */
const KEMNAKER_ROWS: Record<string, string>[] = [
  {
    "Nomor Induk Berusaha (NIB)": "9151168344820",
    "Nomor Pokok Wajib Pajak (NPWP)": "0013121660091000",
    "Kode Pendaftaran WLKP": "3274163906288",
    "Nama Pemberi Kerja": "PT KARYA BERKAH",
    "Nama Kontak/Nama Lengkap Petugas Administrasi Pemberi Kerja": "JAMALIA SAFITRI",
    "Nomor Kontak/Nomor Handphone Admin Pemberi Kerja": "083287406522",
    Alamat: "Jl. Cihampelas No. 35",
    "Kode Kabupaten": "32.73",
    "Nama Kabupaten": "KOTA BANDUNG",
    "Kode Provinsi": "32",
    "Kode Pos": "40115",
    "Nomor Telepon Pemberi Kerja": "0221234567",
    "Alamat Email Pemberi Kerja": "hrd@karyaberkah.co.id",
    "Jumlah Pekerja": "120",
    KBLI: "47111",
  },
  {
    // Odd spacing, a dotted NPWP, lower case, Excel-mangled values, a mobile number and a
    // webmail address in business columns.
    "Nomor Induk Berusaha (NIB)": "9.15117E+12",
    "Nomor Pokok Wajib Pajak (NPWP)": "01.312.166.0-091.000",
    "Kode Pendaftaran WLKP": "'WLKP-1",
    "Nama Pemberi Kerja": "  pt   sinar  jaya ",
    "Nama Kontak/Nama Lengkap Petugas Administrasi Pemberi Kerja": "budi  santoso",
    "Nomor Kontak/Nomor Handphone Admin Pemberi Kerja": "+62 857-1234-5678",
    Alamat: "Jl.  Merdeka 1\\2",
    "Kode Kabupaten": "3273",
    "Nama Kabupaten": "kota bandung",
    "Kode Provinsi": "32",
    "Kode Pos": "40115",
    "Nomor Telepon Pemberi Kerja": "0812 9876 5432",
    "Alamat Email Pemberi Kerja": "SinarJaya.Admin@yahoo.co.id",
    "Jumlah Pekerja": "1.2E+2",
    "Skala Usaha": "kecil",
    KBLI: "47111 perdagangan eceran",
  },
];

const TK_ROWS: Record<string, string>[] = [
  { NIK: "3273011708450001", "Nama Tenaga Kerja": "BUDI SANTOSO", "Jenis Kelamin": "L", "Tanggal Lahir": "1945-08-17", Kewarganegaraan: "WNI", "Kode Pendaftaran WLKP": "3274163906288", Jabatan: "Operator" },
  { NIK: " 3273011708450002", "Nama Tenaga Kerja": "siti  aminah", "Jenis Kelamin": "Perempuan", "Tanggal Lahir": "17/08/1980", Kewarganegaraan: "Indonesia", "NPWP Pemberi Kerja": "01.312.166.0-091.000", "Tanggal Mulai Bekerja": "2020-1-5" },
];

async function importRows(source: "kemnaker-bu" | "kemnaker-tk", rows: Record<string, string>[]) {
  // Columns in reverse order: `raw` follows the column map, not the file.
  const labels = getSource(source).columns.map((column) => column.label).filter((label) => rows.some((row) => label in row)).reverse();
  const file = path.join(scratch.dir(), `${source}.csv`);
  await writeFile(file, [labels.join(";"), ...rows.map((row) => labels.map((label) => row[label] ?? "").join(";"))].join("\n") + "\n");
  const summary = await importFile({ ...base, source, period: "2025-S2", filePath: file });
  expect(summary).toMatchObject({ status: "imported", accepted: rows.length });
  const records = await db.sourceRecord.findMany({ where: { batchId: summary.batchId }, orderBy: { line: "asc" } });
  // As imports stored them before: every cell of the column map, empty ones as "".
  const fullRaw = rows.map((row) => getSource(source).columns.map((column) => row[column.label] ?? ""));
  const copies = await Promise.all(
    records.map((record, i) => {
      const { extra, ...fields } = record;
      return db.sourceRecord.create({ data: { ...fields, id: undefined, extra: extra ?? {}, raw: fullRaw[i]! } });
    }),
  );
  return { records, copies, fullRaw };
}

describe("raw keeps only what the fields do not reproduce", () => {
  it("rebuilds every delivered cell, from differences and from full rows alike, and stores less", async () => {
    for (const [source, rows] of [["kemnaker-bu", KEMNAKER_ROWS], ["kemnaker-tk", TK_ROWS]] as const) {
      const { records, copies, fullRaw } = await importRows(source, rows);
      records.forEach((record, i) => {
        expect(originalCells(source, record, record.raw).map((cell) => cell.text)).toEqual(fullRaw[i]);
        expect(originalCells(source, copies[i]!, copies[i]!.raw).map((cell) => cell.text)).toEqual(fullRaw[i]);
      });
      // The tidy row (the first) stores a fraction of its cells; the messy one no more than whole.
      const sizes = await db.$queryRaw<{ id: bigint; bytes: number }[]>`
        SELECT id, pg_column_size(raw) AS bytes FROM source_record WHERE id = ANY(${[...records, ...copies].map((r) => r.id)})`;
      const bytes = (id: bigint) => sizes.find((s) => s.id === id)!.bytes;
      expect(bytes(records[0]!.id)).toBeLessThan(bytes(copies[0]!.id) / 3);
      expect(bytes(records[1]!.id)).toBeLessThanOrEqual(bytes(copies[1]!.id));
    }
    // The tidy kemnaker-bu row keeps only what no field holds (region name); the messy one its odd cells.
    const stored = await db.sourceRecord.findMany({ where: { source: "kemnaker-bu" }, orderBy: { id: "asc" }, take: 2 });
    const kept = (raw: string[]) => raw.slice(1).map((item) => item.slice(item.indexOf(":") + 1));
    expect(kept(stored[0]!.raw)).toEqual(["KOTA BANDUNG"]);
    expect(kept(stored[1]!.raw)).toEqual(expect.arrayContaining(["9.15117E+12", "01.312.166.0-091.000", "  pt   sinar  jaya ", "1.2E+2", "kota bandung"]));
    expect(kept(stored[1]!.raw)).not.toContain("40115");
  });

  it("shows the same Catatan sumber, masked alike, as for a row stored whole", async () => {
    const admin = await createTestUser({ role: "ADMIN" });
    const records = await db.sourceRecord.findMany({ where: { source: "kemnaker-bu" }, orderBy: { id: "asc" } });
    expect(records).toHaveLength(4); // two imported, two stored whole
    await db.business.createMany({ data: [businessRow(1, { provinceCode: "32", regencyCode: "32.73" })] });
    await db.businessRecord.createMany({
      data: records.map((r, i) => ({ sourceRecordId: r.id, businessId: 1n, source: r.source, fingerprint: `f${i}`, rule: "dasar", evidence: {} })),
    });
    const detail = await getLeadDetail({ businessId: 1n, scope: regionScopeFor("ADMIN", []), actor: { id: admin.id, username: admin.username, role: admin.role }, context: NO_CONTEXT });
    const shown = (id: bigint) => {
      const values = detail!.records.find((r) => r.id === String(id))!.values;
      // Masked values are keyed by record: the same cell of two records differs only there.
      return JSON.parse(JSON.stringify(values).replaceAll(`"r${id}:`, '"r:'));
    };
    expect(shown(records[0]!.id)).toEqual(shown(records[2]!.id));
    expect(shown(records[1]!.id)).toEqual(shown(records[3]!.id));
    const messy = detail!.records.find((r) => r.id === String(records[1]!.id))!.values;
    const cell = (label: string) => messy.find((v) => v.label === label)?.value;
    expect(cell("Nama Pemberi Kerja")).toBe("  pt   sinar  jaya ");
    expect(cell("Nomor Pokok Wajib Pajak (NPWP)")).toBe("01.312.166.0-091.000");
    expect(cell("Nomor Telepon Pemberi Kerja")).toMatchObject({ kind: "phone" });
    expect(cell("Alamat Email Pemberi Kerja")).toMatchObject({ kind: "email" });
  });
});
