/**
 * Reading back the CSV and XLSX files the exports write, for tests: rows of cells as a
 * spreadsheet user would see them (rich text joined, empty cells null), and each XLSX cell's type.
 */
import { PassThrough } from "node:stream";
import { inflateRawSync } from "node:zlib";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";

export type Cell = string | number | null;

/** A stream to hand a writer, and what it wrote. */
export function collectOutput(): { output: PassThrough; bytes: () => Buffer } {
  const chunks: Buffer[] = [];
  const output = new PassThrough();
  output.on("data", (chunk: Buffer) => chunks.push(chunk));
  return { output, bytes: () => Buffer.concat(chunks) };
}

export async function readTableFile(bytes: Buffer, format: "csv" | "csv-id" | "xlsx"): Promise<{ rows: Cell[][]; types: ExcelJS.ValueType[][] }> {
  if (format !== "xlsx") return { rows: parse(bytes.toString("utf8"), { bom: true, delimiter: format === "csv-id" ? ";" : "," }) as string[][], types: [] };
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const rows: Cell[][] = [];
  const types: ExcelJS.ValueType[][] = [];
  sheet.eachRow((row) => {
    const cells: Cell[] = [];
    const kinds: ExcelJS.ValueType[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) {
      const cell = row.getCell(c);
      const value = cell.value;
      cells.push(value && typeof value === "object" && "richText" in value ? value.richText.map((r) => r.text).join("") : ((value as Cell | undefined) ?? null));
      kinds.push(cell.type);
    }
    rows.push(cells);
    types.push(kinds);
  });
  return { rows, types };
}

/** The uncompressed bytes of one part of an XLSX file (a zip), found through its central directory. */
export function xlsxPart(bytes: Buffer, name: string): Buffer {
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = bytes.readUInt32LE(end + 16);
  for (let n = bytes.readUInt16LE(end + 10); n > 0; n--) {
    const nameLength = bytes.readUInt16LE(at + 28);
    const extra = bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    if (bytes.toString("utf8", at + 46, at + 46 + nameLength) === name) {
      const local = bytes.readUInt32LE(at + 42);
      const data = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
      return inflateRawSync(bytes.subarray(data, data + bytes.readUInt32LE(at + 20)));
    }
    at += 46 + nameLength + extra;
  }
  throw new Error(`${name} not in the file`);
}
