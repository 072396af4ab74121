import "server-only";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { SourceId } from "@/lib/sources.ts";
import { appendAuditEventPg, type AuditActor, type AuditEventInput } from "@/server/audit/append-audit-event.ts";
import { databaseUrl, db } from "@/server/db/client.ts";
import type { ImportChannel } from "@/server/db/generated/enums.ts";
import type { RequestContext } from "@/server/http/request-context.ts";
import { copyArrayLiteral, copyValue, hasArraySpecials } from "./copy-text.ts";
import { headerProblemsMessage, matchHeaders, valuesReader } from "./header-matching.ts";
import type { progressReporter } from "./import-jobs.ts";
import { ImportRefusedError } from "./read/import-refused-error.ts";
import { loadRegionResolver } from "./region-resolver.ts";
import { openRejectReport } from "./reject-report.ts";
import { RowDigestSet } from "./row-digest-set.ts";
import { getSource } from "./sources/index.ts";
import { MASKS } from "./sources/row-helpers.ts";
import type { NormalizedRecord, RawRow, RegionResolver, RowIssue } from "./types.ts";

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
  /**
   * The data rows, iterated once; `line` is what reports call the row (file line, record index).
   * Either one by one, or (cheaper: one await per batch) as `{ batches }` of rows in order.
   */
  rows: AsyncIterable<RawRow> | { batches: AsyncIterable<readonly RawRow[]> };
  /**
   * The region resolver, when the caller started loading it earlier (a file import loads it while
   * the file is hashed and copied); loaded here otherwise.
   */
  regions?: Promise<RegionResolver>;
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

/** The columns an import writes to `source_record`, in its COPY's order. */
export const RECORD_COLUMNS = [
  "batch_id", "source", "line", "name", "legal_form", "npwp", "npwp_is_nik", "nib", "nik", "kode_wlkp",
  "kode_badan_usaha", "province_code", "regency_code", "district_code", "village_code", "region_match",
  "address", "postcode", "phone", "email", "worker_count", "business_scale", "kbli", "extra", "raw",
] as const;

/** Size of the buffers the COPY data is written in. */
const COPY_CHUNK_BYTES = 1 << 20;

/** The delivery (same source, same SHA-256) became a batch while this import was under way. */
export class DeliveryAlreadyImportedError extends Error {
  constructor() {
    super("Berkas ini sudah pernah diimpor.");
    this.name = "DeliveryAlreadyImportedError";
  }
}

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
  const regions = await (input.regions ?? loadRegionResolver());
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
  regions: RegionResolver;
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
       VALUES (gen_random_uuid(), $1, $2, $3::"ImportChannel", $4, $5, $6, $7, 0, 0, 0, 0, 0, $8, $9)
       ON CONFLICT (source, file_sha256) DO NOTHING RETURNING id`,
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
    // Nothing inserted: the same delivery is already a batch. A concurrent import of it waits
    // here until the first one commits (or rolls back, and then this one goes ahead).
    if (rows.length === 0) throw new DeliveryAlreadyImportedError();
    const batchId = rows[0]!.id;
    // Every row's foreign-key check of batch_id runs. Skipping it took replica mode, which only a
    // superuser may set, and the app is none on purpose; measured (npm run bench:import) it
    // costs ~4.3 s per 1,000,000 rows, 13 % of the import (docs/importing.md, "Import benchmark").

    const counts: BatchCounts = { dataRows: 0, accepted: 0, rejected: 0, duplicates: 0, warnings: 0 };
    const copy = client.query(copyFrom(`COPY source_record (${RECORD_COLUMNS.join(", ")}) FROM STDIN`));
    const copyDone = new Promise<void>((resolve, reject) => {
      copy.on("finish", resolve);
      copy.on("error", reject);
    });
    const seen = new RowDigestSet();
    const columnCount = headers.keyByIndex.length;
    // Raw cells are kept in the order of the source's column map, so every batch of a source
    // stores them alike whatever order the partner's columns came in.
    const rawIndexes = definition.columns.map((column) => headers.keyByIndex.indexOf(column.key));
    const reject = async (line: number, issues: RowIssue[]) => {
      counts.rejected += 1;
      input.onRejected?.(line, issues);
      await report.rejected(line, issues);
    };
    // COPY data goes out in ~1 MB buffers, each line encoded straight into one: few enough
    // syscalls, small enough to keep memory flat, and no megabyte-long string to flatten.
    let chunk = Buffer.allocUnsafe(COPY_CHUNK_BYTES);
    let used = 0;
    const flush = async (room: number) => {
      if (used > 0 && !copy.write(chunk.subarray(0, used))) await new Promise((resolve) => copy.once("drain", resolve));
      chunk = Buffer.allocUnsafe(Math.max(COPY_CHUNK_BYTES, room));
      used = 0;
      input.progress?.rows(counts.dataRows);
    };

    const valuesOf = valuesReader(headers.keyByIndex);
    const personalKeys = new Set(definition.columns.filter((column) => column.personal).map((column) => column.key));
    const personalIndexes = new Set(headers.keyByIndex.flatMap((key, index) => (key !== null && personalKeys.has(key) ? [index] : [])));
    const normalizeContext = { regions, headers: headers.headers };
    const batches = "batches" in input.rows ? input.rows.batches : singleRows(input.rows);

    for await (const batch of batches) {
      for (const row of batch) {
        counts.dataRows += 1;
        const cells = row.cells;
        // Exact duplicates collapse into the first occurrence.
        const joined = cells.join("\u001f");
        if (!seen.add(joined)) {
          counts.duplicates += 1;
          continue;
        }

        if (cells.length > columnCount && cells.slice(columnCount).some((cell) => cell.trim() !== "")) {
          await reject(row.line, [
            { column: "(baris)", value: `${cells.length} kolom`, reason: `Jumlah kolom (${cells.length}) melebihi header (${columnCount}); periksa tanda kutip atau pemisah.` },
          ]);
          continue;
        }
        if (row.undefinedBytes) {
          const issues = undefinedByteIssues(row, input.header, personalIndexes);
          counts.warnings += issues.length;
          await report.warned(row.line, issues);
        }
        const outcome = definition.normalize(valuesOf(cells), normalizeContext);
        if (!outcome.ok) {
          await reject(row.line, outcome.issues);
          continue;
        }
        counts.accepted += 1;
        if (outcome.warnings.length) {
          counts.warnings += outcome.warnings.length;
          await report.warned(row.line, outcome.warnings);
        }
        const text = recordLine(batchId, input.source, row.line, outcome.record, cells, rawIndexes, hasArraySpecials(joined));
        // At most 3 UTF-8 bytes per UTF-16 code unit.
        if (used + text.length * 3 > chunk.length) await flush(text.length * 3);
        used += chunk.write(text, used);
      }
    }
    copy.end(chunk.subarray(0, used));
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

/**
 * One warning per cell that held a byte Windows-1252 does not define: the value stays (with
 * U+FFFD where the byte was), since the rest of it is usually right; the partner learns where to look.
 */
function undefinedByteIssues(row: RawRow, header: readonly string[], personalIndexes: ReadonlySet<number>): RowIssue[] {
  return (row.undefinedBytes ?? []).map((index) => {
    const value = (row.cells[index] ?? "").trim();
    return {
      column: header[index] || `kolom ${index + 1}`,
      value: personalIndexes.has(index) ? MASKS.text(value) : value,
      reason: "byte tidak terdefinisi di Windows-1252 (diganti dengan \uFFFD); periksa nilai ini atau simpan ulang berkas sebagai CSV UTF-8",
    };
  });
}

async function* singleRows(rows: AsyncIterable<RawRow>): AsyncGenerator<readonly RawRow[]> {
  for await (const row of rows) yield [row];
}

/** One COPY text line of `source_record`: what `copyLine` makes of the record's columns. */
function recordLine(
  batchId: string,
  source: SourceId,
  line: number,
  r: NormalizedRecord,
  cells: readonly string[],
  rawIndexes: readonly number[],
  rawSpecials: boolean,
): string {
  return (
    `${batchId}\t${copyValue(source)}\t${line}\t${copyValue(r.name)}\t${copyValue(r.legalForm)}\t${copyValue(r.npwp)}\t` +
    `${copyValue(r.npwpIsNik)}\t${copyValue(r.nib)}\t${copyValue(r.nik)}\t${copyValue(r.kodeWlkp)}\t${copyValue(r.kodeBadanUsaha)}\t` +
    `${copyValue(r.provinceCode)}\t${copyValue(r.regencyCode)}\t${copyValue(r.districtCode)}\t${copyValue(r.villageCode)}\t` +
    `${copyValue(r.regionMatch)}\t${copyValue(r.address)}\t${copyValue(r.postcode)}\t${copyValue(r.phone)}\t${copyValue(r.email)}\t` +
    `${copyValue(r.workerCount)}\t${copyValue(r.businessScale)}\t${copyValue(r.kbli)}\t${copyValue(JSON.stringify(r.extra))}\t` +
    `${copyArrayLiteral(cells, rawIndexes, rawSpecials)}\n`
  );
}
