import "server-only";
import { hash } from "node:crypto";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { SourceId } from "@/lib/sources.ts";
import { appendAuditEventPg, type AuditActor, type AuditEventInput } from "@/server/audit/append-audit-event.ts";
import { databaseUrl, db } from "@/server/db/client.ts";
import type { ImportChannel } from "@/server/db/generated/enums.ts";
import type { RequestContext } from "@/server/http/request-context.ts";
import { arrayLiteral, copyLine } from "./copy-text.ts";
import { headerProblemsMessage, matchHeaders } from "./header-matching.ts";
import type { progressReporter } from "./import-jobs.ts";
import { ImportRefusedError } from "./read/import-refused-error.ts";
import { loadRegionResolver } from "./region-resolver.ts";
import { openRejectReport } from "./reject-report.ts";
import { getSource } from "./sources/index.ts";
import type { NormalizedRecord, RawRow, RowIssue } from "./types.ts";

/**
 * The part of every import that turns rows into a committed batch, whatever they came from (a
 * file's CSV rows, an API call's JSON records): header matching, the row loop (duplicate
 * collapse, normalization, reject accounting), the COPY of accepted rows, the batch row and its
 * audit event — one transaction, so a batch exists completely or not at all.
 */

export interface BatchDelivery {
  /** The partner's name for what it sent (a file name); null for API calls. */
  fileName: string | null;
  /** Hex SHA-256 of the delivery (the file's bytes, or an API call's canonical JSON). */
  sha256: string;
  /** Its size in bytes. */
  size: number;
  /** Server-generated name of the kept copy in the storage folder. */
  storedFile: string | null;
}

export interface BatchCounts {
  dataRows: number;
  accepted: number;
  rejected: number;
  duplicates: number;
  warnings: number;
}

export interface WriteBatchInput {
  source: SourceId;
  period: string;
  channel: ImportChannel;
  actor: AuditActor;
  context: RequestContext;
  delivery: BatchDelivery;
  /** The import job this attempt runs under (recorded in the audit event). */
  jobId: string;
  /** The header cells: a file's header row, or the keys of API records. */
  header: readonly string[];
  /** The data rows, iterated once; `line` is what reports call the row (file line, record index). */
  rows: AsyncIterable<RawRow>;
  /** Live progress for the upload page (files); optional. */
  progress?: Pick<ReturnType<typeof progressReporter>, "rows" | "phase">;
  /** Sees each rejected row as it is reported (the API answers with the first ones). */
  onRejected?: (line: number, issues: readonly RowIssue[]) => void;
  /**
   * More audit events to commit with the batch (the API's record of the call), given the batch
   * id and its counts. A failure here rolls the batch back.
   */
  alsoAudit?: (batch: { batchId: string; counts: BatchCounts }) => AuditEventInput[];
}

export interface WrittenBatch extends BatchCounts {
  batchId: string;
  /** Server-generated name of the reject report; null when no row was rejected or warned about. */
  rejectReport: string | null;
  /** Header cells that match no column of the source (not an error; worth telling the partner). */
  unknownColumns: string[];
}

const RECORD_COLUMNS = [
  "batch_id", "source", "line", "name", "legal_form", "npwp", "npwp_is_nik", "nib", "nik", "kode_wlkp",
  "kode_badan_usaha", "province_code", "regency_code", "district_code", "village_code", "region_match",
  "address", "postcode", "phone", "email", "worker_count", "business_scale", "kbli", "extra", "raw",
] as const;

/** The batch already imported from this delivery (same source, same SHA-256), if any. */
export function findImportedBatch(source: SourceId, sha256: string) {
  return db.importBatch.findUnique({ where: { source_fileSha256: { source, fileSha256: sha256 } } });
}

/**
 * Validates `rows` against the source's column map and writes the batch. Refuses (ImportRefusedError
 * `header`) when required columns are missing or two header cells mean one column. Every row is
 * either accepted into `source_record`, rejected into the reject report, or collapsed into an
 * earlier identical row: accepted + rejected + duplicates = data rows, always.
 */
export async function writeBatch(input: WriteBatchInput): Promise<WrittenBatch> {
  const definition = getSource(input.source);
  const headers = matchHeaders(input.header, definition);
  // Missing required columns, or two columns meaning one of ours: refuse the whole delivery.
  const headerProblem = headerProblemsMessage(headers);
  if (headerProblem) throw new ImportRefusedError("header", headerProblem);

  await input.progress?.phase("membaca dan memvalidasi");
  const regions = await loadRegionResolver();
  const report = await openRejectReport();
  try {
    const written = await writeRows(input, { definition, headers, regions, report });
    await report.close();
    const rejectReport = report.lines ? report.name : null;
    if (!rejectReport) await report.discard();
    return { ...written, rejectReport, unknownColumns: headers.unknownColumns };
  } catch (error) {
    await report.discard();
    throw error;
  }
}

interface WriteRowsContext {
  definition: ReturnType<typeof getSource>;
  headers: ReturnType<typeof matchHeaders>;
  regions: Awaited<ReturnType<typeof loadRegionResolver>>;
  report: Awaited<ReturnType<typeof openRejectReport>>;
}

/** One transaction: batch row, COPY of the accepted rows, counts, audit event(s). */
async function writeRows(input: WriteBatchInput, { definition, headers, regions, report }: WriteRowsContext) {
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    await client.query("BEGIN");
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO import_batch (id, source, period, channel, file_name, file_sha256, file_size, stored_file,
         data_rows, accepted, rejected, duplicates, warnings, actor_id, actor_username)
       VALUES (gen_random_uuid(), $1, $2, $3::"ImportChannel", $4, $5, $6, $7, 0, 0, 0, 0, 0, $8, $9) RETURNING id`,
      [
        input.source,
        input.period,
        input.channel,
        input.delivery.fileName,
        input.delivery.sha256,
        input.delivery.size,
        input.delivery.storedFile,
        input.actor.id,
        input.actor.username,
      ],
    );
    const batchId = rows[0]!.id;

    const counts: BatchCounts = { dataRows: 0, accepted: 0, rejected: 0, duplicates: 0, warnings: 0 };
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
    const reject = async (line: number, issues: RowIssue[]) => {
      counts.rejected += 1;
      input.onRejected?.(line, issues);
      await report.rejected(line, issues);
    };
    let buffer = "";

    for await (const row of input.rows) {
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
        await reject(row.line, [
          { column: "(baris)", value: `${cells.length} kolom`, reason: `Jumlah kolom (${cells.length}) melebihi header (${columnCount}); periksa tanda kutip atau pemisah.` },
        ]);
        continue;
      }
      const values: Record<string, string> = {};
      for (let i = 0; i < columnCount; i++) {
        const key = headers.keyByIndex[i];
        if (key) values[key] = cells[i] ?? "";
      }
      const outcome = definition.normalize(values, { regions, headers: headers.headers });
      if (!outcome.ok) {
        await reject(row.line, outcome.issues);
        continue;
      }
      counts.accepted += 1;
      if (outcome.warnings.length) {
        counts.warnings += outcome.warnings.length;
        await report.warned(row.line, outcome.warnings);
      }
      buffer += recordLine(batchId, input.source, row.line, outcome.record, rawIndexes.map((i) => (i >= 0 ? (cells[i] ?? "") : "")));
      // ~1 MB writes: few enough syscalls, small enough to keep memory flat.
      if (buffer.length > 1_000_000) {
        if (!copy.write(buffer)) await new Promise((resolve) => copy.once("drain", resolve));
        buffer = "";
        input.progress?.rows(counts.dataRows);
      }
    }
    copy.end(buffer);
    await copyDone;
    input.progress?.rows(counts.dataRows);
    await input.progress?.phase("menyimpan");

    await client.query(
      `UPDATE import_batch SET data_rows = $2, accepted = $3, rejected = $4, duplicates = $5, warnings = $6, reject_report = $7 WHERE id = $1`,
      [batchId, counts.dataRows, counts.accepted, counts.rejected, counts.duplicates, counts.warnings, report.lines ? report.name : null],
    );
    await appendAuditEventPg(client, {
      action: "import.run",
      actor: input.actor,
      context: input.context,
      objectType: "import_batch",
      objectId: batchId,
      details: {
        source: input.source,
        period: input.period,
        channel: input.channel,
        sha256: input.delivery.sha256,
        ...counts,
        job: input.jobId,
      },
    });
    for (const event of input.alsoAudit?.({ batchId, counts }) ?? []) await appendAuditEventPg(client, event);
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
