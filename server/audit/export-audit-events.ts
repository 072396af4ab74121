import "server-only";
import { createHash } from "node:crypto";
import { AUDIT_ACTIONS, AUDIT_OUTCOME_LABELS, isAuditAction } from "@/lib/audit-actions.ts";
import { describeAuditFilter, jakartaIsoDate, jakartaIsoDateTime, type AuditFilter } from "@/lib/audit-filter.ts";
import { readDb } from "@/server/db/read-db.ts";
import { toCsv, UTF8_BOM } from "@/server/exports/csv.ts";
import type { RequestContext } from "@/server/http/request-context.ts";
import { recordAuditEvent, type AuditActor } from "./append-audit-event.ts";
import { auditEventDtoSelect, auditEventWhere, toAuditEventDto, type AuditEventDto, type AuditEventRow } from "./find-audit-events.ts";

/**
 * At most this many events per file, newest first. The file is built in memory so its SHA-256
 * and row count are known before the `audit.export` record is written and the first byte leaves:
 * at ~400 bytes a row that bounds one export near 40 MB. Narrow the dates for older events.
 */
export const AUDIT_EXPORT_MAX_ROWS = 100_000;
// Rows per round trip: keeps each query quick and the Prisma row objects short-lived.
const BATCH = 5_000;

const COLUMNS: { header: string; value: (event: AuditEventDto) => string }[] = [
  { header: "ID", value: (e) => e.id },
  { header: "Waktu (WIB)", value: (e) => jakartaIsoDateTime(e.occurredAt) },
  { header: "Waktu (UTC)", value: (e) => e.occurredAt.toISOString() },
  { header: "Pelaku", value: (e) => e.actorUsername ?? "" },
  { header: "Peran pelaku", value: (e) => e.actorRole ?? "" },
  { header: "Kode aksi", value: (e) => e.action },
  { header: "Aksi", value: (e) => (isAuditAction(e.action) ? AUDIT_ACTIONS[e.action] : "") },
  { header: "Jenis objek", value: (e) => e.objectType ?? "" },
  { header: "ID objek", value: (e) => e.objectId ?? "" },
  { header: "Wilayah", value: (e) => e.region ?? "" },
  { header: "Hasil", value: (e) => AUDIT_OUTCOME_LABELS[e.outcome] },
  { header: "Alasan", value: (e) => e.reason ?? "" },
  { header: "IP", value: (e) => e.ip ?? "" },
  { header: "Agen pengguna", value: (e) => e.userAgent ?? "" },
  { header: "ID permintaan", value: (e) => e.requestId ?? "" },
  { header: "Rincian", value: (e) => (e.details === null ? "" : JSON.stringify(e.details)) },
  { header: "Hash", value: (e) => e.hash },
];

export interface ExportAuditEventsOptions {
  filter: AuditFilter;
  actor: AuditActor;
  context: RequestContext;
  /** Defaults to AUDIT_EXPORT_MAX_ROWS; tests pass a small one. */
  maxRows?: number;
}

export interface AuditExportFile {
  filename: string;
  /** UTF-8 with BOM, CRLF line ends, header row first. */
  body: Uint8Array<ArrayBuffer>;
  rowCount: number;
  /** True when more events matched than the cap allowed. */
  truncated: boolean;
  /** SHA-256 of `body`, hex: recorded in the `audit.export` event. */
  sha256: string;
}

/**
 * The filtered audit trail as a CSV file, newest first (the page position is ignored: an export
 * is the whole filtered set up to the cap), written like every CSV we hand out (server/exports/csv.ts:
 * BOM, CRLF, formula cells neutralised). The `audit.export` record (filter, row count, hash) is
 * written before the file is returned; if that write fails, so does the export.
 */
export async function exportAuditEvents({ filter, actor, context, maxRows = AUDIT_EXPORT_MAX_ROWS }: ExportAuditEventsOptions): Promise<AuditExportFile> {
  const where = auditEventWhere(filter);
  const hash = createHash("sha256");
  const chunks: Buffer[] = [];
  const append = (text: string) => {
    const chunk = Buffer.from(text, "utf8");
    hash.update(chunk);
    chunks.push(chunk);
  };

  append(UTF8_BOM + toCsv([COLUMNS.map((c) => c.header)]));
  let rowCount = 0;
  let truncated = false;
  // Keyset walk from the newest id: events appended meanwhile have higher ids and stay out.
  let before: bigint | null = null;
  while (rowCount < maxRows) {
    const take: number = Math.min(BATCH, maxRows - rowCount);
    const rows: AuditEventRow[] = await (await readDb()).auditEvent.findMany({
      where: before === null ? where : { AND: [where, { id: { lt: before } }] },
      orderBy: { id: "desc" },
      take,
      select: auditEventDtoSelect,
    });
    if (rows.length === 0) break;
    append(toCsv(rows.map((row) => COLUMNS.map((c) => c.value(toAuditEventDto(row))))));
    rowCount += rows.length;
    before = rows.at(-1)!.id;
    if (rows.length < take) break;
  }
  if (rowCount === maxRows && before !== null) {
    truncated = (await (await readDb()).auditEvent.count({ where: { AND: [where, { id: { lt: before } }] }, take: 1 })) > 0;
  }

  const sha256 = hash.digest("hex");
  const filename = `jejak-audit-${jakartaIsoDate(new Date())}.csv`;
  await recordAuditEvent({
    action: "audit.export",
    actor,
    objectType: "audit_export",
    objectId: filename,
    details: { filter: describeAuditFilter(filter), rowCount, truncated, maxRows, sha256 },
    context,
  });
  return { filename, body: Buffer.concat(chunks), rowCount, truncated, sha256 };
}
