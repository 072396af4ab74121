import "server-only";
import { stringify } from "csv-stringify/sync";

/**
 * How Jangkau writes the CSV files people download (audit trail, leads): UTF-8 with a byte-order
 * mark, `,` between cells, CRLF line ends, quotes only where needed, and every cell a spreadsheet
 * would run as a formula (starting with = + - @ tab or CR, or their full-width forms) prefixed
 * with an apostrophe so it stays text.
 */

/** Excel opens a UTF-8 CSV as UTF-8 only when it starts with a byte-order mark. */
export const UTF8_BOM = "\uFEFF";

/** Records as CSV text, each line ending in CRLF. Numbers are written as digits (never escaped). */
export function toCsv(records: readonly (readonly (string | number | null)[])[]): string {
  return stringify(records as (string | number | null)[][], { record_delimiter: "\r\n", escape_formulas: true });
}

/** A finished CSV file as a download response: never cached, its SHA-256 and extra facts as headers. */
export function csvDownloadResponse(file: { body: Uint8Array<ArrayBuffer>; filename: string; sha256: string }, extraHeaders: Record<string, string> = {}): Response {
  return new Response(file.body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${file.filename}"`,
      "Content-Length": String(file.body.byteLength),
      "Cache-Control": "no-store",
      "X-Content-SHA256": file.sha256,
      ...extraHeaders,
    },
  });
}
