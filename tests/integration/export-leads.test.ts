import { execFile } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough, Writable } from "node:stream";
import { promisify } from "node:util";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LEAD_COLUMN_HEADERS, LEAD_COLUMN_KEYS, type LeadExportFormat } from "@/lib/leads/lead-columns.ts";
import type { LeadFilter } from "@/lib/leads/lead-filter.ts";
import { SOURCE_LABELS } from "@/lib/sources.ts";
import { cliActor } from "@/server/audit/system-actor.ts";
import { db, disconnectDb, setDatabaseUrl } from "@/server/db/client.ts";
import { exportLeads } from "@/server/leads/export-leads.ts";
import { ensureRegionsLoaded } from "@/server/regions/load-regions.ts";
import { businessRow } from "../support/factories.ts";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../support/throwaway-database.ts";

const run = promisify(execFile);

/**
 * The business table is rewritten by every full match, so these tests get a database of their
 * own and insert the businesses they export directly.
 */
let database: ThrowawayDatabase;
let dir: string;
let bandung: { province: string; regency: string; district: string; village: string; names: string[] };

const FORMULA_NAME = '=HYPERLINK("http://contoh.invalid","klik")';

beforeAll(async () => {
  database = await createThrowawayDatabase("leads");
  process.env.DATABASE_URL = database.url;
  setDatabaseUrl(database.url);
  await ensureRegionsLoaded();
  dir = await mkdtemp(path.join(tmpdir(), "jangkau-leads-"));

  const village = (await db.region.findFirst({ where: { level: "VILLAGE", code: { startsWith: "32.73." } }, orderBy: { code: "asc" } }))!;
  const codes = [village.code.slice(0, 2), village.code.slice(0, 5), village.code.slice(0, 8), village.code];
  const regions = await db.region.findMany({ where: { code: { in: codes } } });
  bandung = {
    province: codes[0]!,
    regency: codes[1]!,
    district: codes[2]!,
    village: codes[3]!,
    names: codes.map((code) => regions.find((r) => r.code === code)!.name),
  };

  await db.business.createMany({
    data: [
      businessRow(1, {
        name: "PT Sinar Jaya",
        legalForm: "PT",
        npwp: "0013121660091000",
        nib: "1234567890123",
        kodeWlkp: "WLKP-0001",
        provinceCode: bandung.province,
        regencyCode: bandung.regency,
        districtCode: bandung.district,
        villageCode: bandung.village,
        address: "Jl. Merdeka 1",
        postcode: "40111",
        phone: "+62221234567",
        email: "info@sinar.co.id",
        workerCount: 120,
        registeredWorkers: null,
        workerGap: 120,
        businessScale: "MENENGAH",
        kbli: "47111",
        priority: 90,
        sources: ["ahu-entitas", "kemnaker-bu"],
      }),
      businessRow(2, {
        name: FORMULA_NAME,
        legalForm: "PERSEKUTUAN_PERDATA",
        provinceCode: "35",
        regencyCode: "35.78",
        address: "-2+3",
        email: "@evil",
        workerCount: 40,
        registeredWorkers: 25,
        workerGap: 15,
        status: "DAFTAR_SEBAGIAN",
        kodeBadanUsaha: "BU-77",
        priority: 70,
        sources: ["bpjs-bu", "kemnaker-bu"],
      }),
      businessRow(3, { name: "CV Nonaktif", status: "TERDAFTAR_NONAKTIF", provinceCode: "31", priority: 70, sources: ["bpjs-bu"] }),
      businessRow(4, { name: "PT Aktif Sekali", status: "TERDAFTAR_AKTIF", provinceCode: bandung.province, regencyCode: bandung.regency, priority: 0, sources: ["bpjs-bu"] }),
      businessRow(5, { name: 'PT "Maju", Tbk\nBaru', priority: 50, sources: [] }),
    ],
  });
});

afterAll(async () => {
  await disconnectDb();
  await database?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const context = () => ({ ip: null, userAgent: "vitest", requestId: randomUUID() });

/** Exports into memory: the bytes and the summary. */
async function exportBytes(filter: LeadFilter, format: LeadExportFormat, columns?: string[]) {
  const chunks: Buffer[] = [];
  const output = new PassThrough();
  output.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ctx = context();
  const summary = await exportLeads({ filter, format, columns, output, actor: cliActor(), context: ctx, fileName: `prospek.${format}` });
  return { bytes: Buffer.concat(chunks), summary, requestId: ctx.requestId };
}

/** A CSV export in memory: the bytes, the parsed rows (header first) and the summary. */
async function exportToMemory(filter: LeadFilter) {
  const { bytes, summary, requestId } = await exportBytes(filter, "csv");
  const [header, ...rows] = parse(bytes.toString("utf8"), { bom: true }) as string[][];
  return { bytes, header: header!, rows, summary, requestId };
}

/** An XLSX export read back with exceljs: its one sheet's cells, row by row (header first). */
async function exportXlsx(filter: LeadFilter, columns?: string[]) {
  const { bytes, summary, requestId } = await exportBytes(filter, "xlsx", columns);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const rows: ExcelJS.Cell[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const cells: ExcelJS.Cell[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) cells.push(row.getCell(c));
    rows.push(cells);
  });
  return { bytes, sheet, rows, summary, requestId };
}

/** A cell's text the way a spreadsheet shows it (inline strings come back as one rich-text run). */
function cellText(cell: ExcelJS.Cell): string | number | null {
  const value = cell.value;
  if (value === null || value === undefined) return null;
  if (typeof value === "object" && "richText" in value) return value.richText.map((run) => run.text).join("");
  return value as string | number;
}

const names = (rows: string[][]) => rows.map((row) => row[0]);

describe("exportLeads", () => {
  it("writes a UTF-8 CSV with BOM and the Indonesian columns, leads only, highest priority first", async () => {
    const { bytes, header, rows, summary } = await exportToMemory({});
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString("utf8")).toContain("\r\n");
    expect(header).toEqual([
      "Nama Badan Usaha",
      "Bentuk Usaha",
      "NPWP",
      "NIB",
      "Kode WLKP",
      "Kode Badan Usaha BPJS",
      "Kode Wilayah",
      "Provinsi",
      "Kabupaten/Kota",
      "Kecamatan",
      "Kelurahan",
      "Alamat",
      "Kode Pos",
      "Skala Usaha",
      "KBLI",
      "Jumlah Pekerja (Kemnaker)",
      "Pekerja Terdaftar JKN",
      "Selisih Pekerja",
      "Status Kepesertaan",
      "Sumber",
      "Skor Prioritas",
      "Telepon",
      "Email",
      "Status Tindak Lanjut",
      "Petugas",
      "Jenis",
    ]);
    expect(header).toEqual(LEAD_COLUMN_HEADERS);
    // Ties on priority keep the business id order; Terdaftar aktif is no lead.
    expect(names(rows)).toEqual(["PT Sinar Jaya", `'${FORMULA_NAME}`, "CV Nonaktif", 'PT "Maju", Tbk\nBaru']);
    expect(summary).toMatchObject({ format: "csv", rows: 4, columns: header.length, bytes: bytes.byteLength });

    expect(rows[0]).toEqual([
      "PT Sinar Jaya",
      "PT",
      "0013121660091000",
      "1234567890123",
      "WLKP-0001",
      "",
      bandung.village,
      ...bandung.names,
      "Jl. Merdeka 1",
      "40111",
      "Usaha Menengah",
      "47111",
      "120",
      "",
      "120",
      "Belum terdaftar",
      `${SOURCE_LABELS["ahu-entitas"]}; ${SOURCE_LABELS["kemnaker-bu"]}`,
      "90",
      "0221234567",
      "info@sinar.co.id",
      "Belum ditindaklanjuti",
      "",
      "Badan usaha",
    ]);
    // The NPWP stays 16 digits of text, leading zeros included.
    expect(bytes.toString("utf8")).toContain(",0013121660091000,");
    expect(rows[1]!.slice(1, 11)).toEqual(["Persekutuan Perdata", "", "", "", "BU-77", "35.78", "Jawa Timur", "Kota Surabaya", "", ""]);
    expect(rows[1]!.slice(15, 19)).toEqual(["40", "25", "15", "Daftar sebagian"]);
    expect(rows[2]![18]).toBe("Terdaftar nonaktif");
    expect(rows[3]!.slice(6, 11)).toEqual(["", "", "", "", ""]);
  });

  it("neutralises cells a spreadsheet would run as formulas", async () => {
    const { rows } = await exportToMemory({});
    const cells = rows.flat();
    expect(cells).toContain(`'${FORMULA_NAME}`);
    expect(cells).toContain("'-2+3");
    expect(cells).toContain("'@evil");
    for (const cell of cells) expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it("filters by status, and includes registered businesses with all", async () => {
    expect(names((await exportToMemory({ statuses: ["DAFTAR_SEBAGIAN", "TERDAFTAR_NONAKTIF"] })).rows)).toEqual([`'${FORMULA_NAME}`, "CV Nonaktif"]);
    expect(names((await exportToMemory({ statuses: ["TERDAFTAR_AKTIF"] })).rows)).toEqual(["PT Aktif Sekali"]);
    const all = await exportToMemory({ all: true });
    expect(names(all.rows)).toEqual(["PT Sinar Jaya", `'${FORMULA_NAME}`, "CV Nonaktif", 'PT "Maju", Tbk\nBaru', "PT Aktif Sekali"]);
    expect(all.rows[4]![18]).toBe("Terdaftar aktif");
  });

  it("filters by region at any level: the code itself or anything inside it", async () => {
    const byRegion = async (regionCodes: string[], all = true) => names((await exportToMemory({ regionCodes, all })).rows);
    expect(await byRegion([bandung.province])).toEqual(["PT Sinar Jaya", "PT Aktif Sekali"]);
    expect(await byRegion([bandung.regency], false)).toEqual(["PT Sinar Jaya"]);
    expect(await byRegion([bandung.district])).toEqual(["PT Sinar Jaya"]);
    expect(await byRegion([bandung.village])).toEqual(["PT Sinar Jaya"]);
    expect(await byRegion(["35.78", "31"])).toEqual([`'${FORMULA_NAME}`, "CV Nonaktif"]);
    // Undotted codes are the same regions; "32.7" is no prefix of "32.73".
    expect(await byRegion([bandung.regency.replace(".", "")])).toEqual(["PT Sinar Jaya", "PT Aktif Sekali"]);
    expect(await byRegion(["35"])).toEqual([`'${FORMULA_NAME}`]);
  });

  it("refuses region codes the region table does not know, before writing anything", async () => {
    const output = new PassThrough();
    await expect(exportLeads({ filter: { regionCodes: ["99.99"] }, format: "csv", output, actor: cliActor(), context: context() })).rejects.toThrow(
      "Kode wilayah tidak dikenal: 99.99",
    );
    expect(output.readableLength).toBe(0);
  });

  it("records lead.export with the CLI actor, the filter, the columns, the rows and the file's SHA-256", async () => {
    const { bytes, summary, requestId } = await exportToMemory({ statuses: ["BELUM_TERDAFTAR"], regionCodes: ["3273"] });
    expect(summary.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    const events = await db.auditEvent.findMany({ where: { requestId, action: "lead.export" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: "lead.export",
      outcome: "SUCCESS",
      actorRole: "CLI",
      actorUsername: cliActor().username,
      objectType: "lead_export",
      objectId: "prospek.csv",
    });
    expect(events[0]!.details).toEqual({
      format: "csv",
      filter: { statuses: ["BELUM_TERDAFTAR"], regionCodes: ["32.73"], all: false },
      sort: "prioritas desc",
      columns: LEAD_COLUMN_KEYS,
      rows: 1,
      sha256: summary.sha256,
      exportId: expect.any(String),
    });
  });

  it("records a FAILURE with the rows written so far when the output fails halfway", async () => {
    const requestId = randomUUID();
    const failing = new Writable({
      write(_chunk, _encoding, callback) {
        callback(new Error("disk full"));
      },
    });
    await expect(
      exportLeads({ filter: { all: true }, format: "csv", output: failing, actor: cliActor(), context: { ip: null, userAgent: "vitest", requestId } }),
    ).rejects.toThrow("disk full");
    const events = await db.auditEvent.findMany({ where: { requestId, action: "lead.export" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "lead.export", outcome: "FAILURE", reason: "disk full" });
    expect(events[0]!.details).toMatchObject({ format: "csv", rows: expect.any(Number) });
    expect(events[0]!.details).not.toHaveProperty("sha256");
  });
});

describe("exportLeads as XLSX", () => {
  it("writes one sheet: a bold frozen header, identifiers as typed strings, counts as numbers", async () => {
    const { rows, sheet, summary, bytes } = await exportXlsx({});
    expect(summary).toMatchObject({ format: "xlsx", rows: 4, columns: LEAD_COLUMN_HEADERS.length, bytes: bytes.byteLength });
    expect(summary.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect(sheet.name).toBe("Prospek");
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(rows[0]!.map(cellText)).toEqual(LEAD_COLUMN_HEADERS);
    expect((rows[0]![0]!.value as ExcelJS.CellRichTextValue).richText[0]!.font?.bold).toBe(true);
    expect(rows.slice(1).map((row) => cellText(row[0]!))).toEqual(["PT Sinar Jaya", FORMULA_NAME, "CV Nonaktif", 'PT "Maju", Tbk\nBaru']);

    const sinar = rows[1]!;
    const at = (key: string) => sinar[LEAD_COLUMN_KEYS.indexOf(key)]!;
    // A 16-digit NPWP is text with every digit: as a number it would lose its leading zero and its last digit.
    for (const [key, text] of [["npwp", "0013121660091000"], ["nib", "1234567890123"], ["postcode", "40111"], ["kbli", "47111"], ["phone", "0221234567"], ["regionCode", bandung.village]] as const) {
      expect(at(key).type, key).toBe(ExcelJS.ValueType.RichText);
      expect(cellText(at(key)), key).toBe(text);
    }
    for (const [key, count] of [["workerCount", 120], ["workerGap", 120], ["priority", 90]] as const) {
      expect(at(key).type, key).toBe(ExcelJS.ValueType.Number);
      expect(at(key).value, key).toBe(count);
    }
    expect(at("registeredWorkers").value).toBeNull();
  });

  it("keeps cells that look like formulas as literal text, and writes no formula at all", async () => {
    const { rows } = await exportXlsx({ all: true });
    const cells = rows.flat();
    for (const cell of cells) {
      expect(cell.type, String(cell.address)).not.toBe(ExcelJS.ValueType.Formula);
      expect(cell.formula).toBeUndefined();
    }
    const texts = cells.map(cellText);
    // Typed as strings they are never evaluated, so nothing is prefixed: the value is exactly what was stored.
    expect(texts).toContain(FORMULA_NAME);
    expect(texts).toContain("-2+3");
    expect(texts).toContain("@evil");
  });

  it("writes only the columns asked for, in the export's order", async () => {
    const { rows, summary } = await exportXlsx({ regionCodes: ["32.73"] }, ["npwp", "name", "workerGap"]);
    expect(rows.map((row) => row.map(cellText))).toEqual([
      ["Nama Badan Usaha", "NPWP", "Selisih Pekerja"],
      ["PT Sinar Jaya", "0013121660091000", 120],
    ]);
    expect(summary.columns).toBe(3);
  });
});

describe("jangkau export leads", () => {
  const cli = (...args: string[]) =>
    run(process.execPath, ["cli/bin.mjs", "export", "leads", ...args], { env: { ...process.env, DATABASE_URL: database.url } }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
    );

  it("writes the file, prints rows, path and SHA-256, and audits the export", { timeout: 60_000 }, async () => {
    const out = path.join(dir, "prospek-bandung.csv");
    const result = await cli("--format", "csv", "--out", out, "--region", "3273,35.78", "--status", "Belum_Terdaftar, sebagian", "--json");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout.trim().split("\n").at(-1)!);
    const bytes = await readFile(out);
    expect(summary).toEqual({
      status: "exported",
      path: out,
      format: "csv",
      rows: 2,
      columns: LEAD_COLUMN_HEADERS.length,
      bytes: bytes.byteLength,
      sha256: createHash("sha256").update(bytes).digest("hex"),
    });
    const event = await db.auditEvent.findFirst({ where: { action: "lead.export", objectId: "prospek-bandung.csv" } });
    expect(event).toMatchObject({ actorRole: "CLI", actorUsername: cliActor().username });
    expect(event?.details).toMatchObject({ rows: 2, sha256: summary.sha256, filter: { statuses: ["BELUM_TERDAFTAR", "DAFTAR_SEBAGIAN"], regionCodes: ["32.73", "35.78"] } });

    const human = await cli("--out", out, "--all");
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/Baris\s+5\n/);
    expect(human.stdout).toContain(out);
    expect(human.stdout).toContain(createHash("sha256").update(await readFile(out)).digest("hex"));
  });

  it("writes XLSX with --format xlsx and the chosen --columns", { timeout: 60_000 }, async () => {
    const out = path.join(dir, "prospek.xlsx");
    const result = await cli("--format", "xlsx", "--out", out, "--columns", "name,npwp", "--region", "32.73", "--json");
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout.trim().split("\n").at(-1)!);
    expect(summary).toMatchObject({ status: "exported", format: "xlsx", rows: 1, columns: 2 });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const sheet = workbook.worksheets[0]!;
    expect([1, 2].map((r) => [1, 2].map((c) => cellText(sheet.getRow(r).getCell(c))))).toEqual([
      ["Nama Badan Usaha", "NPWP"],
      ["PT Sinar Jaya", "0013121660091000"],
    ]);
  });

  it("exits 2 with a clear message for an unknown status, region, format or column, and leaves no file", { timeout: 60_000 }, async () => {
    const out = path.join(dir, "tidak-jadi.csv");
    const status = await cli("--out", out, "--status", "belum-terdaftar,hilang");
    expect(status.code).toBe(2);
    expect(status.stderr).toContain("Status tidak dikenal: hilang");
    const region = await cli("--out", out, "--region", "99.99");
    expect(region.code).toBe(2);
    expect(region.stderr).toContain("Kode wilayah tidak dikenal: 99.99");
    const format = await cli("--out", out, "--format", "ods");
    expect(format.code).toBe(2);
    expect(format.stderr).toContain("format tidak dikenal: ods");
    const column = await cli("--out", out, "--columns", "name,nik");
    expect(column.code).toBe(2);
    expect(column.stderr).toContain("kolom tidak dikenal: nik");
    // This database holds businesses only: notaries alone are none.
    const notaries = await cli("--out", path.join(dir, "notaris.csv"), "--kind", "notaris", "--json");
    expect(notaries.code).toBe(0);
    expect(JSON.parse(notaries.stdout.trim().split("\n").at(-1)!)).toMatchObject({ status: "exported", rows: 0 });
    const kind = await cli("--out", out, "--kind", "koperasi");
    expect(kind.code).toBe(2);
    expect(kind.stderr).toContain("jenis tidak dikenal: koperasi");
    expect((await readdir(dir)).filter((name) => name.includes("tidak-jadi"))).toEqual([]);
  });
});
