import "server-only";
import { once, type EventEmitter } from "node:events";
import type { Writable } from "node:stream";
import ExcelJS from "exceljs";

/**
 * How Jangkau writes the XLSX files people download: one sheet, a bold frozen header row with an
 * autofilter, written row by row through exceljs's streaming writer so memory stays flat however
 * many rows there are. Text cells are typed inline strings — never a formula, whatever they start
 * with (`=cmd` stays the four characters `=cmd`), and a 16-digit NPWP keeps every digit and its
 * leading zero — and number cells are numbers. No formula is ever written.
 */

export interface XlsxColumn {
  header: string;
  type: "text" | "integer";
  /** Width in characters; a default from the header's length otherwise. */
  width?: number;
}

export interface XlsxSheetWriter {
  /** Adds one row; returns a promise to wait for when the output needs to catch up (backpressure). */
  addRow(values: readonly (string | number | null)[]): Promise<void> | undefined;
  /** Writes the sheet's end and the archive's directory; resolves when the output has all of it. */
  finish(): Promise<void>;
}

export const XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// Rows between two backpressure checks (~40 KB of sheet XML): exceljs's row commit is synchronous,
// so this bounds what piles up between checks. Measured on 200,000 rows: checking every 50 rows
// keeps the deflater busy (6.7 s) where every 500 leaves it idle half the time (10.4 s).
const ROWS_PER_CHECK = 50;
// Deflate level 1: 200,000 rows in 6.7 s instead of 8.9 s at zlib's default 6, for a file ~15 %
// larger (XML compresses well either way).
const ZIP_LEVEL = 1;

export function createXlsxSheetWriter(output: Writable, options: { sheetName: string; columns: readonly XlsxColumn[] }): XlsxSheetWriter {
  const { columns } = options;
  // No style table (useStyles): looking up every cell's style triples the time; the header's bold
  // is carried by its rich-text runs instead.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output,
    useStyles: false,
    useSharedStrings: false,
    zip: { zlib: { level: ZIP_LEVEL } },
  } as ConstructorParameters<typeof ExcelJS.stream.xlsx.WorkbookWriter>[0]);
  workbook.creator = "Jangkau";
  const sheet = workbook.addWorksheet(options.sheetName, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = columns.map((column) => ({ width: column.width ?? Math.min(Math.max(column.header.length + 2, 12), 40) }));
  sheet.addRow(columns.map((column) => typedString(column.header, { bold: true }))).commit();

  let rows = 0;
  return {
    addRow(values) {
      const cells = new Array<ExcelJS.CellValue>(columns.length);
      for (let i = 0; i < columns.length; i++) cells[i] = cellValue(columns[i]!.type, values[i] ?? null);
      sheet.addRow(cells).commit();
      rows += 1;
      if (rows % ROWS_PER_CHECK !== 0) return undefined;
      const zipInput = sheetZipInput(sheet);
      if (zipInput) return once(zipInput, "drain").then(() => undefined);
      if (output.writableNeedDrain) return once(output, "drain").then(() => undefined);
      return undefined;
    },
    async finish() {
      if (columns.length) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: rows + 1, column: columns.length } };
      sheet.commit();
      await workbook.commit();
    },
  };
}

function cellValue(type: XlsxColumn["type"], value: string | number | null): ExcelJS.CellValue {
  if (value === null || value === "") return null;
  if (type === "integer" && typeof value === "number" && Number.isFinite(value)) return value;
  return typedString(String(value));
}

/**
 * A one-run rich text is how exceljs writes an inline string cell (`t="inlineStr"`); a plain
 * string would go out as `t="str"`, the type of a formula's cached result. Shared strings would
 * type them too, but keep every distinct string in memory until the end.
 */
function typedString(text: string, font?: Partial<ExcelJS.Font>): ExcelJS.CellRichTextValue {
  return { richText: [font ? { text, font } : { text }] };
}

interface LegacyWritable extends EventEmitter {
  _writableState?: { needDrain?: boolean };
}

/**
 * The sheet's XML reaches the zip writer (archiver) through a PassThrough that exceljs writes to
 * without ever looking at write()'s answer, while archiver reads it only as fast as it deflates:
 * left alone, a fast database fills it with the whole sheet (~0.8 KB a row). Waiting for its
 * drain is the backpressure exceljs lacks. The stream is exceljs's and archiver's private
 * business (readable-stream 2, hence the state field), so this returns it only when it needs
 * draining and nothing when its shape is not the expected one.
 */
function sheetZipInput(sheet: ExcelJS.Worksheet): LegacyWritable | null {
  const pipes = (sheet as unknown as { stream?: { pipes?: unknown[] } }).stream?.pipes;
  const input = pipes?.[0] as LegacyWritable | undefined;
  return input && typeof input.once === "function" && input._writableState?.needDrain === true ? input : null;
}
