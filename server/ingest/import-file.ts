import "server-only";
import { hash } from "node:crypto";
import { stat } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { isPeriod, isSourceId, type SourceId } from "@/lib/sources.ts";
import { appendAuditEventPg, recordAuditEvent, type AuditActor } from "@/server/audit/append-audit-event.ts";
import { databaseUrl, db } from "@/server/db/client.ts";
import type { ImportChannel } from "@/server/db/generated/enums.ts";
import type { RequestContext } from "@/server/http/request-context.ts";
import { headerProblemsMessage, matchHeaders } from "./header-matching.ts";
import { loadRegionResolver } from "./region-resolver.ts";
import { sha256File } from "./read/hash-file.ts";
import { ImportRefusedError, openPartnerFile } from "./read/open-partner-file.ts";
import { openRejectReport } from "./reject-report.ts";
import { getSource } from "./sources/index.ts";
import { removeStoredFile, storeFileCopy } from "./storage.ts";
import { arrayLiteral, copyLine } from "./copy-text.ts";
import { createImportJob, finishImportJob, progressReporter } from "./import-jobs.ts";
import type { NormalizedRecord } from "./types.ts";

export interface ImportFileOptions {
  source: string;
  period: string;
  /** The file on disk (an upload's temp file, an SFTP download, a CLI argument). */
  filePath: string;
  /** The name the partner gave it, for history and reports. */
  originalName?: string;
  /** For password-protected ZIPs: used to open the file, never stored or logged. */
  password?: string;
  channel: ImportChannel;
  actor: AuditActor;
  context: RequestContext;
  /** An import job created beforehand (the upload page shows its progress). */
  jobId?: string;
}

export interface ImportSummary {
  status: "imported" | "already-imported";
  batchId: string;
  jobId: string;
  source: SourceId;
  period: string;
  fileSha256: string;
  dataRows: number;
  accepted: number;
  rejected: number;
  duplicates: number;
  warnings: number;
  /** Server-generated name of the reject report in the storage folder (null when there was nothing to report). */
  rejectReport: string | null;
}

const RECORD_COLUMNS = [
  "batch_id", "source", "line", "name", "legal_form", "npwp", "npwp_is_nik", "nib", "nik", "kode_wlkp",
  "kode_badan_usaha", "province_code", "regency_code", "district_code", "village_code", "region_match",
  "address", "postcode", "phone", "email", "worker_count", "business_scale", "kbli", "extra", "raw",
] as const;

/**
 * Imports one partner file: every data row is either accepted into `source_record` or reported
 * with its reason (accepted + rejected + collapsed duplicates = data rows, always). The batch,
 * its rows and its audit event commit in one transaction, so a process killed halfway leaves
 * no trace of the batch; the same file again is a no-op reported as `already-imported`.
 */
export async function importFile(options: ImportFileOptions): Promise<ImportSummary> {
  if (!isSourceId(options.source)) throw new ImportRefusedError("unknown_source", `Sumber data tidak dikenal: ${options.source}.`);
  if (!isPeriod(options.period)) {
    throw new ImportRefusedError("bad_period", `Periode tidak sah: ${options.period} (gunakan format 2025-S1 atau 2025-S2).`);
  }
  const source = options.source;
  const fileName = options.originalName ?? path.basename(options.filePath);
  const job = options.jobId ?? (await createImportJob({ ...options, source, fileName }));
  const auditBase = { actor: options.actor, context: options.context, objectType: "import_job", objectId: job };

  let storedFile: string | null = null;
  let report: Awaited<ReturnType<typeof openRejectReport>> | null = null;
  try {
    const { size } = await stat(options.filePath);
    const fileSha256 = await sha256File(options.filePath);
    const existing = await db.importBatch.findUnique({ where: { source_fileSha256: { source, fileSha256 } } });
    if (existing) {
      await finishImportJob(job, { status: "SUCCEEDED", batchId: existing.id, fileSha256, message: "Berkas ini sudah pernah diimpor." });
      await recordAuditEvent({ ...auditBase, action: "import.skip", details: { source, period: options.period, sha256: fileSha256, batchId: existing.id } });
      return { ...summaryOf(existing), status: "already-imported", jobId: job, source, rejectReport: existing.rejectReport };
    }

    storedFile = await storeFileCopy(options.filePath, "raw", path.extname(fileName).slice(1).toLowerCase() || "dat");
    const progress = progressReporter(job, size);
    const file = await openPartnerFile({ path: options.filePath, password: options.password, onProgress: progress.bytes });
    try {
      const definition = getSource(source);
      const headers = matchHeaders(file.header, definition);
      // Missing required columns, or two file columns meaning one of ours: refuse the whole file.
      const headerProblem = headerProblemsMessage(headers);
      if (headerProblem) throw new ImportRefusedError("header", headerProblem);

      await progress.phase("membaca dan memvalidasi");
      const regions = await loadRegionResolver();
      report = await openRejectReport();
      const result = await writeBatch({
        options: { ...options, source },
        fileName,
        fileSha256,
        size,
        storedFile,
        file,
        headers,
        definition,
        regions,
        report,
        progress,
        job,
      });
      await report.close();
      const rejectReport = report.lines ? report.name : null;
      if (!rejectReport) await report.discard();
      await finishImportJob(job, { status: "SUCCEEDED", batchId: result.batchId, fileSha256 });
      return { ...result, rejectReport, status: "imported", jobId: job, source, period: options.period, fileSha256 };
    } finally {
      await file.close();
    }
  } catch (error) {
    await report?.discard();
    await removeStoredFile(storedFile);
    const refused = error instanceof ImportRefusedError;
    await finishImportJob(job, { status: refused ? "REFUSED" : "FAILED", message: errorMessage(error) });
    await recordAuditEvent({
      ...auditBase,
      action: refused ? "import.refuse" : "import.fail",
      outcome: "FAILURE",
      reason: refused ? error.code : "error",
      details: { source, period: options.period, fileName },
    }).catch(() => undefined);
    throw error;
  }
}

interface WriteBatchInput {
  options: ImportFileOptions & { source: SourceId };
  fileName: string;
  fileSha256: string;
  size: number;
  storedFile: string;
  file: Awaited<ReturnType<typeof openPartnerFile>>;
  headers: ReturnType<typeof matchHeaders>;
  definition: ReturnType<typeof getSource>;
  regions: Awaited<ReturnType<typeof loadRegionResolver>>;
  report: Awaited<ReturnType<typeof openRejectReport>>;
  progress: ReturnType<typeof progressReporter>;
  job: string;
}

/** One transaction: batch row, COPY of the accepted rows, counts, audit event. */
async function writeBatch(input: WriteBatchInput) {
  const { options, definition, headers, file, report, progress } = input;
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    await client.query("BEGIN");
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO import_batch (id, source, period, channel, file_name, file_sha256, file_size, stored_file,
         data_rows, accepted, rejected, duplicates, warnings, actor_id, actor_username)
       VALUES (gen_random_uuid(), $1, $2, $3::"ImportChannel", $4, $5, $6, $7, 0, 0, 0, 0, 0, $8, $9) RETURNING id`,
      [options.source, options.period, options.channel, input.fileName, input.fileSha256, input.size, input.storedFile, options.actor.id, options.actor.username],
    );
    const batchId = rows[0]!.id;

    const counts = { dataRows: 0, accepted: 0, rejected: 0, duplicates: 0, warnings: 0 };
    const copy = client.query(copyFrom(`COPY source_record (${RECORD_COLUMNS.join(", ")}) FROM STDIN`));
    const copyDone = new Promise<void>((resolve, reject) => {
      copy.on("finish", resolve);
      copy.on("error", reject);
    });
    const seen = new Set<string>();
    const columnCount = headers.keyByIndex.length;
    // Raw cells are kept in the order of the source's column map, so every batch of a source
    // stores them alike whatever order the partner's columns came in.
    const rawIndexes = definition.columns.map((column) => headers.keyByIndex.indexOf(column.key));
    let buffer = "";

    for await (const row of file.rows) {
      counts.dataRows += 1;
      const cells = row.cells;
      // Exact duplicates collapse into the first occurrence (a 20-byte digest per distinct row).
      const digest = hash("sha1", cells.join("\u001f"), "base64");
      if (seen.has(digest)) {
        counts.duplicates += 1;
        continue;
      }
      seen.add(digest);

      if (cells.length > columnCount && cells.slice(columnCount).some((cell) => cell.trim() !== "")) {
        counts.rejected += 1;
        await report.rejected(row.line, [
          { column: "(baris)", value: `${cells.length} kolom`, reason: `Jumlah kolom (${cells.length}) melebihi header (${columnCount}); periksa tanda kutip atau pemisah.` },
        ]);
        continue;
      }
      const values: Record<string, string> = {};
      for (let i = 0; i < columnCount; i++) {
        const key = headers.keyByIndex[i];
        if (key) values[key] = cells[i] ?? "";
      }
      const outcome = definition.normalize(values, { regions: input.regions, headers: headers.headers });
      if (!outcome.ok) {
        counts.rejected += 1;
        await report.rejected(row.line, outcome.issues);
        continue;
      }
      counts.accepted += 1;
      if (outcome.warnings.length) {
        counts.warnings += outcome.warnings.length;
        await report.warned(row.line, outcome.warnings);
      }
      buffer += recordLine(batchId, options.source, row.line, outcome.record, rawIndexes.map((i) => (i >= 0 ? (cells[i] ?? "") : "")));
      // ~1 MB writes: few enough syscalls, small enough to keep memory flat.
      if (buffer.length > 1_000_000) {
        if (!copy.write(buffer)) await new Promise((resolve) => copy.once("drain", resolve));
        buffer = "";
        progress.rows(counts.dataRows);
      }
    }
    copy.end(buffer);
    await copyDone;
    progress.rows(counts.dataRows);
    await progress.phase("menyimpan");

    await client.query(
      `UPDATE import_batch SET data_rows = $2, accepted = $3, rejected = $4, duplicates = $5, warnings = $6, reject_report = $7 WHERE id = $1`,
      [batchId, counts.dataRows, counts.accepted, counts.rejected, counts.duplicates, counts.warnings, report.lines ? report.name : null],
    );
    await appendAuditEventPg(client, {
      action: "import.run",
      actor: options.actor,
      context: options.context,
      objectType: "import_batch",
      objectId: batchId,
      details: {
        source: options.source,
        period: options.period,
        channel: options.channel,
        sha256: input.fileSha256,
        ...counts,
        job: input.job,
      },
    });
    await client.query("COMMIT");
    return { batchId, ...counts };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

function recordLine(batchId: string, source: SourceId, line: number, r: NormalizedRecord, raw: string[]): string {
  return copyLine([
    batchId, source, line, r.name, r.legalForm, r.npwp, r.npwpIsNik, r.nib, r.nik, r.kodeWlkp,
    r.kodeBadanUsaha, r.provinceCode, r.regencyCode, r.districtCode, r.villageCode, r.regionMatch,
    r.address, r.postcode, r.phone, r.email, r.workerCount, r.businessScale, r.kbli, JSON.stringify(r.extra),
    arrayLiteral(raw),
  ]);
}

function summaryOf(batch: {
  id: string;
  period: string;
  fileSha256: string;
  dataRows: number;
  accepted: number;
  rejected: number;
  duplicates: number;
  warnings: number;
}) {
  return {
    batchId: batch.id,
    period: batch.period,
    fileSha256: batch.fileSha256,
    dataRows: batch.dataRows,
    accepted: batch.accepted,
    rejected: batch.rejected,
    duplicates: batch.duplicates,
    warnings: batch.warnings,
  };
}

function errorMessage(error: unknown): string {
  if (error instanceof ImportRefusedError) return error.message;
  return `Impor gagal: ${error instanceof Error ? error.message : String(error)}`.slice(0, 1000);
}
