import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RegionScope } from "@/server/access/region-scope.ts";
import { recordAuditEvent } from "@/server/audit/append-audit-event.ts";
import { refreshCoverageStats } from "@/server/dashboard/refresh-coverage.ts";
import { db, disconnectDb, setDatabaseUrl } from "@/server/db/client.ts";
import { openRejectReport } from "@/server/ingest/reject-report.ts";
import { ensureRegionsLoaded } from "@/server/regions/load-regions.ts";
import { isMonevEmpty } from "@/lib/monev.ts";
import { exportMonevReport } from "@/server/reports/export-monev-report.ts";
import { getMonevFigures } from "@/server/reports/get-monev-figures.ts";
import { businessRow, NO_CONTEXT } from "../support/factories.ts";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../support/throwaway-database.ts";

/**
 * The yearly monitoring and evaluation figures on a small data set of known numbers, in a
 * database of their own (coverage aggregates and the audit trail are global): what an admin sees
 * for the whole country, and what a supervisor of Jawa Barat sees of it.
 */
let database: ThrowawayDatabase;
const EVERYTHING: RegionScope = { kind: "all" };
const JABAR: RegionScope = { kind: "regions", codes: ["32"] };
const YEAR = 2026;
const actor = { id: null, username: "mitra-uji", role: "PARTNER" };

async function batch(fields: { source: string; period: string; dataRows: number; accepted: number; rejected: number; channel?: "CLI" | "API"; rejectReport?: string | null; createdAt?: Date }) {
  const row = await db.importBatch.create({
    data: {
      source: fields.source,
      period: fields.period,
      channel: fields.channel ?? "CLI",
      fileSha256: randomUUID(),
      fileSize: 100n,
      dataRows: fields.dataRows,
      accepted: fields.accepted,
      rejected: fields.rejected,
      duplicates: 0,
      warnings: 0,
      rejectReport: fields.rejectReport ?? null,
      actorUsername: "uji",
      ...(fields.createdAt && { createdAt: fields.createdAt }),
    },
  });
  return row.id;
}

/** `count` accepted records of a batch located in a regency. */
async function records(batchId: string, source: string, regency: string, count: number) {
  await db.sourceRecord.createMany({
    data: Array.from({ length: count }, (_, i) => ({ batchId, source, line: i + 2, provinceCode: regency.slice(0, 2), regencyCode: regency })),
  });
}

async function balikan(partner: "kemnaker" | "ahu", period: string, createdAt: Date, rows: number) {
  await db.balikanDelivery.create({
    data: { partner, period, fileName: `b-${randomUUID()}.zip`, storedFile: `balikan-${randomUUID()}.zip`, sha256: "0".repeat(64), bytes: 1n, passwordHash: "x", rows, entries: [], createdByUsername: "uji", createdAt },
  });
}

beforeAll(async () => {
  database = await createThrowawayDatabase("monev");
  await disconnectDb();
  setDatabaseUrl(database.url);
  await ensureRegionsLoaded({ url: database.url });

  // A reject report of three refused rows: two for the same reason (values differ), one other.
  const report = await openRejectReport();
  await report.rejected(3, [{ column: "Kode Kabupaten", value: "99.99", reason: 'Kode kabupaten "99.99" bukan kode wilayah Kemendagri yang sah' }]);
  await report.rejected(5, [{ column: "Kode Kabupaten", value: "88.88", reason: 'Kode kabupaten "88.88" bukan kode wilayah Kemendagri yang sah' }]);
  await report.rejected(7, [{ column: "NPWP", value: "1.23E+14", reason: "NPWP tidak lengkap" }]);
  await report.close();

  const s1 = await batch({ source: "kemnaker-bu", period: "2026-S1", dataRows: 10, accepted: 7, rejected: 3, rejectReport: report.name });
  await records(s1, "kemnaker-bu", "32.73", 4);
  await records(s1, "kemnaker-bu", "35.78", 3);
  const s2 = await batch({ source: "kemnaker-bu", period: "2026-S2", dataRows: 5, accepted: 5, rejected: 0 });
  await records(s2, "kemnaker-bu", "32.04", 2);
  await records(s2, "kemnaker-bu", "35.78", 3);
  const tk = await batch({ source: "kemnaker-tk", period: "2026-S1", dataRows: 20, accepted: 20, rejected: 0, channel: "API", createdAt: new Date("2026-03-01T00:00:00Z") });
  await records(tk, "kemnaker-tk", "32.73", 20);
  // Not this report's: another year, another partner.
  await batch({ source: "kemnaker-bu", period: "2025-S2", dataRows: 50, accepted: 50, rejected: 0 });
  await batch({ source: "ahu-entitas", period: "2026-S1", dataRows: 30, accepted: 30, rejected: 0, channel: "API" });

  // Businesses: 1–4 in Kota Bandung (32.73), 5–7 in Kota Surabaya (35.78), 8 only from AHU.
  const businesses = [
    businessRow(1, { provinceCode: "32", regencyCode: "32.73", status: "BELUM_TERDAFTAR", workerCount: 10, workerGap: 10, workersListed: 4, workersUnregistered: 4 }),
    businessRow(2, { provinceCode: "32", regencyCode: "32.73", status: "DAFTAR_SEBAGIAN", workerCount: 20, registeredWorkers: 15, workerGap: 5, workersListed: 6, workersHere: 3, workersElsewhere: 1, workersOtherSegment: 1, workersUnregistered: 1 }),
    businessRow(3, { provinceCode: "32", regencyCode: "32.73", status: "TERDAFTAR_AKTIF", isLead: false, workerCount: 7, registeredWorkers: 7, workerGap: 0 }),
    businessRow(4, { provinceCode: "32", regencyCode: "32.73", status: "TERDAFTAR_NONAKTIF", workerCount: 3, workerGap: 3 }),
    businessRow(5, { provinceCode: "35", regencyCode: "35.78", status: "BELUM_TERDAFTAR", workerCount: 5, workerGap: 5 }),
    businessRow(6, { provinceCode: "35", regencyCode: "35.78", status: "TERDAFTAR_AKTIF", isLead: false, workerCount: 9, registeredWorkers: 9, workerGap: 0 }),
    businessRow(7, { provinceCode: "35", regencyCode: "35.78", status: "BELUM_TERDAFTAR", workerCount: 1, workerGap: 1 }),
    businessRow(8, { provinceCode: "32", regencyCode: "32.73", status: "BELUM_TERDAFTAR", sources: ["ahu-entitas"] }),
  ];
  await db.business.createMany({ data: businesses });
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    await client.query("BEGIN");
    await refreshCoverageStats(client, 1);
    await client.query("COMMIT");
  } finally {
    await client.end();
  }
  await db.coverageTrend.createMany({
    data: [
      { period: "2026-S1", provinceCode: "32", status: "TERDAFTAR_AKTIF", businesses: 1, workers: 7n },
      { period: "2026-S1", provinceCode: "32", status: "BELUM_TERDAFTAR", businesses: 3, workers: 10n },
      { period: "2026-S1", provinceCode: "35", status: "BELUM_TERDAFTAR", businesses: 4, workers: 6n },
      { period: "2026-S2", provinceCode: "32", status: "TERDAFTAR_AKTIF", businesses: 2, workers: 14n },
      { period: "2026-S2", provinceCode: "32", status: "BELUM_TERDAFTAR", businesses: 2, workers: 10n },
      { period: "2026-S2", provinceCode: "35", status: "TERDAFTAR_AKTIF", businesses: 2, workers: 9n },
      { period: "2026-S2", provinceCode: "35", status: "BELUM_TERDAFTAR", businesses: 2, workers: 6n },
    ],
  });

  // Follow-up: business 3 called and visited, then registered by its officer; business 6
  // called, then found registered by an import; business 5 called last year only.
  const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
  await db.leadFollowUp.createMany({
    data: [
      { businessId: 3n, status: "TERDAFTAR", closedAt: new Date("2026-05-01T03:00:00Z") },
      { businessId: 6n, status: "TERDAFTAR", closedAt: new Date("2026-08-01T03:00:00Z"), closedBy: "import" },
      { businessId: 5n, status: "DIHUBUNGI" },
      { businessId: 1n, status: "DIKUNJUNGI" },
    ],
  });
  await db.leadActivity.createMany({
    data: [
      { businessId: 3n, kind: "TELEPON", occurredOn: day("2026-03-01"), actorUsername: "petugas" },
      { businessId: 3n, kind: "KUNJUNGAN", occurredOn: day("2026-04-01"), actorUsername: "petugas" },
      { businessId: 6n, kind: "TELEPON", occurredOn: day("2026-02-01"), actorUsername: "petugas" },
      { businessId: 6n, kind: "CATATAN_SISTEM", occurredOn: day("2026-08-01"), actorUsername: "sistem" },
      { businessId: 5n, kind: "TELEPON", occurredOn: day("2025-12-30"), actorUsername: "petugas" },
      { businessId: 1n, kind: "KUNJUNGAN", occurredOn: day("2026-06-01"), actorUsername: "petugas" },
    ],
  });

  // Data balikan of 2026-S1 (due 31 December 2026): once on time, once regenerated late.
  await balikan("kemnaker", "2026-S1", new Date("2026-11-01T02:00:00Z"), 12);
  await balikan("kemnaker", "2026-S1", new Date("2027-01-02T02:00:00Z"), 12);
  await balikan("kemnaker", "2025-S2", new Date("2026-02-01T02:00:00Z"), 50);
  await balikan("ahu", "2026-S1", new Date("2026-11-01T02:00:00Z"), 30);

  // Web-service calls: two of Kemnaker's (one refused), and the worker's event that repeats one.
  const call = (partner: string, outcome: "SUCCESS" | "FAILURE", objectType = "partner_api") =>
    recordAuditEvent({ action: "partner_api.records", outcome, actor, objectType, objectId: "kemnaker-tk", details: { partner, source: "kemnaker-tk" }, context: NO_CONTEXT });
  await call("kemnaker", "SUCCESS", "import_job");
  await call("kemnaker", "FAILURE");
  await call("kemnaker", "SUCCESS", "import_batch");
  await call("ahu", "SUCCESS");
  await recordAuditEvent({ action: "partner_api.status", actor, objectType: "partner_api", objectId: "kemnaker", details: { partner: "kemnaker" }, context: NO_CONTEXT });
}, 120_000);

afterAll(async () => {
  await disconnectDb();
  await database?.drop();
});

describe("the yearly monev figures", () => {
  it("count the whole country's exchange with Kemnaker for an admin", async () => {
    const figures = await getMonevFigures({ partner: "kemnaker", year: YEAR, scope: EVERYTHING });
    expect(figures.national).toBe(true);
    expect(figures.received).toEqual([
      { period: "2026-S1", source: "kemnaker-bu", files: 1, dataRows: 10, accepted: 7, rejected: 3, duplicates: 0 },
      { period: "2026-S1", source: "kemnaker-tk", files: 1, dataRows: 20, accepted: 20, rejected: 0, duplicates: 0 },
      { period: "2026-S2", source: "kemnaker-bu", files: 1, dataRows: 5, accepted: 5, rejected: 0, duplicates: 0 },
      { period: "2026-S2", source: "kemnaker-tk", files: 0, dataRows: 0, accepted: 0, rejected: 0, duplicates: 0 },
    ]);
    expect(figures.rejectReasons).toEqual([
      { reason: 'Kode Kabupaten: Kode kabupaten "…" bukan kode wilayah Kemendagri yang sah', rows: 2 },
      { reason: "NPWP: NPWP tidak lengkap", rows: 1 },
    ]);
    expect(figures.businesses).toEqual({
      total: 7,
      byStatus: { BELUM_TERDAFTAR: 3, TERDAFTAR_NONAKTIF: 1, DAFTAR_SEBAGIAN: 1, TERDAFTAR_AKTIF: 2 },
      workersReported: 55,
      workerGap: 24,
    });
    expect(figures.workers).toEqual({ listed: 10, here: 3, elsewhere: 1, otherSegment: 1, unregistered: 5 });
    expect(figures.leads).toEqual([
      { status: "BELUM_TERDAFTAR", businesses: 3 },
      { status: "TERDAFTAR_NONAKTIF", businesses: 1 },
      { status: "DAFTAR_SEBAGIAN", businesses: 1 },
    ]);
    expect(figures.followUp).toEqual({ contacted: 3, visited: 2, registeredByFollowUp: 1, registeredByImport: 1, workersRegistered: 16, workersKnownFor: 2 });
    expect(figures.coverage).toEqual([
      { period: "2026-S1", businesses: 8, registeredActive: 1, rate: 1 / 8 },
      { period: "2026-S2", businesses: 8, registeredActive: 4, rate: 4 / 8 },
    ]);
    expect(figures.balikan).toEqual([
      { period: "2026-S1", deliveredAt: "2026-11-01T02:00:00.000Z", dueDate: "2026-12-31", onTime: true, rows: 12 },
      { period: "2026-S1", deliveredAt: "2027-01-02T02:00:00.000Z", dueDate: "2026-12-31", onTime: false, rows: 12 },
    ]);
    expect(figures.webService).toEqual({ calls: 3, refusedCalls: 1, batches: 1, records: 20, rejected: 0 });
    expect(isMonevEmpty(figures)).toBe(false);
  });

  it("covers only a supervisor's regions, leaving out the national exchange", async () => {
    const figures = await getMonevFigures({ partner: "kemnaker", year: YEAR, scope: JABAR });
    expect(figures.national).toBe(false);
    expect(figures.received.map((r) => [r.period, r.source, r.accepted, r.files, r.rejected])).toEqual([
      ["2026-S1", "kemnaker-bu", 4, null, null],
      // Workers carry no region: unknown in a region's report, never zero.
      ["2026-S1", "kemnaker-tk", null, null, null],
      ["2026-S2", "kemnaker-bu", 2, null, null],
      ["2026-S2", "kemnaker-tk", null, null, null],
    ]);
    expect(figures.rejectReasons).toBeNull();
    expect(figures.balikan).toBeNull();
    expect(figures.webService).toBeNull();
    expect(figures.businesses.total).toBe(4);
    expect(figures.leads.map((l) => l.businesses)).toEqual([1, 1, 1]);
    expect(figures.followUp).toEqual({ contacted: 2, visited: 2, registeredByFollowUp: 1, registeredByImport: 0, workersRegistered: 7, workersKnownFor: 1 });
    expect(figures.coverage).toEqual([
      { period: "2026-S1", businesses: 4, registeredActive: 1, rate: 0.25 },
      { period: "2026-S2", businesses: 4, registeredActive: 2, rate: 0.5 },
    ]);
  });

  it("is empty for a year without exchange, and AHU's has no worker figures", async () => {
    const empty = await getMonevFigures({ partner: "kemnaker", year: 2024, scope: EVERYTHING });
    expect(isMonevEmpty(empty)).toBe(true);
    const ahu = await getMonevFigures({ partner: "ahu", year: YEAR, scope: EVERYTHING });
    expect(ahu.workers).toBeNull();
    expect(ahu.businesses.total).toBe(1);
    expect(ahu.webService).toEqual({ calls: 1, refusedCalls: 0, batches: 1, records: 30, rejected: 0 });
    expect(ahu.balikan?.map((b) => b.rows)).toEqual([30]);
  });
});

/** The PDF's text as pdftotext (poppler-utils) reads it, in reading order. */
async function pdfText(file: string): Promise<string> {
  const { stdout } = await promisify(execFile)("pdftotext", ["-layout", file, "-"]);
  return stdout;
}

describe("a supervisor's download", () => {
  it("holds his regions' figures only and is audited with his scope", async () => {
    const supervisor = { id: null, username: "supervisor-uji", role: "SUPERVISOR" };
    const { files } = await exportMonevReport({ partner: "kemnaker", year: YEAR, formats: ["xlsx"], scope: JABAR, actor: supervisor, context: NO_CONTEXT });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(files[0]!.body as unknown as ArrayBuffer);
    const leads = workbook.getWorksheet("Badan usaha ditemukan")!.getSheetValues().filter(Boolean).map((row) => (row as unknown[]).slice(1));
    expect(leads).toContainEqual(["Jumlah", 4]);
    expect(workbook.getWorksheet("Pengiriman data balikan")!.getCell("A2").value).toMatch(/^Hanya pada laporan seluruh wilayah/);
    const [event] = await db.auditEvent.findMany({ where: { action: "report.monev_export", actorUsername: "supervisor-uji" } });
    expect(event).toMatchObject({ region: "32", objectId: "laporan-monev-kemnaker-2026", details: { partner: "kemnaker", year: 2026, formats: ["xlsx"] } });
  });
});

describe("jangkau laporan monev", () => {
  const cli = (...args: string[]) =>
    promisify(execFile)(process.execPath, ["cli/bin.mjs", "laporan", "monev", ...args], { env: { ...process.env, DATABASE_URL: database.url } }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
    );

  it("writes the report's files for the whole country and audits the export", { timeout: 60_000 }, async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "monev-"));
    try {
      const result = await cli("--partner", "kemnaker", "--year", String(YEAR), "--out", dir, "--json");
      expect(result.code).toBe(0);
      const summary = JSON.parse(result.stdout.trim().split("\n").at(-1)!);
      expect(summary.files.map((f: { path: string }) => path.basename(f.path)).sort()).toEqual(["laporan-monev-kemnaker-2026.pdf", "laporan-monev-kemnaker-2026.xlsx"]);

      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await readFile(path.join(dir, "laporan-monev-kemnaker-2026.xlsx"))) as unknown as ArrayBuffer);
      const cells = (name: string) => workbook.getWorksheet(name)!.getSheetValues().filter(Boolean).map((row) => (row as unknown[]).slice(1));
      expect(cells("Ringkasan")[0]).toEqual(["Laporan Monitoring dan Evaluasi Kemnaker Tahun 2026"]);
      expect(cells("Ringkasan")).toContainEqual(["Periode data", "2026-S1, 2026-S2"]);
      expect(cells("Ringkasan")).toContainEqual(["Wilayah", "Semua wilayah"]);
      const received = cells("Data diterima per periode");
      expect(received[2]).toEqual(["Periode", "Sumber data", "Berkas", "Baris", "Diterima", "Ditolak", "Duplikat"]);
      expect(received[3]).toEqual(["2026-S1", "Kemnaker — Badan Usaha (WLKP, Lampiran I.1)", 1, 10, 7, 3, 0]);
      expect(cells("Perubahan cakupan")[3]).toEqual(["2026-S1", 8, 1, 0.125]);

      const pdf = await pdfText(path.join(dir, "laporan-monev-kemnaker-2026.pdf"));
      expect(pdf).toContain("Laporan Monitoring dan Evaluasi");
      expect(pdf).toContain("Perjanjian Kerja Sama BPJS Kesehatan dan Kementerian Ketenagakerjaan (2025)");
      expect(pdf).toContain("Pasal 9");
      expect(pdf).toContain("2026-S1 dan 2026-S2");
      expect(pdf).toMatch(/Halaman 1 dari \d+/);
      expect(pdf).toContain("Prospek menurut status");
      expect(pdf).toContain("Kode Kabupaten: Kode kabupaten \"…\" bukan kode wilayah Kemendagri yang sah");
      expect(pdf).toContain("12,5%");

      const [event] = await db.auditEvent.findMany({ where: { action: "report.monev_export" }, orderBy: { id: "desc" }, take: 1 });
      expect(event).toMatchObject({ objectType: "monev_report", objectId: "laporan-monev-kemnaker-2026", outcome: "SUCCESS" });
      expect(event!.actorUsername).toMatch(/^cli:/);
      expect(event!.details).toMatchObject({ partner: "kemnaker", year: 2026, files: [{ fileName: "laporan-monev-kemnaker-2026.pdf" }, { fileName: "laporan-monev-kemnaker-2026.xlsx", sha256: summary.files[1].sha256 }] });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("refuses an unknown partner or a year before the agreements", async () => {
    expect((await cli("--partner", "bpjs", "--year", "2026", "--out", tmpdir())).code).toBe(2);
    const early = await cli("--partner", "ahu", "--year", "2019", "--out", tmpdir());
    expect(early.code).toBe(2);
    expect(early.stderr).toContain("Tahun paling awal 2023");
  });
});
