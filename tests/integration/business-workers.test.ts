import { createHash, randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WORKER_STATUSES, type WorkerStatusValue } from "@/lib/leads/worker-status.ts";
import { findPersonalValues } from "@/lib/personal-data.ts";
import type { RegionScope } from "@/server/access/region-scope.ts";
import { recordAuditEvent, type AuditActor } from "@/server/audit/append-audit-event.ts";
import { db, disconnectDb, setDatabaseUrl } from "@/server/db/client.ts";
import { openBusinessWorkerExport, WORKER_EXPORT_COLUMNS } from "@/server/leads/export-business-workers.ts";
import { openLeadExport } from "@/server/leads/export-leads.ts";
import { failInterruptedExports, INTERRUPTED_EXPORT_REASON } from "@/server/leads/fail-interrupted-exports.ts";
import { findBusinessWorkers } from "@/server/leads/find-business-workers.ts";
import { revealPersonalData } from "@/server/leads/reveal-personal-data.ts";
import { businessWorkerWhere, WORKER_FROM, WORKER_ORDER_BY } from "@/server/leads/worker-query.ts";
import { ensureRegionsLoaded } from "@/server/regions/load-regions.ts";
import { businessRow } from "../support/factories.ts";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../support/throwaway-database.ts";
import { collectOutput, readTableFile } from "../support/table-files.ts";
import { insertBusinessWorkers, testNik, type WorkerSeed } from "../support/worker-rows.ts";

/**
 * A business's Kemnaker workers on the lead page, their reveal and the one-business export of
 * the unregistered ones, on tables of their own: a Bandung business with 5,000 workers, a small
 * Surabaya one, and one Kemnaker sent no worker rows for. The region scope holds in every read,
 * NIKs leave masked except through the audited reveal and the audited export, and the bulk lead
 * export never carries a worker's NIK.
 */
let database: ThrowawayDatabase;
let client: pg.Client;
const BANDUNG: RegionScope = { kind: "regions", codes: ["32.73"] };
const SURABAYA: RegionScope = { kind: "regions", codes: ["35.78"] };
const officer: AuditActor = { id: null, username: "petugas-uji", role: "OFFICER" };
const BIG = 1n;
const SMALL = 2n;
const NONE = 3n;
/** Another business with many workers: the big one is then one among many, as in production. */
const CROWD = 4n;
const WORKERS = 5_000;
const context = () => ({ ip: "127.0.0.1", userAgent: "vitest", requestId: randomUUID() });
const stringify = (value: unknown) => JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v));

/** The big business's workers: 40 % here, 10 % elsewhere, 10 % other segment, 40 % not registered. */
function bigWorker(i: number): WorkerSeed {
  const status: WorkerStatusValue = i % 10 < 4 ? "TERDAFTAR_DI_SINI" : i % 10 === 4 ? "TERDAFTAR_DI_LAIN" : i % 10 === 5 ? "SEGMEN_LAIN" : "BELUM_TERDAFTAR";
  return {
    name: `PEKERJA ${String(i).padStart(4, "0")}`,
    nik: i === 7 ? null : testNik(i),
    status,
    position: i % 2 ? "Operator" : "Staf Gudang",
    employmentStatus: "PKWT",
    startDate: "2024-03-01",
    ...(i === 9 && { citizenship: "WNA" as const, passportNumber: "C1234567", nik: null }),
  };
}
const bigWorkers = Array.from({ length: WORKERS }, (_, i) => bigWorker(i));
let smallIds: string[];

beforeAll(async () => {
  database = await createThrowawayDatabase("workers");
  await disconnectDb();
  setDatabaseUrl(database.url);
  await ensureRegionsLoaded({ url: database.url });
  await db.business.createMany({
    data: [
      businessRow(1, { provinceCode: "32", regencyCode: "32.73", name: "PT Tekstil Bandung", status: "DAFTAR_SEBAGIAN", workerCount: WORKERS, npwp: "3273011708450001" }),
      businessRow(2, { provinceCode: "35", regencyCode: "35.78", name: "CV Surabaya Logam" }),
      businessRow(3, { provinceCode: "32", regencyCode: "32.73", name: "UD Tanpa Data TK" }),
      businessRow(4, { provinceCode: "35", regencyCode: "35.78", name: "PT Ramai Pekerja" }),
    ],
  });
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
  await insertBusinessWorkers((sql, params) => client.query(sql, params), BIG, bigWorkers);
  smallIds = await insertBusinessWorkers((sql, params) => client.query(sql, params), SMALL, [
    { name: "SITI", nik: testNik(90_001), status: "BELUM_TERDAFTAR" },
    { name: "ANDI", nik: testNik(90_002), status: "TERDAFTAR_DI_SINI" },
  ]);
  await insertBusinessWorkers(
    (sql, params) => client.query(sql, params),
    CROWD,
    Array.from({ length: 100_000 }, (_, i) => ({ name: `RAMAI ${i}`, nik: testNik(200_000 + i), status: "BELUM_TERDAFTAR" as const })),
  );
  // Real statistics (imports and match runs ANALYZE): the plan asserted below must hold on them.
  await client.query("ANALYZE worker_status");
}, 120_000);

afterAll(async () => {
  await client?.end();
  await disconnectDb();
  await database?.drop();
});

describe("findBusinessWorkers", () => {
  it("counts by status from the business's columns and lists unregistered workers first, by name, NIKs masked", async () => {
    const page = await findBusinessWorkers({ businessId: BIG, scope: BANDUNG, query: { status: null, page: 1 } });
    expect(page.counts).toEqual({ listed: 5_000, here: 2_000, elsewhere: 500, otherSegment: 500, unregistered: 2_000 });
    expect(page).toMatchObject({ total: 5_000, page: 1, pageCount: 100 });
    expect(page.rows).toHaveLength(50);
    expect(page.rows[0]).toMatchObject({ name: "PEKERJA 0006", status: "BELUM_TERDAFTAR", segment: null, position: "Staf Gudang", startDate: "2024-03-01" });
    expect(page.rows[0]!.nik).toEqual({ key: `w${page.rows[0]!.id}:nik`, kind: "nik", masked: "3273••••••••0006" });
    expect(page.rows.map((r) => r.name)).toEqual([...page.rows.map((r) => r.name)].sort());
    // Nothing in the page's data is a clear NIK.
    expect(findPersonalValues(JSON.stringify(page))).toEqual([]);
  });

  it("filters by status and pages through every worker of it exactly once", async () => {
    for (const status of WORKER_STATUSES) {
      const seen = new Set<string>();
      let pageCount = 1;
      for (let n = 1; n <= pageCount; n++) {
        const page = await findBusinessWorkers({ businessId: BIG, scope: BANDUNG, query: { status, page: n }, pageSize: 400 });
        pageCount = page.pageCount;
        expect(page.rows.every((r) => r.status === status)).toBe(true);
        for (const r of page.rows) seen.add(r.id);
      }
      expect(seen.size, status).toBe(bigWorkers.filter((w) => w.status === status).length);
    }
    // Beyond the last page: the last page.
    const last = await findBusinessWorkers({ businessId: BIG, scope: BANDUNG, query: { status: "SEGMEN_LAIN", page: 99 } });
    expect(last).toMatchObject({ page: 10, pageCount: 10 });
    expect(last.rows).toHaveLength(50);
    const registered = await findBusinessWorkers({ businessId: BIG, scope: BANDUNG, query: { status: "TERDAFTAR_DI_SINI", page: 1 } });
    expect(registered.rows[0]).toMatchObject({ segment: "PPU BU", active: true });
  });

  it("finds nothing outside the caller's regions, nor for a business Kemnaker sent no worker rows for", async () => {
    for (const scope of [SURABAYA, { kind: "none" } as const, { kind: "regions", codes: ["32.04"] } as const]) {
      expect(await findBusinessWorkers({ businessId: BIG, scope, query: { status: null, page: 1 } })).toEqual({ counts: null, rows: [], total: 0, page: 1, pageCount: 0 });
    }
    expect((await findBusinessWorkers({ businessId: SMALL, scope: SURABAYA, query: { status: null, page: 1 } })).rows.map((r) => r.name)).toEqual(["SITI", "ANDI"]);
    expect((await findBusinessWorkers({ businessId: SMALL, scope: BANDUNG, query: { status: null, page: 1 } })).counts).toBeNull();
    expect((await findBusinessWorkers({ businessId: SMALL, scope: { kind: "all" }, query: { status: null, page: 1 } })).total).toBe(2);
    expect((await findBusinessWorkers({ businessId: NONE, scope: BANDUNG, query: { status: null, page: 1 } })).counts).toBeNull();
  });

  it("reads a page of a 5,000-worker business from the (business_id, status) index", async () => {
    for (const status of [null, "BELUM_TERDAFTAR"] as const) {
      const sql = businessWorkerWhere(BIG, BANDUNG, status ? [status] : null);
      const plan = await client.query<{ "QUERY PLAN": string }>(
        `EXPLAIN SELECT w.source_record_id FROM ${WORKER_FROM} WHERE ${sql.where} ORDER BY ${WORKER_ORDER_BY} LIMIT 50 OFFSET 4950`,
        sql.values,
      );
      expect(plan.rows.map((r) => r["QUERY PLAN"]).join("\n")).toContain("worker_status_business_id_status_idx");
    }
    const started = performance.now();
    await findBusinessWorkers({ businessId: BIG, scope: BANDUNG, query: { status: null, page: 100 } });
    // Generous for a loaded two-core machine: the page takes a few tens of milliseconds.
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe("revealPersonalData with the page's workers", () => {
  it("reveals the listed workers' NIKs of this business only, audited by count, never by value", async () => {
    const page = await findBusinessWorkers({ businessId: BIG, scope: BANDUNG, query: { status: "BELUM_TERDAFTAR", page: 1 } });
    // PEKERJA 0007 has no NIK and 0009 is a foreigner: listed, nothing to reveal.
    const listed = page.rows.slice(0, 5);
    expect(listed.map((r) => r.nik === null)).toEqual([false, true, false, true, false]);
    const ctx = context();
    const revealed = await revealPersonalData({
      businessId: BIG,
      workerIds: [...listed.map((r) => BigInt(r.id)), BigInt(smallIds[0]!)],
      scope: BANDUNG,
      actor: officer,
      context: ctx,
    });
    for (const row of listed.filter((r) => r.nik)) expect(revealed[row.nik!.key]).toBe(testNik(Number(row.name!.slice(8))));
    // Another business's worker is not revealed through this one.
    expect(Object.values(revealed)).not.toContain(testNik(90_001));
    // The business's own NPWP that is a NIK still comes with it.
    expect(revealed["b:npwp"]).toBe("3273011708450001");
    const [event] = await db.auditEvent.findMany({ where: { requestId: ctx.requestId } });
    expect(event).toMatchObject({ action: "personal_data.reveal", objectId: "1", details: { fields: ["nik"], counts: { nikValues: 4 }, workers: 3 } });
    expect(findPersonalValues(stringify(event))).toEqual([]);
  });

  it("reveals nothing of a business outside the scope", async () => {
    await expect(revealPersonalData({ businessId: SMALL, workerIds: [BigInt(smallIds[0]!)], scope: BANDUNG, actor: officer, context: context() })).rejects.toThrow("Prospek tidak ditemukan.");
  });
});

async function exportWorkers(businessId: bigint, scope: RegionScope, format: "csv" | "xlsx") {
  const ctx = context();
  const opened = await openBusinessWorkerExport({ businessId, scope, format, actor: officer, context: ctx, now: new Date("2026-12-07T03:00:00Z") });
  if (!opened) return { opened, requestId: ctx.requestId };
  const { output, bytes: written } = collectOutput();
  const summary = await opened.writeTo(output);
  const bytes = written();
  const { rows } = await readTableFile(bytes, format);
  return { opened, summary, bytes, header: rows[0]!, rows: rows.slice(1), requestId: ctx.requestId };
}

describe("openBusinessWorkerExport", () => {
  it("writes the workers not registered here with their NIK in clear and their status, as CSV and XLSX", async () => {
    for (const format of ["csv", "xlsx"] as const) {
      const { opened, header, rows: written, summary } = await exportWorkers(BIG, BANDUNG, format);
      const rows = written!;
      expect(opened!.fileName).toBe(`pekerja-belum-terdaftar-1-2026-12-07.${format}`);
      expect(header).toEqual(WORKER_EXPORT_COLUMNS.map((c) => c.header));
      expect(rows).toHaveLength(3_000);
      expect(summary!.rows).toBe(3_000);
      expect(new Set(rows.map((r) => r[7]))).toEqual(new Set(["Belum terdaftar", "Terdaftar segmen lain", "Terdaftar di pemberi kerja lain"]));
      const siti = rows.find((r) => r[2] === "PEKERJA 0006")!;
      expect(siti.slice(0, 8)).toEqual([testNik(6), null, "PEKERJA 0006", "WNI", "Staf Gudang", "PKWT", "2024-03-01", "Belum terdaftar"].map((v) => (format === "csv" && v === null ? "" : v)));
      const foreigner = rows.find((r) => r[2] === "PEKERJA 0009")!;
      expect(foreigner.slice(0, 4)).toEqual([format === "csv" ? "" : null, "C1234567", "PEKERJA 0009", "WNA"]);
      expect(rows.find((r) => r[7] === "Terdaftar segmen lain")!.slice(8)).toEqual(["PBPU", "Ya"]);
    }
  });

  it("audits the file as a personal-data export: start, then rows and the SHA-256 of exactly the bytes sent", async () => {
    const { bytes, summary, requestId } = await exportWorkers(BIG, BANDUNG, "csv");
    expect(summary!.sha256).toBe(createHash("sha256").update(bytes!).digest("hex"));
    const events = await db.auditEvent.findMany({ where: { requestId }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.action, e.outcome])).toEqual([
      ["lead.workers_export_start", "SUCCESS"],
      ["lead.workers_export", "SUCCESS"],
    ]);
    expect(events[1]).toMatchObject({
      objectType: "business",
      objectId: "1",
      region: "32.73",
      actorUsername: "petugas-uji",
      details: { format: "csv", rows: 3_000, sha256: summary!.sha256, statuses: ["BELUM_TERDAFTAR", "SEGMEN_LAIN", "TERDAFTAR_DI_LAIN"], personalData: ["nik", "passportNumber"] },
    });
    expect((events[0]!.details as { exportId: string }).exportId).toBe((events[1]!.details as { exportId: string }).exportId);
    expect(findPersonalValues(stringify(events))).toEqual([]);
  });

  it("finds a business outside the scope not, and records the attempt DENIED", async () => {
    const { opened, requestId } = await exportWorkers(SMALL, BANDUNG, "csv");
    expect(opened).toBeNull();
    const events = await db.auditEvent.findMany({ where: { requestId } });
    expect(events.map((e) => [e.action, e.outcome, e.reason, e.objectId])).toEqual([["lead.workers_export", "DENIED", "outside_region_scope", "2"]]);
    // In its own region it exports; a business without worker rows, or none at all, has nothing to export and nothing to record.
    expect((await exportWorkers(SMALL, SURABAYA, "csv")).rows!.map((r) => r[2])).toEqual(["SITI"]);
    for (const id of [NONE, 999n]) {
      const missing = await exportWorkers(id, BANDUNG, "csv");
      expect(missing.opened).toBeNull();
      expect(await db.auditEvent.count({ where: { requestId: missing.requestId } })).toBe(0);
    }
  });
});

describe("an export whose process died mid-file", () => {
  it("is recorded FAILURE (interrupted) by the start-up sweep, as lead exports are", async () => {
    const exportId = randomUUID();
    // The start event of an export no process holds the lock of any more.
    await recordAuditEvent({ action: "lead.workers_export_start", actor: officer, objectType: "business", objectId: "1", details: { exportId, format: "csv" }, context: context() });
    expect(await failInterruptedExports()).toBe(1);
    const events = await db.auditEvent.findMany({ where: { details: { path: ["exportId"], equals: exportId } }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.action, e.outcome, e.reason])).toEqual([
      ["lead.workers_export_start", "SUCCESS", null],
      ["lead.workers_export", "FAILURE", INTERRUPTED_EXPORT_REASON],
    ]);
    expect(events[1]).toMatchObject({ objectType: "business", objectId: "1", actorUsername: "petugas-uji" });
    expect(await failInterruptedExports()).toBe(0);
  });
});

describe("the bulk lead export", () => {
  it("never carries a worker's NIK, and keeps an NPWP that is a NIK masked", async () => {
    const opened = await openLeadExport({ filter: { regionCodes: ["32.73"] }, scope: BANDUNG, actorId: null, format: "csv", actor: officer, context: context() });
    const { output, bytes } = collectOutput();
    await opened.writeTo(output);
    const text = bytes().toString("utf8");
    expect(text).toContain("PT Tekstil Bandung");
    expect(text).toContain("3273••••••••0001");
    expect(findPersonalValues(text)).toEqual([]);
  });
});
