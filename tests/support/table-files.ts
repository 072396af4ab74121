/**
 * Reading back the CSV and XLSX files the exports write, for tests: rows of cells as a
 * spreadsheet user would see them (rich text joined, empty cells null), and each XLSX cell's type.
 */
import { PassThrough } from "node:stream";
import { parse } from "csv-parse/sync";
import { Uint8ArrayReader, Uint8ArrayWriter, ZipReader, type FileEntry } from "@zip.js/zip.js";
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

/** The uncompressed bytes of one part of an XLSX file (a zip), read with zip.js as the import reads partner ZIPs. */
export async function xlsxPart(bytes: Buffer, name: string): Promise<Buffer> {
  const entries = await new ZipReader(new Uint8ArrayReader(bytes)).getEntries();
  const entry = entries.find((e): e is FileEntry => e.filename === name && !e.directory);
  if (!entry) throw new Error(`${name} not in the file`);
  return Buffer.from(await entry.getData(new Uint8ArrayWriter()));
}
