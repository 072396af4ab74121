import { createHash, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditActor } from "@/server/audit/append-audit-event.ts";
import { db, disconnectDb, setDatabaseUrl } from "@/server/db/client.ts";
import { downloadRejectReport } from "@/server/ingest/download-reject-report.ts";
import { findImportHistory, type ImportHistoryEntry } from "@/server/ingest/find-import-history.ts";
import { getImportJob } from "@/server/ingest/get-import-job.ts";
import { importFile } from "@/server/ingest/import-file.ts";
import { createImportJob } from "@/server/ingest/import-jobs.ts";
import { receiveUpload, uploadTempDir, UploadRefusedError } from "@/server/ingest/receive-upload.ts";
import { closeJobQueue } from "@/server/jobs/job-queue.ts";
import { startJobWorker, type JobWorker } from "@/server/jobs/start-job-worker.ts";
import { ensureRegionsLoaded } from "@/server/regions/load-regions.ts";
import { buildZip } from "../support/ingest-fixtures.ts";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../support/throwaway-database.ts";

// The history lists every batch and job of the database: this file gets a database of its own so
// counts and order are its alone while other files import in parallel.
let privateDb: ThrowawayDatabase;
const sharedUrl = process.env.DATABASE_URL as string;
let dir: string;
let worker: JobWorker;

const admin: AuditActor = { id: randomUUID(), username: "admin-impor", role: "ADMIN" };
const context = () => ({ ip: "10.0.0.7", userAgent: "vitest", requestId: randomUUID() });

const HEADER = "NPWP;Nama Pemberi Kerja;Kode Kabupaten;Jumlah Pekerja";

/** A small kemnaker-bu delivery; `tag` makes its bytes (and so its SHA-256) unique. */
function kemnakerCsv(tag: string, { withNameless = true } = {}): string {
  const lines = [HEADER, `01.312.166.0-091.000;PT Sinar Jaya ${tag};3273;120`, `;CV Berkah ${tag};32.04;15`];
  if (withNameless) lines.push(`0013121660091000;;3273;7`);
  return lines.join("\r\n") + "\r\n";
}

async function writeFixture(name: string, content: string | Uint8Array): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, content);
  return file;
}

/** Waits for the worker to finish the upload's import job, as the upload page polls it. */
async function importFinished(jobId: string) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const job = await getImportJob({ jobId });
    if (job?.status !== "RUNNING" || Date.now() > deadline) return job;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function bodyOf(content: string | Uint8Array): ReadableStream<Uint8Array> {
  return new Response(new Uint8Array(typeof content === "string" ? Buffer.from(content) : content)).body!;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "jangkau-import-history-"));
  process.env.JANGKAU_STORAGE_DIR = path.join(dir, "storage");
  privateDb = await createThrowawayDatabase("importhistory");
  await ensureRegionsLoaded({ url: privateDb.url });
  await disconnectDb();
  setDatabaseUrl(privateDb.url);
  // Uploads are imported by a worker, as in production: this one, in the test's process.
  worker = await startJobWorker({ queues: ["import"], pollingIntervalSeconds: 0.5, log: () => undefined });
});

afterAll(async () => {
  await worker.stop({ timeoutMs: 5000 });
  await closeJobQueue();
  await disconnectDb();
  setDatabaseUrl(sharedUrl);
  await privateDb.drop();
  await rm(dir, { recursive: true, force: true });
});

describe("findImportHistory on an empty database", () => {
  it("is empty, with one page", async () => {
    // Runs first (vitest keeps the file's order): nothing has been imported into this database yet.
    expect(await findImportHistory()).toEqual({ entries: [], page: 1, pageCount: 1, total: 0 });
  });
});

describe("receiveUpload", () => {
  it("streams the body to a private temp file and queues its import, which a worker runs, then removes the file", async () => {
    const content = kemnakerCsv("unggah");
    const upload = await receiveUpload({
      body: bodyOf(content),
      declaredBytes: Buffer.byteLength(content),
      input: { source: "kemnaker-bu", period: "2026-S2", fileName: "wlkp-unggah.csv" },
      actor: admin,
      context: context(),
    });
    expect(upload.bytes).toBe(Buffer.byteLength(content));
    // Queued with who asked for it; the worker's job reports into the same row.
    const queued = await db.importJob.findUniqueOrThrow({ where: { id: upload.jobId } });
    expect(queued).toMatchObject({ actorId: admin.id, actorUsername: admin.username, queueJobId: upload.queueJobId });

    const job = await importFinished(upload.jobId);
    expect(job).toMatchObject({
      status: "SUCCEEDED",
      phase: "selesai",
      source: "kemnaker-bu",
      period: "2026-S2",
      fileName: "wlkp-unggah.csv",
      message: null,
      result: { alreadyImported: false, dataRows: 3, accepted: 2, rejected: 1, duplicates: 0, hasRejectReport: true },
    });
    expect(job!.result!.fileSha256).toBe(createHash("sha256").update(content).digest("hex"));
    const batch = await db.importBatch.findUniqueOrThrow({ where: { id: job!.result!.batchId } });
    expect(batch).toMatchObject({ channel: "UPLOAD", fileName: "wlkp-unggah.csv", actorUsername: "admin-impor" });
    expect(await readdir(uploadTempDir())).toEqual([]);
  });

  it("writes the temp file readable by the app's OS user only, in a folder only it can open", async () => {
    const content = kemnakerCsv("mode", { withNameless: false });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let pulls = 0;
    // Sends half the file, then holds the rest back until the test has looked at the temp file.
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        pulls += 1;
        if (pulls === 1) return controller.enqueue(Buffer.from(content.slice(0, 40)));
        await gate;
        controller.enqueue(Buffer.from(content.slice(40)));
        controller.close();
      },
    });
    const receiving = receiveUpload({ body, input: { source: "kemnaker-bu", period: "2025-S2", fileName: "Mode.CSV" }, actor: admin, context: context() });
    let names: string[] = [];
    while (names.length === 0) {
      names = await readdir(uploadTempDir()).catch(() => []);
      if (names.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(names).toEqual([expect.stringMatching(/^upload-[0-9a-f-]{36}\.csv$/)]);
    expect((await stat(path.join(uploadTempDir(), names[0]!))).mode & 0o777).toBe(0o600);
    expect((await stat(uploadTempDir())).mode & 0o777).toBe(0o700);
    release();
    const upload = await receiving;
    expect(await importFinished(upload.jobId)).toMatchObject({ status: "SUCCEEDED", fileName: "Mode.CSV", result: { accepted: 2 } });
    expect(await readdir(uploadTempDir())).toEqual([]);
  });

  it("opens a password-protected ZIP with the password given, and keeps the password nowhere", async () => {
    const password = "Rahasia-Mitra-2026!";
    const zip = await buildZip([{ name: "wlkp.csv", content: kemnakerCsv("zip", { withNameless: false }) }], { password });
    const upload = await receiveUpload({
      body: bodyOf(zip),
      input: { source: "kemnaker-bu", period: "2026-S2", fileName: "wlkp.zip" },
      password,
      actor: admin,
      context: context(),
    });
    const job = await importFinished(upload.jobId);
    expect(job).toMatchObject({ status: "SUCCEEDED", result: { dataRows: 2, accepted: 2, rejected: 0, hasRejectReport: false } });

    const stored = JSON.stringify([
      await db.importJob.findMany(),
      // The queued job's payload holds it sealed, never in clear.
      await db.$queryRawUnsafe("SELECT data FROM pgboss.job UNION ALL SELECT data FROM pgboss.archive"),
      await db.importBatch.findMany(),
      await db.auditEvent.findMany({ select: { reason: true, details: true, objectId: true } }),
    ], (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value));
    expect(stored).not.toContain(password);
  });

  it("reports a ZIP without its password as refused, with the reason on the job", async () => {
    const zip = await buildZip([{ name: "wlkp.csv", content: kemnakerCsv("tanpa-sandi") }], { password: "rahasia-sekali" });
    const upload = await receiveUpload({
      body: bodyOf(zip),
      input: { source: "kemnaker-bu", period: "2026-S1", fileName: "terkunci.zip" },
      actor: admin,
      context: context(),
    });
    expect(await importFinished(upload.jobId)).toMatchObject({ status: "REFUSED", phase: "berhenti", result: null, message: expect.stringMatching(/kata sandi/) });
    expect(await readdir(uploadTempDir())).toEqual([]);
  });

  it("refuses a body over the limit while streaming (413), and leaves neither a file nor a job", async () => {
    const jobsBefore = await db.importJob.count();
    const attempt = receiveUpload({
      body: bodyOf(kemnakerCsv("besar")),
      input: { source: "kemnaker-bu", period: "2026-S2", fileName: "besar.csv" },
      actor: admin,
      context: context(),
      maxBytes: 64,
    });
    await expect(attempt).rejects.toBeInstanceOf(UploadRefusedError);
    await expect(attempt).rejects.toMatchObject({ status: 413, message: expect.stringMatching(/Berkas terlalu besar/) });
    expect(await readdir(uploadTempDir())).toEqual([]);
    expect(await db.importJob.count()).toBe(jobsBefore);
  });

  it("refuses a declared size over the limit before reading, and an empty body", async () => {
    const input = { source: "kemnaker-bu", period: "2026-S2", fileName: "x.csv" } as const;
    await expect(
      receiveUpload({ body: bodyOf("tidak dibaca"), declaredBytes: 10_000, maxBytes: 1_000, input, actor: admin, context: context() }),
    ).rejects.toMatchObject({ status: 413 });
    await expect(receiveUpload({ body: bodyOf(""), input, actor: admin, context: context() })).rejects.toMatchObject({
      status: 400,
      message: expect.stringMatching(/Berkas kosong/),
    });
    await expect(receiveUpload({ body: null, input, actor: admin, context: context() })).rejects.toMatchObject({ status: 400 });
    expect(await readdir(uploadTempDir())).toEqual([]);
  });
});

describe("getImportJob", () => {
  it("shows a running job's progress, and the earlier batch for a file imported before", async () => {
    const running = await createImportJob({ source: "bpjs-bu", period: "2026-S2", channel: "UPLOAD", fileName: "berjalan.csv", actor: admin });
    await db.importJob.update({ where: { id: running }, data: { phase: "membaca dan memvalidasi", bytesRead: 512n, bytesTotal: 2048n, rowsRead: 10 } });
    expect(await getImportJob({ jobId: running })).toMatchObject({
      status: "RUNNING",
      phase: "membaca dan memvalidasi",
      bytesRead: 512,
      bytesTotal: 2048,
      rowsRead: 10,
      finishedAt: null,
      result: null,
    });

    const file = await writeFixture("ulang.csv", kemnakerCsv("ulang"));
    const first = await importFile({ source: "kemnaker-bu", period: "2026-S1", filePath: file, channel: "CLI", actor: admin, context: context() });
    const again = await importFile({ source: "kemnaker-bu", period: "2026-S1", filePath: file, channel: "CLI", actor: admin, context: context() });
    expect(await getImportJob({ jobId: first.jobId })).toMatchObject({ result: { batchId: first.batchId, alreadyImported: false } });
    expect(await getImportJob({ jobId: again.jobId })).toMatchObject({
      status: "SUCCEEDED",
      message: "Berkas ini sudah pernah diimpor.",
      result: { batchId: first.batchId, alreadyImported: true, dataRows: 3 },
    });
  });

  it("finds nothing for an unknown or malformed id", async () => {
    expect(await getImportJob({ jobId: randomUUID() })).toBeNull();
    expect(await getImportJob({ jobId: "../../etc/passwd" })).toBeNull();
  });
});

describe("findImportHistory", () => {
  const keyOf = (entry: ImportHistoryEntry) => `${entry.kind}:${entry.kind === "batch" ? entry.fileName : entry.status}`;

  it("lists batches and unfinished jobs newest first; a job that succeeded is its batch, not a second row", async () => {
    const refused = await writeFixture("kolom-kurang.csv", "Kode Kabupaten;Jumlah Pekerja\r\n3273;5\r\n");
    await expect(
      importFile({ source: "kemnaker-bu", period: "2026-S2", filePath: refused, channel: "SFTP", actor: admin, context: context() }),
    ).rejects.toThrow(/Nama Pemberi Kerja/);

    const history = await findImportHistory();
    // Newest first of what this file did above: upload, mode, zip, refused zip, running job,
    // ulang (+ its no-op, not listed), refused csv.
    expect(history.entries.map(keyOf)).toEqual([
      "job:REFUSED",
      "batch:ulang.csv",
      "job:RUNNING",
      "job:REFUSED",
      "batch:wlkp.zip",
      "batch:Mode.CSV",
      "batch:wlkp-unggah.csv",
    ]);
    expect(history).toMatchObject({ total: 7, page: 1, pageCount: 1 });

    const [refusedEntry, , runningEntry] = history.entries;
    expect(refusedEntry).toMatchObject({ kind: "job", channel: "SFTP", fileName: "kolom-kurang.csv", actorUsername: "admin-impor" });
    expect(refusedEntry!.kind === "job" && refusedEntry!.message).toMatch(/Nama Pemberi Kerja/);
    expect(runningEntry).toMatchObject({ kind: "job", status: "RUNNING", phase: "membaca dan memvalidasi", rowsRead: 10 });

    const uploaded = history.entries.at(-1)!;
    expect(uploaded).toMatchObject({
      kind: "batch",
      source: "kemnaker-bu",
      period: "2026-S2",
      channel: "UPLOAD",
      dataRows: 3,
      accepted: 2,
      rejected: 1,
      duplicates: 0,
      hasRejectReport: true,
      actorUsername: "admin-impor",
    });
    expect(uploaded.fileSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(uploaded.at).toBeInstanceOf(Date);
  });

  it("pages through the history and clamps a page past the end to the last one", async () => {
    const all = (await findImportHistory()).entries.map((entry) => entry.id);
    const second = await findImportHistory({ page: 2, pageSize: 4 });
    expect(second).toMatchObject({ page: 2, pageCount: 2, total: 7 });
    expect(second.entries.map((entry) => entry.id)).toEqual(all.slice(4));
    expect((await findImportHistory({ page: 99, pageSize: 4 })).page).toBe(2);
  });
});

describe("downloadRejectReport", () => {
  it("returns the report with its SHA-256 and records the download", async () => {
    const batch = (await findImportHistory()).entries.find((e) => e.kind === "batch" && e.fileName === "wlkp-unggah.csv")!;
    const ctx = context();
    const report = await downloadRejectReport({ batchId: batch.id, actor: admin, context: ctx });
    expect(report).not.toBeNull();
    expect(report!.filename).toMatch(/^laporan-penolakan-kemnaker-bu-2026-S2-\d{4}-\d{2}-\d{2}\.csv$/);

    const bytes = await readFile(report!.path);
    expect(report!.size).toBe(bytes.length);
    expect(report!.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    const rows = parse(bytes.toString("utf8"), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toContainEqual(expect.objectContaining({ Baris: "4", Jenis: "Ditolak", Kolom: "Nama Pemberi Kerja" }));

    const event = await db.auditEvent.findFirst({ where: { action: "import.report_download", requestId: ctx.requestId } });
    expect(event).toMatchObject({ objectType: "import_batch", objectId: batch.id, actorUsername: "admin-impor", outcome: "SUCCESS" });
    expect(event!.details).toMatchObject({ sha256: report!.sha256, source: "kemnaker-bu", period: "2026-S2" });
  });

  it("finds nothing for a batch without a report, an unknown batch or a report gone from disk, and records nothing", async () => {
    const zipBatch = (await findImportHistory()).entries.find((e) => e.kind === "batch" && e.fileName === "wlkp.zip")!;
    const ctx = context();
    expect(await downloadRejectReport({ batchId: zipBatch.id, actor: admin, context: ctx })).toBeNull();
    expect(await downloadRejectReport({ batchId: randomUUID(), actor: admin, context: ctx })).toBeNull();
    expect(await downloadRejectReport({ batchId: "bukan-uuid", actor: admin, context: ctx })).toBeNull();

    const ulang = (await findImportHistory()).entries.find((e) => e.kind === "batch" && e.fileName === "ulang.csv")!;
    const { rejectReport } = await db.importBatch.findUniqueOrThrow({ where: { id: ulang.id } });
    await rm(path.join(process.env.JANGKAU_STORAGE_DIR!, rejectReport!));
    expect(await downloadRejectReport({ batchId: ulang.id, actor: admin, context: ctx })).toBeNull();

    expect(await db.auditEvent.count({ where: { action: "import.report_download", requestId: ctx.requestId } })).toBe(0);
    expect(existsSync(path.join(process.env.JANGKAU_STORAGE_DIR!, rejectReport!))).toBe(false);
  });
});
