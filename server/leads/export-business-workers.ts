import "server-only";
import type { Writable } from "node:stream";
import { jakartaIsoDate } from "@/lib/audit-filter.ts";
import { jknSegmentLabel } from "@/lib/balikan.ts";
import { isWorkerExportFormat, isWorkerStatus, NOT_REGISTERED_HERE, WORKER_STATUS_LABELS, type WorkerExportFormat } from "@/lib/leads/worker-status.ts";
import { BUSINESS_REGION_COLUMNS, regionScopeSql, type RegionScope } from "@/server/access/region-scope.ts";
import { recordAuditEvent, type AuditActor } from "@/server/audit/append-audit-event.ts";
import { db } from "@/server/db/client.ts";
import { DomainError } from "@/server/errors.ts";
import { openExportSnapshot, writeExportFile } from "@/server/exports/cursor-export.ts";
import { TableFileWriter, type TableCell, type TableFileColumn } from "@/server/exports/table-file.ts";
import type { RequestContext } from "@/server/http/request-context.ts";
import { SqlParams } from "./lead-query.ts";
import { businessWorkerWhere, WORKER_NIK_SQL, WORKER_ORDER_BY } from "./worker-query.ts";

/**
 * The workers of ONE business who are not registered in JKN under it — not registered at all,
 * registered under another employer, or in another segment — as CSV or XLSX, for the letter to
 * the employer. This is the one file that carries NIKs (and passport numbers) in clear: the
 * employer must be able to tell which of its workers to register. So it is exported by one
 * business at a time, inside the caller's region scope (worker-query.ts), and audited as a
 * personal-data export: `lead.workers_export_start` before the first row, `lead.workers_export`
 * with the row count and the file's SHA-256 (or FAILURE) at the end — the lead export's scheme
 * (server/exports/cursor-export.ts), so a process killed mid-file is recorded as interrupted at
 * the next start. A business outside the scope is "not found", exactly like one that does not
 * exist, and the attempt is recorded DENIED.
 */

export interface BusinessWorkerExportRequest {
  businessId: bigint;
  scope: RegionScope;
  format: WorkerExportFormat;
  actor: AuditActor;
  context: RequestContext;
  /** For the file name's date (WIB). */
  now?: Date;
}

export interface BusinessWorkerExportSummary {
  format: WorkerExportFormat;
  rows: number;
  bytes: number;
  /** SHA-256 of the bytes written, hex. */
  sha256: string;
}

export interface OpenBusinessWorkerExport {
  fileName: string;
  /** Writes the file into `output` and audits it; settles when the output has everything. */
  writeTo(output: Writable): Promise<BusinessWorkerExportSummary>;
  /** Gives the snapshot back without writing. */
  cancel(): Promise<void>;
}

/** The file's columns, in order; every cell is text. */
export const WORKER_EXPORT_COLUMNS: readonly TableFileColumn[] = [
  { header: "NIK", type: "text", width: 18 },
  { header: "Nomor Paspor", type: "text", width: 14 },
  { header: "Nama Tenaga Kerja", type: "text", width: 30 },
  { header: "Kewarganegaraan", type: "text" },
  { header: "Jabatan", type: "text", width: 24 },
  { header: "Status Hubungan Kerja", type: "text" },
  { header: "Tanggal Mulai Bekerja", type: "text" },
  { header: "Status JKN", type: "text", width: 30 },
  { header: "Segmen JKN", type: "text" },
  { header: "Kepesertaan Aktif", type: "text" },
];

/** `pekerja-belum-terdaftar-<business id>-<YYYY-MM-DD>.<ext>`, the date in WIB. */
export function workerExportFileName(businessId: bigint, format: WorkerExportFormat, now: Date): string {
  return `pekerja-belum-terdaftar-${businessId}-${jakartaIsoDate(now)}.${format}`;
}

/**
 * The export, opened on its snapshot and ready to write; null when the business is not found
 * inside the caller's scope (recorded DENIED when it exists outside it) or Kemnaker sent no
 * worker rows for it.
 */
export async function openBusinessWorkerExport(request: BusinessWorkerExportRequest): Promise<OpenBusinessWorkerExport | null> {
  const { businessId, scope, format } = request;
  if (!isWorkerExportFormat(format)) throw new DomainError(`Format ekspor tidak dikenal: ${String(format)}`, "format");
  const fileName = workerExportFileName(businessId, format, request.now ?? new Date());
  const business = await findBusinessInScope(businessId, scope);
  const audit = (action: "lead.workers_export" | "lead.workers_export_start", outcome: "SUCCESS" | "FAILURE" | "DENIED", details: Record<string, unknown>, reason?: string) =>
    recordAuditEvent({
      action,
      outcome,
      actor: request.actor,
      objectType: "business",
      objectId: String(businessId),
      region: business?.region ?? undefined,
      reason,
      details: { format, fileName, statuses: [...NOT_REGISTERED_HERE], personalData: ["nik", "passportNumber"], ...details },
      context: request.context,
    });
  if (!business) {
    // The caller sees "not found" either way; the trail records an attempt on another region's workers.
    if (await db.business.count({ where: { id: businessId } })) await audit("lead.workers_export", "DENIED", {}, "outside_region_scope");
    return null;
  }
  if (!business.hasWorkers) return null;

  const params = new SqlParams();
  const sql = businessWorkerWhere(businessId, scope, NOT_REGISTERED_HERE, params);
  const rows = {
    sql: `SELECT ${WORKER_NIK_SQL}, r.extra->>'passportNumber', r.name, r.extra->>'citizenship', r.extra->>'position',
         r.extra->>'employmentStatus', r.extra->>'startDate', w.status::text, w.segment, w.active
       FROM ${sql.from} WHERE ${sql.where} ORDER BY ${WORKER_ORDER_BY}`,
    values: params.values,
  };
  const client = await openExportSnapshot();

  let used = false;
  return {
    fileName,
    async cancel() {
      if (used) return;
      used = true;
      await client.end().catch(() => undefined);
    },
    async writeTo(output) {
      if (used) throw new Error("Ekspor ini sudah dipakai");
      used = true;
      const file = new TableFileWriter(format, WORKER_EXPORT_COLUMNS, output, { sheetName: "Pekerja" });
      const written = await writeExportFile(client, rows, file, toCells, {
        start: (details) => audit("lead.workers_export_start", "SUCCESS", details),
        end: (outcome, details, reason) => audit("lead.workers_export", outcome, details, reason),
      });
      return { format, ...written };
    },
  };
}

/** The business's most precise region code and whether it has worker rows, inside the scope; null outside it. */
async function findBusinessInScope(businessId: bigint, scope: RegionScope): Promise<{ region: string | null; hasWorkers: boolean } | null> {
  const params = new SqlParams();
  const rows = await db.$queryRawUnsafe<{ region: string | null; has_workers: boolean }[]>(
    `SELECT coalesce(b.village_code, b.district_code, b.regency_code, b.province_code) AS region, b.workers_listed IS NOT NULL AS has_workers
     FROM business b WHERE b.id = ${params.add(String(businessId), "::bigint")} AND ${regionScopeSql(scope, BUSINESS_REGION_COLUMNS, params)}`,
    ...params.values,
  );
  const row = rows[0];
  return row ? { region: row.region, hasWorkers: row.has_workers } : null;
}

/** One row (the select list above, as COPY's text: `t`/`f` for the boolean) as the file's cells. */
function toCells(cells: (string | null)[]): readonly TableCell[] {
  const status = cells[7] ?? null;
  const active = cells[9];
  return [
    ...cells.slice(0, 7),
    isWorkerStatus(status) ? WORKER_STATUS_LABELS[status] : status,
    jknSegmentLabel(cells[8] ?? null),
    active === "t" ? "Ya" : active === "f" ? "Tidak" : null,
  ];
}
