import "server-only";
import { availableParallelism } from "node:os";
import pg from "pg";
import { runAsBackgroundBackend } from "@/server/db/background-backend.ts";
import { from as copyFrom } from "pg-copy-streams";
import type { SourceId } from "@/lib/sources.ts";
import { appendAuditEventPg, type AuditActor, type AuditEventInput } from "@/server/audit/append-audit-event.ts";
import { analyzeTables } from "@/server/db/analyze-tables.ts";
import { databaseUrl, db } from "@/server/db/client.ts";
import type { ImportChannel } from "@/server/db/generated/enums.ts";
import type { RequestContext } from "@/server/http/request-context.ts";
import { betterFitProblem, withBetterSourceHint } from "./best-matching-source.ts";
import { headerProblemsMessage, matchHeaders } from "./header-matching.ts";
import type { progressReporter } from "./import-jobs.ts";
import { ImportRefusedError } from "./read/import-refused-error.ts";
import { regionResolverFor } from "./load-region-resolver.ts";
import { openRejectReport } from "./reject-report.ts";
import { RowDigestSet } from "./row-digest-set.ts";
import { DIGEST_WORDS, type RowJobResult } from "./row-work.ts";
import { importThreads, startRowProcessor } from "./row-workers.ts";
import { getSource } from "./sources/index.ts";
import type { RawRow, RegionResolver, RowIssue } from "./types.ts";

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

/**
 * Rows per job handed to a worker thread: large enough that a message's fixed cost is small
 * beside its work, small enough that the jobs in flight hold little memory.
 */
const JOB_ROWS = 2000;

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
 * `header`) when required columns are missing, two header cells mean one column, or another
 * source recognises more of the columns. Every row is
 * either accepted into `source_record`, rejected into the reject report, or collapsed into an
 * earlier identical row: accepted + rejected + duplicates = data rows, always.
 */
export async function writeBatch(input: WriteBatchInput): Promise<WrittenBatch> {
  const definition = getSource(input.source);
  const headers = matchHeaders(input.header, definition);
  // Missing required columns, or two columns meaning one of ours: refuse the whole delivery.
  const headerProblem = headerProblemsMessage(headers);
  if (headerProblem) throw new ImportRefusedError("header", withBetterSourceHint(headerProblem, input.header, input.source));
  const elsewhere = betterFitProblem(input.header, input.source);
  if (elsewhere) throw new ImportRefusedError("header", elsewhere);

  await input.progress?.phase("membaca dan memvalidasi");
  const regions = await (input.regions ?? regionResolverFor(input.source));
  const report = await openRejectReport();
  try {
    const written = await writeRows(input, { regions, report });
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
  regions: RegionResolver;
  report: Awaited<ReturnType<typeof openRejectReport>>;
}

/** One transaction: batch row, COPY of the accepted rows, counts, audit event(s). */
async function writeRows(input: WriteBatchInput, { regions, report }: WriteRowsContext) {
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    // Imports are background work: page requests come first on a machine the database shares.
    await runAsBackgroundBackend(client);
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

    const counts: BatchCounts = { dataRows: 0, accepted: 0, rejected: 0, duplicates: 0, warnings: 0 };
    const copy = client.query(copyFrom(`COPY source_record (${RECORD_COLUMNS.join(", ")}) FROM STDIN`));
    const copyDone = new Promise<void>((resolve, reject) => {
      copy.on("finish", resolve);
      copy.on("error", reject);
    });
    const write = async (bytes: Uint8Array) => {
      if (bytes.length && !copy.write(bytes)) await new Promise((resolve) => copy.once("drain", resolve));
    };
    const seen = new RowDigestSet();
    const processor = startRowProcessor(
      { source: input.source, header: input.header, batchId },
      regions,
      importThreads(input.delivery.size, availableParallelism()),
    );
    // Jobs in flight: enough to keep every thread busy while the results of the oldest are taken.
    const jobs: { lines: Int32Array; result: Promise<RowJobResult> }[] = [];
    const maxJobs = Math.max(1, processor.threads * 2);
    let pending: RawRow[] = [];
    const submit = () => {
      const result = processor.submit(pending);
      // Awaited in turn by take(); after a failure the jobs behind it are never awaited.
      result.catch(() => undefined);
      jobs.push({ lines: Int32Array.from(pending, (row) => row.line), result });
      pending = [];
    };
    // Takes the oldest job's results in file order: duplicates collapse into the first occurrence
    // (their own outcome is dropped), the rest is counted, reported and written.
    const take = async () => {
      const job = jobs.shift()!;
      const result = await job.result;
      const { digests, ends, copy: bytes, events } = result;
      let event = 0;
      let runStart = 0;
      for (let i = 0; i < job.lines.length; i++) {
        counts.dataRows += 1;
        const start = i === 0 ? 0 : ends[i - 1]!;
        if (!seen.addDigest(digests, i * DIGEST_WORDS)) {
          counts.duplicates += 1;
          while (event < events.length && events[event]!.row === i) event++;
          // A duplicate's own COPY line is left out of what is written.
          if (ends[i]! > start) {
            await write(bytes.subarray(runStart, start));
            runStart = ends[i]!;
          }
          continue;
        }
        let rejected = false;
        for (; event < events.length && events[event]!.row === i; event++) {
          const { kind, issues } = events[event]!;
          if (kind === "rejected") {
            rejected = true;
            counts.rejected += 1;
            input.onRejected?.(job.lines[i]!, issues);
            await report.rejected(job.lines[i]!, issues);
          } else {
            counts.warnings += issues.length;
            await report.warned(job.lines[i]!, issues);
          }
        }
        if (!rejected) counts.accepted += 1;
      }
      await write(bytes.subarray(runStart));
      input.progress?.rows(counts.dataRows);
    };

    const batches = "batches" in input.rows ? input.rows.batches : singleRows(input.rows);
    try {
      for await (const batch of batches) {
        for (const row of batch) pending.push(row);
        if (pending.length < JOB_ROWS) continue;
        submit();
        while (jobs.length >= maxJobs) await take();
      }
      if (pending.length) submit();
      while (jobs.length) await take();
    } finally {
      await processor.close();
    }
    copy.end();
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
    // After the commit, so a concurrent import's ANALYZE (the same lock) never waits on this
    // transaction; the match run this import starts plans on the new row counts.
    await analyzeTables(client, ["source_record"]);
    return { batchId, ...counts };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

async function* singleRows(rows: AsyncIterable<RawRow>): AsyncGenerator<readonly RawRow[]> {
  for await (const row of rows) yield [row];
}
