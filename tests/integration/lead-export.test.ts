import { createHash, randomUUID } from "node:crypto";
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LeadExportFormat } from "@/lib/leads/lead-columns.ts";
import type { LeadFilter } from "@/lib/leads/lead-filter.ts";
import type { RegionScope } from "@/server/access/region-scope.ts";
import type { AuditActor } from "@/server/audit/append-audit-event.ts";
import { db, disconnectDb, setDatabaseUrl } from "@/server/db/client.ts";
import { countLeadExport } from "@/server/leads/count-lead-export.ts";
import { config } from "@/server/config.ts";
import { leadExportMaxRows } from "@/server/leads/export-limits.ts";
import { LeadExportTooLarge, openLeadExport, type LeadExportRequest } from "@/server/leads/export-leads.ts";
import { ensureRegionsLoaded } from "@/server/regions/load-regions.ts";
import { businessRow } from "../support/factories.ts";
import { collectOutput, readTableFile } from "../support/table-files.ts";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../support/throwaway-database.ts";

/**
 * The web export's use case (openLeadExport, as /prospek/ekspor calls it) on a business table of
 * its own: the caller's region scope inside the query whatever the filter, the per-role cap, the
 * audit record and its SHA-256, masking as on screen, formula cells in both formats, and a reader
 * that goes away halfway.
 */
let database: ThrowawayDatabase;
const SURABAYA: RegionScope = { kind: "regions", codes: ["35.78"] };
const BANDUNG: RegionScope = { kind: "regions", codes: ["32.73"] };
const officer: AuditActor = { id: null, username: "petugas2-uji", role: "OFFICER" };
const NIK_NPWP = "3273011708450001";
const FORMULA = "=cmd|' /C calc'!A0";
const MANY = 6_000;

beforeAll(async () => {
  database = await createThrowawayDatabase("leadexport");
  await disconnectDb();
  process.env.DATABASE_URL = database.url;
  setDatabaseUrl(database.url);
  await ensureRegionsLoaded();
  const inBandung = { provinceCode: "32", regencyCode: "32.73" };
  const inSurabaya = { provinceCode: "35", regencyCode: "35.78" };
  await db.business.createMany({
    data: [
      businessRow(1, { ...inBandung, name: "PT Sinar Bandung", npwp: "0013121660091000", email: "info@sinar.co.id", priority: 90 }),
      businessRow(2, { ...inBandung, name: "Toko Pak Budi", npwp: NIK_NPWP, email: "budi.santoso@gmail.com", phone: "+6281234567890", priority: 80 }),
      businessRow(3, { ...inSurabaya, name: FORMULA, address: "+62 31 123", email: "@evil", priority: 70, workerCount: 12 }),
      businessRow(4, { ...inSurabaya, name: "CV Surabaya Makmur", npwp: "0098765432109000", priority: 60 }),
      // Many low-priority rows in Jakarta, for the reader that goes away.
      ...Array.from({ length: MANY }, (_, i) =>
        businessRow(100 + i, { provinceCode: "31", regencyCode: "31.71", name: `PT Jakarta ${i} ${"x".repeat(200)}`, priority: 1 }),
      ),
    ],
  });
});

afterAll(async () => {
  await disconnectDb();
  await database?.drop();
});

function request(filter: LeadFilter, scope: RegionScope, format: LeadExportFormat, extra: Partial<LeadExportRequest> = {}): LeadExportRequest {
  return {
    filter,
    scope,
    actorId: null,
    format,
    actor: officer,
    context: { ip: "127.0.0.1", userAgent: "vitest", requestId: randomUUID() },
    fileName: `prospek.${format}`,
    ...extra,
  };
}

async function exportRows(filter: LeadFilter, scope: RegionScope, format: LeadExportFormat, extra: Partial<LeadExportRequest> = {}) {
  const req = request(filter, scope, format, extra);
  const opened = await openLeadExport(req);
  const { output, bytes: written } = collectOutput();
  const summary = await opened.writeTo(output);
  const bytes = written();
  const { rows, types } = await readTableFile(bytes, format);
  for (const [r, kinds] of types.entries())
    for (const [c, type] of kinds.entries()) expect(type, `row ${r + 1}, column ${c + 1} is never a formula`).not.toBe(ExcelJS.ValueType.Formula);
  return { opened, summary, bytes, header: rows[0]!, rows: rows.slice(1), requestId: req.context.requestId! };
}

describe("openLeadExport", () => {
  it("keeps the caller's region scope inside the query: an officer of 35.78 asking for 32.73 gets nothing", async () => {
    for (const format of ["csv", "xlsx"] as const) {
      const other = await exportRows({ regionCodes: ["32.73"] }, SURABAYA, format, { maxRows: 100 });
      expect(other.opened.rows).toBe(0);
      expect(other.rows).toEqual([]);
      expect(other.summary.rows).toBe(0);
      const own = await exportRows({}, SURABAYA, format, { columns: ["name"] });
      expect(own.rows.map((row) => row[0])).toEqual([format === "csv" ? `'${FORMULA}` : FORMULA, "CV Surabaya Makmur"]);
    }
    expect(await countLeadExport({ filter: { regionCodes: ["32.73"] }, scope: SURABAYA, actorId: null, maxRows: 100 })).toEqual({ rows: 0, overCap: false, maxRows: 100 });
    // A search for another region's NPWP finds nothing either.
    const byNpwp = await exportRows({ q: "0013121660091000" }, SURABAYA, "csv");
    expect(byNpwp.rows).toEqual([]);
  });

  it("refuses a filter over the role's cap before writing anything, and records the refusal", async () => {
    const req = request({}, BANDUNG, "csv", { maxRows: 1 });
    await expect(openLeadExport(req)).rejects.toBeInstanceOf(LeadExportTooLarge);
    await expect(openLeadExport(request({}, BANDUNG, "csv", { maxRows: 1 }))).rejects.toThrow("lebih dari 1 baris");
    const event = await db.auditEvent.findFirst({ where: { requestId: req.context.requestId } });
    expect(event).toMatchObject({ action: "lead.export", outcome: "DENIED", reason: "row_cap" });
    expect(event!.details).toMatchObject({ maxRows: 1, format: "csv" });
    expect(await countLeadExport({ filter: {}, scope: BANDUNG, actorId: null, maxRows: 1 })).toEqual({ rows: 2, overCap: true, maxRows: 1 });
    // Exactly at the cap is allowed.
    expect((await exportRows({}, BANDUNG, "csv", { maxRows: 2 })).summary.rows).toBe(2);
  });

  it("reads the caps per role from the environment", () => {
    expect(leadExportMaxRows("OFFICER", config({}))).toBe(50_000);
    expect(leadExportMaxRows("ADMIN", config({}))).toBe(1_000_000);
    expect(leadExportMaxRows("OFFICER", config({ JANGKAU_EXPORT_MAX_ROWS_OFFICER: "20.000" }))).toBe(20_000);
    // A value that is no number stops the start, naming the variable.
    expect(() => config({ JANGKAU_EXPORT_MAX_ROWS_ADMIN: "banyak" })).toThrow(/JANGKAU_EXPORT_MAX_ROWS_ADMIN/);
  });

  it("audits the export with the filter, sort, columns, rows and the SHA-256 of exactly the bytes sent", async () => {
    for (const format of ["csv", "xlsx"] as const) {
      const { bytes, summary, requestId } = await exportRows({ regionCodes: ["32.73"], scales: ["MIKRO"] }, BANDUNG, format, {
        columns: ["name", "npwp", "email"],
        sort: { sort: "nama", direction: "asc" },
        maxRows: 10,
      });
      const sha256 = createHash("sha256").update(bytes).digest("hex");
      expect(summary).toMatchObject({ format, rows: 0, columns: 3, bytes: bytes.byteLength, sha256 });
      const events = await db.auditEvent.findMany({ where: { requestId, action: "lead.export" } });
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ action: "lead.export", outcome: "SUCCESS", actorUsername: "petugas2-uji", actorRole: "OFFICER", objectId: `prospek.${format}` });
      expect(events[0]!.details).toEqual({
        format,
        filter: { statuses: ["BELUM_TERDAFTAR", "TERDAFTAR_NONAKTIF", "DAFTAR_SEBAGIAN"], regionCodes: ["32.73"], all: false, scales: ["MIKRO"] },
        sort: "nama asc",
        columns: ["name", "npwp", "email"],
        rows: 0,
        sha256,
        exportId: expect.any(String),
      });
    }
  });

  it("masks personal data exactly as the lead pages do, in every format; phones in national form, no apostrophe", async () => {
    for (const format of ["csv", "csv-id", "xlsx"] as const) {
      const { header, rows } = await exportRows({}, BANDUNG, format, { columns: ["name", "npwp", "phone", "email"] });
      expect(header).toEqual(["Nama Badan Usaha", "NPWP", "Telepon", "Email"]);
      expect(rows).toEqual([
        // An entity's NPWP and a company address stay as they are.
        ["PT Sinar Bandung", "0013121660091000", null, "info@sinar.co.id"].map((v) => (format === "xlsx" ? v : (v ?? ""))),
        // A NIK-form NPWP, a mobile number and a webmail address are a person's: masked.
        ["Toko Pak Budi", "3273••••••••0001", "0812•••••890", "b•••@gmail.com"],
      ]);
      expect(JSON.stringify(rows)).not.toContain(NIK_NPWP);
      expect(JSON.stringify(rows)).not.toContain("budi.santoso");
      expect(JSON.stringify(rows)).not.toContain("81234567890");
    }
  });

  it("neutralises formula cells: prefixed in CSV, typed text in XLSX", async () => {
    const csv = await exportRows({ regionCodes: ["35.78"] }, SURABAYA, "csv", { columns: ["name", "address", "email"] });
    expect(csv.rows[0]).toEqual([`'${FORMULA}`, "'+62 31 123", "'@evil"]);
    const xlsx = await exportRows({ regionCodes: ["35.78"] }, SURABAYA, "xlsx", { columns: ["name", "address", "email", "workerCount"] });
    expect(xlsx.rows[0]).toEqual([FORMULA, "+62 31 123", 12, "@evil"]);
  });

  it("writes CSV for Indonesian Excel with ';' between cells", async () => {
    const { bytes, rows } = await exportRows({ regionCodes: ["35.78"] }, SURABAYA, "csv-id", { columns: ["name", "npwp", "workerCount", "priority"] });
    const text = bytes.toString("utf8");
    expect(text.startsWith("\uFEFFNama Badan Usaha;NPWP;Jumlah Pekerja (Kemnaker);Skor Prioritas\r\n")).toBe(true);
    expect(rows).toEqual([
      [`'${FORMULA}`, "", "12", "70"],
      ["CV Surabaya Makmur", "0098765432109000", "", "60"],
    ]);
  });

  it("sizes XLSX columns to their content", async () => {
    const { bytes } = await exportRows({}, { kind: "all" }, "xlsx", { columns: ["name", "npwp", "priority"], maxRows: 10_000 });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    // Names of 200+ characters: as wide as allowed. NPWP: 16 digits, wider than its header.
    // Priority: its header is the widest content.
    expect(sheet.getColumn(1).width).toBe(60);
    expect(sheet.getColumn(2).width).toBe(17);
    expect(sheet.getColumn(3).width).toBe("Skor Prioritas".length + 3);
  });

  it("waits for a slow reader, and records a FAILURE with the rows sent when the reader goes away", async () => {
    for (const format of ["csv", "xlsx"] as const) {
      const req = request({ regionCodes: ["31.71"] }, { kind: "all" }, format, { maxRows: 10_000 });
      const opened = await openLeadExport(req);
      expect(opened.rows).toBe(MANY);
      const output = new PassThrough({ highWaterMark: 16 * 1024 });
      const writing = opened.writeTo(output);
      writing.catch(() => undefined);
      // Nobody reads: the export stops at the buffers instead of holding the file in memory.
      let settled = false;
      void writing.then(() => (settled = true), () => (settled = true));
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(settled).toBe(false);
      expect(output.readableLength).toBeLessThan(1024 * 1024);
      output.destroy();
      await expect(writing).rejects.toThrow();
      const events = await db.auditEvent.findMany({ where: { requestId: req.context.requestId, action: "lead.export" } });
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ action: "lead.export", outcome: "FAILURE" });
      const details = events[0]!.details as { rows: number; sha256?: string };
      expect(details.rows).toBeGreaterThan(0);
      expect(details.rows).toBeLessThan(MANY);
      expect(details.sha256).toBeUndefined();
    }
  });
});
