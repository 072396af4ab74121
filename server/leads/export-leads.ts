import "server-only";
import type { Writable } from "node:stream";
import type pg from "pg";
import type { BusinessStatusValue } from "@/lib/leads/business-status.ts";
import { isLeadExportFormat, selectLeadColumns, type LeadColumn, type LeadExportFormat } from "@/lib/leads/lead-columns.ts";
import { describeLeadFilter, type LeadFilter } from "@/lib/leads/lead-filter.ts";
import { LEAD_SORT_DEFAULT_DIRECTION, type LeadSort, type SortDirection } from "@/lib/leads/lead-url-state.ts";
import { normalizeRegionCode } from "@/lib/region-code.ts";
import type { RegionScope } from "@/server/access/region-scope.ts";
import { recordAuditEvent, type AuditActor } from "@/server/audit/append-audit-event.ts";
import { db } from "@/server/db/client.ts";
import type { BusinessStatus } from "@/server/db/generated/enums.ts";
import { DomainError } from "@/server/errors.ts";
import { openExportSnapshot, writeExportFile } from "@/server/exports/cursor-export.ts";
import { TableFileWriter } from "@/server/exports/table-file.ts";
import type { RequestContext } from "@/server/http/request-context.ts";
import { cappedLeadCountSql } from "./count-lead-export.ts";
import { leadCsvLines, leadExportCells, leadXlsxRows } from "./encode-lead-rows.ts";
import { leadExportSelection } from "./lead-export-row.ts";
import { LEAD_SEARCH_SETTINGS, leadOrderBy, leadWhere, SqlParams } from "./lead-query.ts";
import { formatCount } from "@/lib/format.ts";

/**
 * Writes the leads a filter selects inside the caller's region scope — the very WHERE the lead
 * list uses (lead-query.ts `leadWhere`), in the list's sort — to a stream as CSV or XLSX. One row
 * source serves both formats, the web download and `jangkau export leads`: a server-side cursor
 * in a read-only REPEATABLE READ transaction (one consistent snapshot, the count and the rows
 * agree), streamed with backpressure (server/exports/cursor-export.ts), so memory stays flat
 * whatever the row count.
 *
 * Auditing (`lead.export`): the file's SHA-256 is only known once the last byte is written, so the
 * record (format, filter, sort, columns, rows, SHA-256) is written then — and the file's last
 * chunk is held back until it is: if the record cannot be written the reader is left with an
 * incomplete file and a failed download. An export that fails once it started (the reader went
 * away, the disk filled) is recorded as FAILURE with the rows written so far, since part of the
 * file may have left. A filter over the row cap is refused before anything is written, recorded
 * as DENIED.
 *
 * A process killed mid-file (the server restarted, the CLI was SIGKILLed) writes nothing more:
 * so each file begins with a `lead.export_start` event, and the export holds its liveness lock
 * while it writes. An export that started but never ended, and whose lock is free, is recorded
 * as FAILURE (`interrupted`) by failInterruptedExports at the next start of the app or the CLI.
 */

export interface LeadExportRequest {
  filter: LeadFilter;
  /** The list's sort; priority, highest first, when absent. */
  sort?: { sort: LeadSort; direction: SortDirection };
  scope: RegionScope;
  /** The caller's user id, for "assigned to me"; null for the CLI. */
  actorId: string | null;
  format: LeadExportFormat;
  /** Column keys (lib/leads/lead-columns.ts); every column when absent. */
  columns?: readonly string[];
  /** Refuse (LeadExportTooLarge) when more rows than this match; no cap when absent. */
  maxRows?: number;
  actor: AuditActor;
  context: RequestContext;
  /** The file's name, recorded with the audit event. */
  fileName?: string;
}

export interface LeadExportSummary {
  format: LeadExportFormat;
  rows: number;
  columns: number;
  bytes: number;
  /** SHA-256 of the bytes written, hex. */
  sha256: string;
}

/** The filter selects more rows than the caller may export at once. */
export class LeadExportTooLarge extends DomainError {
  constructor(readonly maxRows: number) {
    super(`Filter ini mencakup lebih dari ${formatCount(maxRows)} baris, batas ekspor untuk peran Anda. Persempit filter (misalnya wilayah, status, atau skala usaha) lalu ekspor lagi.`);
    this.name = "LeadExportTooLarge";
  }
}

/** An export whose transaction is open and whose row count is known, ready to write. */
export interface OpenLeadExport {
  /** Rows the file will hold (same snapshot); null when no cap was asked for (not counted). */
  rows: number | null;
  columns: readonly LeadColumn[];
  /** Writes the file into `output` and audits it; settles when the output has everything. */
  writeTo(output: Writable): Promise<LeadExportSummary>;
  /** Gives the transaction back without writing (e.g. the request was refused after all). */
  cancel(): Promise<void>;
}

// lib/ declares the status literals itself; this fails to compile when they drift from Prisma's.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const statusesMatchPrisma: Same<BusinessStatusValue, BusinessStatus> = true;
void statusesMatchPrisma;

/**
 * The rows an export of `request` holds, in its order: the export fields its columns read
 * (lead-export-row.ts `leadExportSelection`) of the leads `leadWhere` selects. The region and
 * assignee joins are left joins on unique keys, which PostgreSQL drops when no selected field
 * reads them. Exported for the export benchmark, which runs the same statement through
 * `psql \copy` as its floor.
 */
export function leadExportQuery(request: Pick<LeadExportRequest, "filter" | "sort" | "scope" | "actorId"> & { columns: readonly LeadColumn[] }) {
  const sort = request.sort ?? { sort: "prioritas" as LeadSort, direction: LEAD_SORT_DEFAULT_DIRECTION.prioritas };
  const lead = leadWhere(request.filter, request.scope, request.actorId, { order: sort });
  const params = new SqlParams(lead.values.length);
  const order = leadOrderBy({ ...sort, q: request.filter.q }, params);
  const sql = `SELECT ${leadExportSelection(request.columns).sql}
       FROM ${lead.from}
         LEFT JOIN region p ON p.code = b.province_code
         LEFT JOIN region rg ON rg.code = b.regency_code
         LEFT JOIN region d ON d.code = b.district_code
         LEFT JOIN region v ON v.code = b.village_code
         LEFT JOIN app_user u ON u.id = f.assigned_to_id
       WHERE ${lead.where}
       ORDER BY ${order.orderBy}`;
  return { sort, lead, sql, values: [...lead.values, ...params.values] };
}

export async function openLeadExport(request: LeadExportRequest): Promise<OpenLeadExport> {
  const { filter, format } = request;
  if (!isLeadExportFormat(format)) throw new DomainError(`Format ekspor tidak dikenal: ${String(format)}`, "format");
  const columns = selectLeadColumns(request.columns);
  const { sort, lead, sql, values } = leadExportQuery({ ...request, columns });
  const audit = (action: "lead.export" | "lead.export_start", outcome: "SUCCESS" | "FAILURE" | "DENIED", details: Record<string, unknown>, reason?: string) =>
    recordAuditEvent({
      action,
      outcome,
      actor: request.actor,
      objectType: "lead_export",
      objectId: request.fileName,
      reason,
      details: {
        format,
        filter: describeLeadFilter(filter),
        sort: `${sort.sort} ${sort.direction}`,
        columns: columns.map((c) => c.key),
        ...details,
      },
      context: request.context,
    });

  let client: pg.Client | null = null;
  let rows: number | null = null;
  try {
    client = await openExportSnapshot();
    await client.query(LEAD_SEARCH_SETTINGS);
    if (request.maxRows !== undefined) {
      const counted = await client.query<{ n: number }>(cappedLeadCountSql(lead, lead.values.length + 1), [...lead.values, request.maxRows + 1]);
      rows = counted.rows[0]?.n ?? 0;
      if (rows > request.maxRows) throw new LeadExportTooLarge(request.maxRows);
    }
  } catch (error) {
    await client?.end().catch(() => undefined);
    if (error instanceof LeadExportTooLarge) await audit("lead.export", "DENIED", { maxRows: request.maxRows }, "row_cap");
    throw error;
  }

  const snapshot = client;
  let used = false;
  return {
    rows,
    columns,
    async cancel() {
      if (used) return;
      used = true;
      await snapshot.end().catch(() => undefined);
    },
    async writeTo(output) {
      if (used) throw new Error("Ekspor ini sudah dipakai");
      used = true;
      const file = new TableFileWriter(format, columns, output, { sheetName: "Prospek" });
      const written = await writeExportFile(
        snapshot,
        { sql, values },
        file,
        leadExportCells(columns),
        {
          start: (details) => audit("lead.export_start", "SUCCESS", details),
          end: (outcome, details, reason) => audit("lead.export", outcome, details, reason),
        },
        { csv: leadCsvLines(columns), xlsx: leadXlsxRows(columns) },
      );
      return { format, rows: written.rows, columns: columns.length, bytes: written.bytes, sha256: written.sha256 };
    },
  };
}

export interface ExportLeadsOptions extends Omit<LeadExportRequest, "scope" | "actorId"> {
  /** Every region when absent (the CLI's operator). */
  scope?: RegionScope;
  actorId?: string | null;
  /** Receives the file: ended when it is complete, destroyed when the export fails. */
  output: Writable;
}

/**
 * The whole export in one call (`jangkau export leads`): the filter's region codes must exist —
 * a typo is named instead of exporting nothing.
 */
export async function exportLeads(options: ExportLeadsOptions): Promise<LeadExportSummary> {
  const { output, ...request } = options;
  let opened: OpenLeadExport;
  try {
    const regionCodes = await knownRegionCodes(request.filter.regionCodes ?? []);
    opened = await openLeadExport({
      ...request,
      filter: regionCodes.length ? { ...request.filter, regionCodes } : request.filter,
      scope: request.scope ?? { kind: "all" },
      actorId: request.actorId ?? null,
    });
  } catch (error) {
    output.destroy();
    throw error;
  }
  return opened.writeTo(output);
}

/** The filter's region codes, dotted, each checked against the region table. */
async function knownRegionCodes(codes: readonly string[]): Promise<string[]> {
  if (!codes.length) return [];
  const normalized = codes.map((code) => {
    const dotted = normalizeRegionCode(code);
    if (dotted === null) throw new DomainError(`Kode wilayah tidak valid: ${code}`, "regionCodes");
    return dotted;
  });
  const unique = [...new Set(normalized)];
  const found = new Set((await db.region.findMany({ where: { code: { in: unique } }, select: { code: true } })).map((r) => r.code));
  const unknown = unique.filter((code) => !found.has(code));
  if (unknown.length) throw new DomainError(`Kode wilayah tidak dikenal: ${unknown.join(", ")}`, "regionCodes");
  return unique;
}
