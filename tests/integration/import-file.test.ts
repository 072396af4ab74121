import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { createWriteStream, existsSync } from "node:fs";
import { once } from "node:events";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/server/audit/system-actor.ts";
import { originalCells } from "@/server/ingest/raw-cells.ts";
import { db, disconnectDb, setDatabaseUrl } from "@/server/db/client.ts";
import { createImportJob } from "@/server/ingest/import-jobs.ts";
import { queuedUploadPath } from "@/server/ingest/receive-upload.ts";
import { enqueueJob } from "@/server/jobs/enqueue-job.ts";
import { closeJobQueue } from "@/server/jobs/job-queue.ts";
import { workerIsGone } from "@/server/db/liveness-lock.ts";
import { startJobWorker, type JobWorker } from "@/server/jobs/start-job-worker.ts";
import { importFile } from "@/server/ingest/import-file.ts";
import { ImportRefusedError } from "@/server/ingest/read/open-partner-file.ts";
import { storedFilePath } from "@/server/ingest/storage.ts";
import { ensureRegionsLoaded } from "@/server/regions/load-regions.ts";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../support/throwaway-database.ts";

let dir: string;
const context = { ip: null, userAgent: "vitest", requestId: null };
const base = { channel: "CLI" as const, actor: SYSTEM_ACTOR, context };

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "jangkau-import-"));
  process.env.JANGKAU_STORAGE_DIR = path.join(dir, "storage");
  await ensureRegionsLoaded();
});

const KEMNAKER_HEADER = "NPWP;Nama Pemberi Kerja;Nomor Induk Berusaha (NIB);Kode Kabupaten;Nama Kabupaten;Jumlah Pekerja;Skala Usaha;Nomor Telepon;Email";

async function csvFile(name: string, lines: string[]): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, lines.join("\r\n") + "\r\n");
  return file;
}

describe("importing a partner file", () => {
  it("accounts for every row: accepted + rejected + collapsed duplicates = data rows", async () => {
    const file = await csvFile(`kemnaker-${Date.now()}.csv`, [
      KEMNAKER_HEADER,
      "01.312.166.0-091.000;PT Sinar Jaya;1234567890123;3273;KOTA BANDUNG;120;Menengah;022-1234567;info@sinar.co.id",
      "1.23457E+14;CV Berkah;;32.04;KAB BANDUNG;-5;Kecil;08123456789;bukan-email",
      ";;;;;;;;",
      "01.312.166.0-091.000;PT Sinar Jaya;1234567890123;3273;KOTA BANDUNG;120;Menengah;022-1234567;info@sinar.co.id",
      '"0013121660091000";"PT ""Maju""\r\nTbk";;3578;SURABAYA;=cmd;Besar;;',
    ]);
    const summary = await importFile({ ...base, source: "kemnaker-bu", period: "2025-S2", filePath: file });
    expect(summary).toMatchObject({ status: "imported", dataRows: 5, accepted: 3, rejected: 1, duplicates: 1, warnings: 4 });
    expect(summary.accepted + summary.rejected + summary.duplicates).toBe(summary.dataRows);

    const records = await db.sourceRecord.findMany({ where: { batchId: summary.batchId }, orderBy: { line: "asc" } });
    expect(records.map((r) => [r.line, r.name, r.npwp, r.regencyCode])).toEqual([
      [2, "PT Sinar Jaya", "0013121660091000", "32.73"],
      [3, "CV Berkah", null, "32.04"],
      [6, 'PT "Maju" Tbk', "0013121660091000", "35.78"],
    ]);
    // The original cells stay available, the mangled NPWP included.
    expect(originalCells(records[1]!.source, records[1]!, records[1]!.raw).map((cell) => cell.text)).toContain("1.23457E+14");

    const report = await readFile(storedFilePath(summary.rejectReport!), "utf8");
    expect(report).toContain("4,Ditolak,Nama Pemberi Kerja");
    expect(report).toContain("3,Peringatan,NPWP,1.23457E+14");
    expect(report).toContain("'=cmd"); // formula neutralised

    const event = await db.auditEvent.findFirst({ where: { action: "import.run", objectId: summary.batchId } });
    expect(event?.details).toMatchObject({ source: "kemnaker-bu", dataRows: 5, accepted: 3, sha256: summary.fileSha256 });
  });

  it("ANALYZEs source_record once its rows are committed, so what runs next plans on them", async () => {
    const file = await csvFile(`analyze-${Date.now()}.csv`, [KEMNAKER_HEADER, "0013121660091000;PT Statistik Baru;;3273;;5;Mikro;;"]);
    const started = await db.$queryRawUnsafe<{ now: Date }[]>("SELECT now() AS now");
    await importFile({ ...base, source: "kemnaker-bu", period: "2025-S2", filePath: file });
    const [stat] = await db.$queryRawUnsafe<{ at: Date | null }[]>(
      "SELECT last_analyze AS at FROM pg_stat_user_tables WHERE relname = 'source_record'",
    );
    expect(stat!.at!.getTime()).toBeGreaterThanOrEqual(started[0]!.now.getTime());
  });

  it("masks in its reject report a mobile number refused in a business column", async () => {
    const file = await csvFile(`kemnaker-salah-kolom-${Date.now()}.csv`, [
      KEMNAKER_HEADER,
      // The admin's mobile number pasted into the NPWP column: refused as an NPWP, still personal.
      "081234567890;PT Salah Kolom;;3273;KOTA BANDUNG;10;Kecil;;",
    ]);
    const summary = await importFile({ ...base, source: "kemnaker-bu", period: "2025-S2", filePath: file });
    const report = await readFile(storedFilePath(summary.rejectReport!), "utf8");
    expect(report).toContain("2,Peringatan,NPWP,081••••••890");
    expect(report).not.toContain("081234567890");
  });

  it("reports the same file again as already imported and changes nothing", async () => {
    const file = await csvFile(`again-${Date.now()}.csv`, [KEMNAKER_HEADER, "0013121660091000;PT Ulang Lagi;;3273;;5;Mikro;;"]);
    const first = await importFile({ ...base, source: "kemnaker-bu", period: "2025-S2", filePath: file });
    const second = await importFile({ ...base, source: "kemnaker-bu", period: "2025-S2", filePath: file });
    expect(second).toMatchObject({ status: "already-imported", batchId: first.batchId, accepted: 1 });
    expect(await db.sourceRecord.count({ where: { batchId: first.batchId } })).toBe(1);
    // The skip is on the audit trail, under the job that found it.
    const skip = await db.auditEvent.findFirstOrThrow({ where: { action: "import.skip", objectId: second.jobId } });
    expect(skip).toMatchObject({ objectType: "import_job", outcome: "SUCCESS" });
    expect(skip.details).toMatchObject({ source: "kemnaker-bu", sha256: first.fileSha256, batchId: first.batchId });
  });

  it("imports the same file started twice at once only once: the other is already imported, without an error", async () => {
    // Enough rows that the first import is still writing when the second one looks for a batch.
    const rows = Array.from({ length: 20_000 }, (_, i) => `;PT Serentak ${i};;3273;;${i % 50};Mikro;;`);
    const file = await csvFile(`serentak-${Date.now()}.csv`, [KEMNAKER_HEADER, ...rows]);
    const storedBefore = await readdir(path.join(dir, "storage")).catch((): string[] => []);
    const results = await Promise.allSettled([
      importFile({ ...base, source: "kemnaker-bu", period: "2025-S2", filePath: file }),
      importFile({ ...base, source: "kemnaker-bu", period: "2025-S2", filePath: file }),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled"]);
    const [a, b] = results.map((r) => (r as PromiseFulfilledResult<Awaited<ReturnType<typeof importFile>>>).value);
    expect([a!.status, b!.status].sort()).toEqual(["already-imported", "imported"]);
    expect(a!.batchId).toBe(b!.batchId);
    const batches = await db.importBatch.findMany({ where: { fileSha256: a!.fileSha256 } });
    expect(batches).toHaveLength(1);
    expect(await db.sourceRecord.count({ where: { batchId: a!.batchId } })).toBe(20_000);

    const skipped = [a!, b!].find((s) => s.status === "already-imported")!;
    const job = await db.importJob.findUniqueOrThrow({ where: { id: skipped.jobId } });
    expect(job).toMatchObject({ status: "SUCCEEDED", batchId: a!.batchId });
    expect(job.message).toMatch(/sudah pernah diimpor/);
    expect(await db.auditEvent.count({ where: { action: "import.skip", objectId: skipped.jobId } })).toBe(1);
    // One raw copy kept (the batch's); the skipped import's copy is gone.
    const storedAfter = (await readdir(path.join(dir, "storage"))).filter((name) => !storedBefore.includes(name));
    expect(storedAfter.filter((name) => name.startsWith("raw-"))).toEqual([batches[0]!.storedFile]);
  });

  it("warns about a byte Windows-1252 does not define, where it is, and keeps the rest of the value", async () => {
    const file = path.join(dir, `cp1252-${Date.now()}.csv`);
    await writeFile(
      file,
      Buffer.concat([
        Buffer.from(`${KEMNAKER_HEADER}\r\n;PT Caf\xe9 Sejahtera;;3273;;5;Mikro;;\r\n;PT Bad`, "latin1"),
        Buffer.from([0x81]),
        Buffer.from("an Usaha;;3273;;7;Mikro;;\r\n", "latin1"),
      ]),
    );
    const summary = await importFile({ ...base, source: "kemnaker-bu", period: "2025-S2", filePath: file });
    expect(summary).toMatchObject({ status: "imported", dataRows: 2, accepted: 2, rejected: 0, warnings: 1 });
    const names = (await db.sourceRecord.findMany({ where: { batchId: summary.batchId }, orderBy: { line: "asc" } })).map((r) => r.name);
    expect(names).toEqual(["PT Café Sejahtera", "PT Bad\uFFFDan Usaha"]);
    const report = await readFile(storedFilePath(summary.rejectReport!), "utf8");
    expect(report).toMatch(/^3,Peringatan,Nama Pemberi Kerja,PT Bad\uFFFDan Usaha,byte tidak terdefinisi di Windows-1252/m);
  });

  it("imports Kemnaker's workers (Lampiran I.2): the worker's identity and the employer's keys, personal values masked in the report", async () => {
    // Headers as a worker file may write them: aliases, other case, `;`-separated.
    const file = await csvFile(`kemnaker-tk-${Date.now()}.csv`, [
      "NIK Pekerja;NAMA PEKERJA;L/P;Tgl Lahir;Kewarganegaraan;No Paspor;KITAS;Kode WLKP;NPWP Perusahaan;NIB Perusahaan;Jabatan;Status Hubungan Kerja;TMT Kerja",
      "3204015203910007;Siti Aminah;P;12/03/1991;WNI;;;WLKP-IMP-1;01.312.166.0-091.000;;Staf Gudang;PKWT;01-02-2020",
      ";Kenji Sato;Laki-laki;1980-11-05;WNA;TK 123 4567;;;;9120001234567;Manajer;PKWTT;2024-07-01",
      // Rejected: an Excel-mangled NIK and no other identity.
      "3.20401E+15;Budi;L;01/01/1990;WNI;;;WLKP-IMP-1;;;;;",
      // Rejected: no employer key.
      "3204011505880003;Agus;L;15/05/1988;WNI;;;;;;;;",
      // Accepted with warnings: an impossible birth date and an Excel serial start date.
      "3204011505880003;Agus;L;31/02/1988;WNI;;;WLKP-IMP-2;;;Sopir;;43831",
    ]);
    const summary = await importFile({ ...base, source: "kemnaker-tk", period: "2025-S2", filePath: file });
    expect(summary).toMatchObject({ status: "imported", source: "kemnaker-tk", dataRows: 5, accepted: 3, rejected: 2, duplicates: 0, warnings: 2 });

    const records = await db.sourceRecord.findMany({ where: { batchId: summary.batchId }, orderBy: { line: "asc" } });
    expect(records.map((r) => ({ line: r.line, source: r.source, nik: r.nik, name: r.name, kodeWlkp: r.kodeWlkp, npwp: r.npwp, nib: r.nib, workerCount: r.workerCount, extra: r.extra }))).toEqual([
      {
        line: 2,
        source: "kemnaker-tk",
        nik: "3204015203910007",
        name: "Siti Aminah",
        kodeWlkp: "WLKP-IMP-1",
        npwp: "0013121660091000",
        nib: null,
        workerCount: null,
        extra: { gender: "P", birthDate: "1991-03-12", citizenship: "WNI", position: "Staf Gudang", employmentStatus: "PKWT", startDate: "2020-02-01" },
      },
      {
        line: 3,
        source: "kemnaker-tk",
        nik: null,
        name: "Kenji Sato",
        kodeWlkp: null,
        npwp: null,
        nib: "9120001234567",
        workerCount: null,
        extra: { gender: "L", birthDate: "1980-11-05", citizenship: "WNA", passportNumber: "TK1234567", position: "Manajer", employmentStatus: "PKWTT", startDate: "2024-07-01" },
      },
      {
        line: 6,
        source: "kemnaker-tk",
        nik: "3204011505880003",
        name: "Agus",
        kodeWlkp: "WLKP-IMP-2",
        npwp: null,
        nib: null,
        workerCount: null,
        // Empty values are not stored as keys (read back, a missing key is null all the same).
        extra: { gender: "L", citizenship: "WNI", position: "Sopir" },
      },
    ]);

    const report = await readFile(storedFilePath(summary.rejectReport!), "utf8");
    expect(report).toMatch(/^4,Ditolak,NIK Pekerja,3\.20•••E\+15,Nilai rusak oleh Excel/m);
    expect(report).toMatch(/^5,Ditolak,Kode WLKP,,"Pemberi kerja tidak dikenali/m);
    expect(report).toMatch(/^6,Peringatan,Tgl Lahir,3••••••••8,Tanggal lahir tidak ada di kalender/m);
    expect(report).toMatch(/^6,Peringatan,TMT Kerja,43831,"Tanggal mulai bekerja tersimpan sebagai nomor seri/m);
    expect(report).not.toContain("31/02/1988");
    expect(report).not.toContain("3.20401E+15");
  });

  it("refuses a file without the required columns as a whole, naming them", async () => {
    const file = await csvFile(`ahu-${Date.now()}.csv`, ["NPWP,Alamat", "01.312.166.0-091.000,Jl. Merdeka 1"]);
    const attempt = importFile({ ...base, source: "ahu-entitas", period: "2025-S2", filePath: file });
    await expect(attempt).rejects.toBeInstanceOf(ImportRefusedError);
    await expect(attempt).rejects.toThrow(/Nama Entitas/);
    const job = await db.importJob.findFirst({ where: { fileName: path.basename(file) } });
    expect(job).toMatchObject({ status: "REFUSED", batchId: null });
    const refusal = await db.auditEvent.findFirstOrThrow({ where: { action: "import.refuse", objectId: job!.id } });
    expect(refusal).toMatchObject({ objectType: "import_job", outcome: "FAILURE", reason: "header" });
    expect(refusal.details).toMatchObject({ source: "ahu-entitas", fileName: path.basename(file) });
  });

  it("refuses an unknown source and a malformed period", async () => {
    const file = await csvFile(`x-${Date.now()}.csv`, [KEMNAKER_HEADER]);
    await expect(importFile({ ...base, source: "pajak", period: "2025-S2", filePath: file })).rejects.toThrow(/Sumber data tidak dikenal/);
    await expect(importFile({ ...base, source: "kemnaker-bu", period: "2025-3", filePath: file })).rejects.toThrow(/Periode tidak sah/);
  });
});

/** A throwaway database for the tests of the enclosing `describe`. */
describe("an import validated in worker threads", () => {
  it("stores, counts and reports exactly what one thread does, duplicates across jobs included", { timeout: 120_000 }, async () => {
    // 5,000 rows: more than two jobs of rows, with duplicates of rows in earlier jobs, rejected
    // rows, warnings and a personal value refused in a business column.
    const lines = [KEMNAKER_HEADER];
    for (let i = 0; i < 5000; i++) {
      const n = i % 4100; // rows 4100… repeat rows of the first job
      if (n % 97 === 5) lines.push(`;;;3273;KOTA BANDUNG;${n};Kecil;;`);
      else if (n % 89 === 7) lines.push(`081234567${String(n).padStart(3, "0")};PT Salah Kolom ${n};;3273;;10;Kecil;;`);
      else lines.push(`0013121660091000;PT Benang ${n};;3273;KOTA BANDUNG;${n % 300};Kecil;022-${String(1000000 + n)};a${n}@benang.co.id`);
    }
    const run = async (threads: string, name: string) => {
      process.env.JANGKAU_IMPORT_THREADS = threads;
      try {
        // A trailing empty line per run: the same rows, another file.
        const file = await csvFile(`${name}-${Date.now()}.csv`, threads === "0" ? lines : [...lines, ""]);
        const summary = await importFile({ ...base, source: "kemnaker-bu", period: "2025-S2", filePath: file });
        const rows = await db.sourceRecord.findMany({ where: { batchId: summary.batchId }, orderBy: { line: "asc" } });
        const report = await readFile(storedFilePath(summary.rejectReport!), "utf8");
        // Ids and batch differ by nature; everything else must not.
        return { summary, rows: rows.map((row) => ({ ...row, id: null, batchId: null })), report };
      } finally {
        delete process.env.JANGKAU_IMPORT_THREADS;
      }
    };
    const single = await run("0", "satu-thread");
    const threaded = await run("2", "dua-thread");
    const counts = (s: typeof single.summary) => [s.dataRows, s.accepted, s.rejected, s.duplicates, s.warnings];
    expect(counts(threaded.summary)).toEqual(counts(single.summary));
    expect(single.summary.duplicates).toBe(900);
    expect(single.summary.accepted + single.summary.rejected + single.summary.duplicates).toBe(5000);
    expect(threaded.rows).toEqual(single.rows);
    expect(threaded.report).toEqual(single.report);
    expect(threaded.report).toContain("Peringatan,NPWP,081••••••");
  });
});

function throwawayDatabase(prefix: string): () => ThrowawayDatabase {
  let database: ThrowawayDatabase;
  beforeAll(async () => {
    database = await createThrowawayDatabase(prefix);
  });
  afterAll(async () => {
    await database.drop();
  });
  return () => database;
}

describe("an import killed halfway", () => {
  const database = throwawayDatabase("killed");

  it("leaves no trace of its batch, and the next run succeeds", { timeout: 180_000 }, async () => {
    const file = path.join(dir, "besar.csv");
    const out = createWriteStream(file);
    out.write("NPWP,Nama Pemberi Kerja,Kode Kabupaten,Jumlah Pekerja\n");
    for (let i = 0; i < 400_000; i++) {
      if (!out.write(`,PT Usaha Nomor ${i},32.73,${i % 500}\n`)) await once(out, "drain");
    }
    out.end();
    await once(out, "close");

    const env = { ...process.env, DATABASE_URL: database().url, JANGKAU_STORAGE_DIR: path.join(dir, "storage-killed") };
    const cliArgs = ["cli/bin.mjs", "import", "--source", "kemnaker-bu", "--period", "2025-S1", "--json", file];
    const child = spawn(process.execPath, cliArgs, { env, stdio: "ignore", detached: true });

    const probe = new pg.Client({ connectionString: database().url });
    await probe.connect();
    try {
      // Wait until the import is visibly under way, then kill the whole process group hard.
      for (;;) {
        const { rows } = await probe.query<{ rows_read: number }>("SELECT rows_read FROM import_job WHERE status = 'RUNNING' LIMIT 1");
        if ((rows[0]?.rows_read ?? 0) > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      process.kill(-child.pid!, "SIGKILL");
      await once(child, "exit");

      const count = async (sql: string) => Number((await probe.query<{ n: string }>(sql)).rows[0]!.n);
      expect(await count("SELECT count(*) AS n FROM import_batch")).toBe(0);
      expect(await count("SELECT count(*) AS n FROM source_record")).toBe(0);

      const rerun = spawn(process.execPath, cliArgs, { env, stdio: ["ignore", "pipe", "inherit"] });
      let stdout = "";
      rerun.stdout.on("data", (chunk) => (stdout += chunk));
      const [code] = await once(rerun, "exit");
      expect(code).toBe(0);
      expect(JSON.parse(stdout.trim().split("\n").at(-1)!)).toMatchObject({ status: "imported", dataRows: 400_000, accepted: 400_000 });
      expect(await count("SELECT count(*) AS n FROM source_record")).toBe(400_000);
    } finally {
      await probe.end();
    }
  });
});

describe("an upload's import killed halfway in its worker", () => {
  const database = throwawayDatabase("killedworker");

  it("leaves no trace of its batch; the next worker fails the attempt and the retry imports it all", { timeout: 180_000 }, async () => {
    const sharedUrl = process.env.DATABASE_URL as string;
    const storage = path.join(dir, "storage-worker");
    const previousStorage = process.env.JANGKAU_STORAGE_DIR;
    process.env.JANGKAU_STORAGE_DIR = storage;
    await disconnectDb();
    setDatabaseUrl(database().url);
    let worker: JobWorker | null = null;
    try {
      // A queued upload, as receiveUpload leaves it: the file in the upload folder, the job row, the job.
      const storedPath = `tmp/upload-${randomUUID()}.csv`;
      await mkdir(path.dirname(queuedUploadPath(storedPath)), { recursive: true });
      const out = createWriteStream(queuedUploadPath(storedPath));
      out.write("NPWP,Nama Pemberi Kerja,Kode Kabupaten,Jumlah Pekerja\n");
      for (let i = 0; i < 400_000; i++) {
        if (!out.write(`,PT Antrean Nomor ${i},32.73,${i % 500}\n`)) await once(out, "drain");
      }
      out.end();
      await once(out, "close");
      const input = { source: "kemnaker-bu", period: "2025-S1", channel: "UPLOAD" as const, fileName: "besar-antrean.csv", actor: SYSTEM_ACTOR };
      const importJobId = await createImportJob(input);
      const queueJobId = await enqueueJob("import", { ...input, importJobId, storedPath, originalName: input.fileName, context });
      await db.importJob.update({ where: { id: importJobId }, data: { queueJobId } });

      const env = { ...process.env, DATABASE_URL: database().url, JANGKAU_STORAGE_DIR: storage };
      const child = spawn(process.execPath, ["cli/bin.mjs", "worker", "--queues", "import"], { env, stdio: "ignore", detached: true });
      while (((await db.importJob.findUniqueOrThrow({ where: { id: importJobId } })).rowsRead ?? 0) === 0) await new Promise((resolve) => setTimeout(resolve, 100));
      process.kill(-child.pid!, "SIGKILL");
      await once(child, "exit");
      expect(await db.importBatch.count()).toBe(0);
      expect(await db.sourceRecord.count()).toBe(0);
      expect(await db.importJob.findUniqueOrThrow({ where: { id: importJobId } })).toMatchObject({ status: "RUNNING" });

      // A minute of silence later (aged here, not waited for) the next worker to start hands the
      // job back; its retry, due at once here instead of after the backoff, imports every row.
      await db.$executeRawUnsafe(`UPDATE pgboss.job SET output = jsonb_build_object('heartbeatAt', now() - interval '2 minutes') WHERE id = $1::uuid`, queueJobId);
      // PostgreSQL ends the killed worker's session (and frees its liveness lock) once its backend
      // notices the client is gone: on a busy machine that can take a moment after the kill.
      for (let waited = 0; !(await db.$transaction((tx) => workerIsGone(tx, "job", queueJobId!))) && waited < 30_000; waited += 100) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      worker = await startJobWorker({ queues: ["import"], pollingIntervalSeconds: 0.5, log: () => undefined });
      expect(await db.importJob.findUniqueOrThrow({ where: { id: importJobId } })).toMatchObject({ status: "FAILED", message: "Proses pekerja berhenti sebelum pekerjaan selesai." });
      await db.$executeRawUnsafe("UPDATE pgboss.job SET start_after = now() WHERE id = $1::uuid AND state = 'retry'", queueJobId);
      let row = await db.importJob.findUniqueOrThrow({ where: { id: importJobId } });
      const deadline = Date.now() + 120_000;
      while (row.status !== "SUCCEEDED" && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        row = await db.importJob.findUniqueOrThrow({ where: { id: importJobId } });
      }
      expect(row).toMatchObject({ status: "SUCCEEDED", rowsRead: 400_000 });
      expect(await db.sourceRecord.count()).toBe(400_000);
      const [queued] = await db.$queryRawUnsafe<{ state: string; retry_count: number }[]>("SELECT state::text, retry_count FROM pgboss.job WHERE id = $1::uuid", queueJobId);
      expect(queued).toEqual({ state: "completed", retry_count: 1 });
      // Imported: the waiting upload is gone.
      expect(existsSync(queuedUploadPath(storedPath))).toBe(false);
    } finally {
      await worker?.stop({ timeoutMs: 5000 });
      await closeJobQueue();
      await disconnectDb();
      setDatabaseUrl(sharedUrl);
      process.env.JANGKAU_STORAGE_DIR = previousStorage;
    }
  });
});

describe("an import into a source_record someone added a trigger to", () => {
  const database = throwawayDatabase("trigger");

  // Imports never silence triggers (the app role could not: replica mode needs a superuser).
  it("still fires it for every row", { timeout: 120_000 }, async () => {
    // The owner adds the trigger; the import runs as the app role.
    const probe = new pg.Client({ connectionString: database().ownerUrl });
    await probe.connect();
    try {
      await probe.query(`
        CREATE TABLE seen_line (line int NOT NULL);
        CREATE FUNCTION note_line() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO seen_line VALUES (NEW.line); RETURN NEW; END $$;
        CREATE TRIGGER note_line AFTER INSERT ON source_record FOR EACH ROW EXECUTE FUNCTION note_line();`);
      const file = await csvFile(`trigger-${Date.now()}.csv`, [KEMNAKER_HEADER, "0013121660091000;PT Satu;;3273;;5;Mikro;;", "0013121660091000;PT Dua;;3273;;5;Mikro;;"]);
      const env = { ...process.env, DATABASE_URL: database().url, JANGKAU_STORAGE_DIR: path.join(dir, "storage-trigger") };
      const run = spawn(process.execPath, ["cli/bin.mjs", "import", "--source", "kemnaker-bu", "--period", "2025-S1", "--json", file], { env, stdio: "ignore" });
      const [code] = await once(run, "exit");
      expect(code).toBe(0);
      expect((await probe.query("SELECT line FROM seen_line ORDER BY line")).rows).toEqual([{ line: 2 }, { line: 3 }]);
    } finally {
      await probe.end();
    }
  });
});

// Last in the file: after every import above, the killed one included.
describe("source records and their batches", () => {
  it("leaves no source record without its batch (there is no foreign key: the writer keeps them together)", async () => {
    const [orphans] = await db.$queryRawUnsafe<{ n: number }[]>(
      "SELECT count(*)::int AS n FROM source_record r WHERE NOT EXISTS (SELECT 1 FROM import_batch b WHERE b.id = r.batch_id)",
    );
    expect(orphans!.n).toBe(0);
  });
});
