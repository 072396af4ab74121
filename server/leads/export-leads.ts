import "server-only";
import { createHash } from "node:crypto";
import { Readable, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { isBusinessStatus, type BusinessStatusValue } from "@/lib/leads/business-status.ts";
import { LEAD_COLUMNS, LEAD_COLUMN_HEADERS, type LeadExportFormat, type LeadExportRow } from "@/lib/leads/lead-columns.ts";
import { describeLeadFilter, effectiveStatuses, type LeadFilter } from "@/lib/leads/lead-filter.ts";
import { normalizeRegionCode } from "@/lib/region-code.ts";
import { recordAuditEvent, type AuditActor } from "@/server/audit/append-audit-event.ts";
import { databaseUrl, db } from "@/server/db/client.ts";
import { copyOutRows } from "@/server/db/copy-out.ts";
import type { BusinessStatus } from "@/server/db/generated/enums.ts";
import { DomainError } from "@/server/errors.ts";
import { toCsv, UTF8_BOM } from "@/server/exports/csv.ts";
import type { RequestContext } from "@/server/http/request-context.ts";

/**
 * Writes the businesses a lead filter selects, highest priority first, to a stream: rows come
 * out of PostgreSQL through one `COPY (…) TO STDOUT` (one consistent snapshot, no row objects
 * from Prisma) and leave as CSV a batch at a time, with backpressure, so memory stays flat
 * whatever the row count. The file's SHA-256 is computed on the way. The `lead.export` record
 * (format, filter, columns, rows, hash) is written once the stream has finished; if that write
 * fails, the export fails — the caller discards what it wrote.
 */

export interface ExportLeadsOptions {
  filter: LeadFilter;
  format: LeadExportFormat;
  /** Receives the file: ended when it is complete, destroyed when the export fails. */
  output: Writable;
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

// Rows per CSV chunk (~250 KB): few enough writes to stay fast, small enough to keep memory flat.
const CHUNK_ROWS = 1_000;

// lib/ declares the status literals itself; this fails to compile when they drift from Prisma's.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const statusesMatchPrisma: Same<BusinessStatusValue, BusinessStatus> = true;
void statusesMatchPrisma;

export async function exportLeads(options: ExportLeadsOptions): Promise<LeadExportSummary> {
  const { filter, format, output } = options;
  if (format !== "csv") throw new DomainError(`Format ekspor ${String(format)} belum didukung`, "format");
  let regionCodes: string[];
  const client = new pg.Client({ connectionString: databaseUrl() });
  try {
    regionCodes = await knownRegionCodes(filter.regionCodes ?? []);
    await client.connect();
  } catch (error) {
    output.destroy();
    await client.end().catch(() => undefined);
    throw error;
  }
  const query = leadExportQuery(effectiveStatuses(filter), regionCodes);

  const hash = createHash("sha256");
  let rows = 0;
  let bytes = 0;
  try {
    async function* chunks(): AsyncGenerator<Buffer> {
      let batch: (string | number | null)[][] = [];
      const emit = (text: string): Buffer => {
        const chunk = Buffer.from(text, "utf8");
        hash.update(chunk);
        bytes += chunk.byteLength;
        return chunk;
      };
      yield emit(UTF8_BOM + toCsv([LEAD_COLUMN_HEADERS as string[]]));
      for await (const cells of copyOutRows(client, query)) {
        const row = toLeadExportRow(cells);
        batch.push(LEAD_COLUMNS.map((column) => column.value(row)));
        rows += 1;
        if (batch.length === CHUNK_ROWS) {
          yield emit(toCsv(batch));
          batch = [];
        }
      }
      if (batch.length) yield emit(toCsv(batch));
    }
    await pipeline(Readable.from(chunks()), output);
  } finally {
    await client.end();
  }

  const sha256 = hash.digest("hex");
  await recordAuditEvent({
    action: "lead.export",
    actor: options.actor,
    objectType: "lead_export",
    objectId: options.fileName,
    details: { format, filter: describeLeadFilter({ ...filter, regionCodes }), columns: LEAD_COLUMNS.length, rows, sha256 },
    context: options.context,
  });
  return { format, rows, columns: LEAD_COLUMNS.length, bytes, sha256 };
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

/** The most precise region code a business has: it lies inside every coarser one. */
const REGION_CODE_SQL = "coalesce(b.village_code, b.district_code, b.regency_code, b.province_code)";

/**
 * COPY takes no bind parameters, so the values are inlined: only status enum literals and region
 * codes already reduced to digits and dots, asserted again here.
 */
export function leadExportQuery(statuses: readonly BusinessStatusValue[], regionCodes: readonly string[]): string {
  const literal = (value: string, safe: boolean) => {
    if (!safe) throw new Error(`Nilai filter tidak aman untuk SQL: ${value}`);
    return `'${value}'`;
  };
  const statusList = statuses.map((s) => `${literal(s, isBusinessStatus(s))}::"BusinessStatus"`);
  const where = [`b.status IN (${statusList.join(", ") || "NULL"})`];
  if (regionCodes.length) {
    const codes = regionCodes.map((code) => literal(code, normalizeRegionCode(code) === code));
    const inside = regionCodes.map((code) => `'${code}.%'`);
    where.push(`(${REGION_CODE_SQL} IN (${codes.join(", ")}) OR ${REGION_CODE_SQL} LIKE ANY (ARRAY[${inside.join(", ")}]))`);
  }
  return `SELECT b.name, b.legal_form, b.npwp, b.nib, b.kode_wlkp, b.kode_badan_usaha, ${REGION_CODE_SQL},
      p.name, rg.name, d.name, v.name, b.address, b.postcode, b.business_scale, b.kbli,
      b.worker_count, b.registered_workers, b.worker_gap, b.status, array_to_string(b.sources, ','), b.priority, b.phone, b.email
    FROM business b
    LEFT JOIN region p ON p.code = b.province_code
    LEFT JOIN region rg ON rg.code = b.regency_code
    LEFT JOIN region d ON d.code = b.district_code
    LEFT JOIN region v ON v.code = b.village_code
    WHERE ${where.join(" AND ")}
    ORDER BY b.priority DESC, b.id`;
}

/** One COPY row, in the order of leadExportQuery's select list. */
function toLeadExportRow(cells: (string | null)[]): LeadExportRow {
  const text = (i: number): string | null => cells[i] ?? null;
  const int = (i: number): number | null => (cells[i] == null ? null : Number(cells[i]));
  const sources = text(19);
  return {
    name: text(0) ?? "",
    legalForm: text(1),
    npwp: text(2),
    nib: text(3),
    kodeWlkp: text(4),
    kodeBadanUsaha: text(5),
    regionCode: text(6),
    provinceName: text(7),
    regencyName: text(8),
    districtName: text(9),
    villageName: text(10),
    address: text(11),
    postcode: text(12),
    businessScale: text(13),
    kbli: text(14),
    workerCount: int(15),
    registeredWorkers: int(16),
    workerGap: int(17),
    status: text(18) as BusinessStatusValue,
    sources: sources ? sources.split(",") : [],
    priority: int(20) ?? 0,
    phone: text(21),
    email: text(22),
  };
}
