import "server-only";
import { fileDownloadResponse } from "@/server/http/download-response.ts";

/**
 * How Jangkau writes the CSV files people download (audit trail, leads): UTF-8 with a byte-order
 * mark, `,` between cells, CRLF line ends, quotes only where needed, and every cell a spreadsheet
 * would run as a formula (starting with = + - @ tab or CR, or their full-width forms) prefixed
 * with an apostrophe so it stays text.
 *
 * Excel set to Indonesian reads a CSV with the list separator of its locale, `;`, and a decimal
 * comma: a comma-separated file opens as one column. The `excel-id` dialect writes for it.
 */

export interface CsvDialect {
  separator: "," | ";";
  /** Numbers with a decimal comma (`3,5`), as id-ID writes them; whole numbers are plain digits either way. */
  decimalComma: boolean;
}

export const CSV_COMMA: CsvDialect = { separator: ",", decimalComma: false };
export const CSV_EXCEL_ID: CsvDialect = { separator: ";", decimalComma: true };

/** Excel opens a UTF-8 CSV as UTF-8 only when it starts with a byte-order mark. */
export const UTF8_BOM = "\uFEFF";

/**
 * Records as CSV text, each line ending in CRLF. Numbers are written as digits (never escaped).
 * Written by hand rather than by csv-stringify, whose general options cost more than the rest
 * of a large export; the output is csv-stringify's with `escape_formulas` and
 * `quote_record_delimiter` (a unit test compares the two): a line break inside a cell is quoted,
 * so a reader keeps the row whole.
 */
export function toCsv(records: readonly (readonly (string | number | null)[])[], dialect: CsvDialect = CSV_COMMA): string {
  const needsQuotes = dialect.separator === "," ? NEEDS_QUOTES : NEEDS_QUOTES_SEMICOLON;
  let out = "";
  for (const record of records) {
    for (let i = 0; i < record.length; i++) {
      if (i > 0) out += dialect.separator;
      out += csvCell(record[i] ?? null, needsQuotes, dialect.decimalComma);
    }
    out += "\r\n";
  }
  return out;
}

/** One cell as toCsv writes it in `dialect`, for writers that build their lines themselves. */
export function csvCellWriter(dialect: CsvDialect): (value: string | number | null | undefined) => string {
  const needsQuotes = dialect.separator === "," ? NEEDS_QUOTES : NEEDS_QUOTES_SEMICOLON;
  return (value) => csvCell(value ?? null, needsQuotes, dialect.decimalComma);
}

/**
 * True when no cell in `text` before `end` can need quotes in `dialect` (no quote, separator or
 * line break there): a writer may then check a whole line once and write its text cells there
 * with csvUnquotedCell.
 */
export function csvQuoteFree(text: string, end: number, dialect: CsvDialect): boolean {
  // indexOf per character: a scan of the line in native code, where a character class runs the
  // regular expression engine over it.
  for (const c of QUOTE_FORCING[dialect.separator]) {
    const at = text.indexOf(c);
    if (at !== -1 && at < end) return false;
  }
  return true;
}

/** A text cell that needs no quotes (csvQuoteFree) as toCsv writes it: only the formula rule applies. */
export function csvUnquotedCell(text: string): string {
  return text !== "" && startsFormula(text.charCodeAt(0)) ? `'${text}` : text;
}

// First characters a spreadsheet reads as the start of a formula (and their full-width forms):
// = + - @ tab CR, ＝ ＋ － ＠.
function startsFormula(code: number): boolean {
  return code === 61 || code === 43 || code === 45 || code === 64 || code === 9 || code === 13 || code === 0xff1d || code === 0xff0b || code === 0xff0d || code === 0xff20;
}

const QUOTE_FORCING: Readonly<Record<CsvDialect["separator"], readonly string[]>> = { ",": ['"', ",", "\r", "\n"], ";": ['"', ";", "\r", "\n"] };
const NEEDS_QUOTES = /[",\r\n]/;
const NEEDS_QUOTES_SEMICOLON = /[";\r\n]/;

function csvCell(value: string | number | null, needsQuotes: RegExp, decimalComma: boolean): string {
  if (value === null || value === "") return "";
  if (typeof value === "number") return decimalComma ? String(value).replace(".", ",") : String(value);
  const text = startsFormula(value.charCodeAt(0)) ? `'${value}` : value;
  return needsQuotes.test(value) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A finished CSV file as a download response: never cached, its SHA-256 and extra facts as headers. */
export function csvDownloadResponse(file: { body: Uint8Array<ArrayBuffer>; filename: string; sha256: string }, extraHeaders: Record<string, string> = {}): Response {
  return fileDownloadResponse({ body: file.body, fileName: file.filename, sha256: file.sha256, contentType: "text/csv; charset=utf-8" }, extraHeaders);
}
