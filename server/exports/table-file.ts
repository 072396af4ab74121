import "server-only";
import { createHash } from "node:crypto";
import { once } from "node:events";
import { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import { CSV_COMMA, CSV_EXCEL_ID, toCsv, UTF8_BOM, type CsvDialect } from "./csv.ts";
import { createXlsxSheetWriter, XLSX_CONTENT_TYPE, type XlsxColumn, type XlsxRow, type XlsxSheetWriter } from "./xlsx.ts";

/**
 * One table written as a downloadable file, CSV (server/exports/csv.ts) or XLSX
 * (server/exports/xlsx.ts), row by row into a stream with backpressure, counting rows and bytes
 * and hashing the bytes on their way out — so the file can be audited with its SHA-256 without
 * ever being held in memory.
 *
 * The last chunk is held back until `commit()`: whoever writes the audit record does it between
 * `end()` (the hash is known) and `commit()`, and when that record cannot be written, `abort()`
 * leaves the reader with an incomplete file (a CSV without its last rows, an XLSX without its zip
 * directory) and a failed download, never a complete file nobody audited.
 */

/** `csv-id`: CSV for Excel set to Indonesian (`;` between cells, decimal comma; csv.ts). */
export type TableFileFormat = "csv" | "csv-id" | "xlsx";

export const TABLE_FILE_CONTENT_TYPES: Readonly<Record<TableFileFormat, string>> = {
  csv: "text/csv; charset=utf-8",
  "csv-id": "text/csv; charset=utf-8",
  xlsx: XLSX_CONTENT_TYPE,
};

/** The file name extension of each format. */
export const TABLE_FILE_EXTENSIONS: Readonly<Record<TableFileFormat, string>> = { csv: "csv", "csv-id": "csv", xlsx: "xlsx" };

const CSV_DIALECTS: Readonly<Record<Exclude<TableFileFormat, "xlsx">, CsvDialect>> = { csv: CSV_COMMA, "csv-id": CSV_EXCEL_ID };

export type TableFileColumn = XlsxColumn;
export type TableCell = string | number | null;

// Rows per CSV chunk (~250 KB): few enough writes to stay fast, small enough to keep memory flat.
const CSV_CHUNK_ROWS = 1_000;

export class TableFileWriter {
  /** Data rows written (the header row not counted). */
  rows = 0;
  bytes = 0;
  private readonly hash = createHash("sha256");
  /** What the format writers write into: hashes, forwards to the output, keeps the last chunk. */
  private readonly tap: Writable;
  private held: Buffer | null = null;
  /** Rejects as soon as the output fails or closes before commit(); never resolves. */
  private readonly closed: Promise<never>;
  private committing = false;
  private failure: Error | null = null;
  private readonly xlsx: XlsxSheetWriter | null = null;
  /** CSV lines not yet written, and how many rows they hold. */
  private csvText = "";
  private csvRows = 0;
  /** The CSV dialect the file is written in; null for XLSX. */
  readonly csvDialect: CsvDialect | null;

  constructor(
    readonly format: TableFileFormat,
    private readonly columns: readonly TableFileColumn[],
    private readonly output: Writable,
    options: { sheetName?: string } = {},
  ) {
    this.tap = new Writable({
      write: (chunk: Buffer, _encoding, callback) => {
        this.hash.update(chunk);
        this.bytes += chunk.byteLength;
        const previous = this.held;
        this.held = chunk;
        if (previous === null || output.write(previous)) callback();
        else this.waitFor(once(output, "drain")).then(() => callback(), callback);
      },
      // The file is complete for its writer; the held chunk waits for commit().
      final: (callback) => callback(),
    });
    this.closed = finished(output).then(
      () => {
        if (!this.committing) throw new Error("Keluaran berkas tertutup sebelum selesai ditulis");
        return new Promise<never>(() => undefined);
      },
      (error: unknown) => {
        throw error instanceof Error ? error : new Error(String(error));
      },
    );
    this.closed.catch((error: unknown) => {
      this.failure = error as Error;
      this.tap.destroy(this.failure);
    });
    // Failures surface through `closed` and the waits; an unheard 'error' event would crash the process.
    this.tap.on("error", () => undefined);
    if (format === "xlsx") {
      this.csvDialect = null;
      this.xlsx = createXlsxSheetWriter(this.tap, { sheetName: options.sheetName ?? "Data", columns });
    } else {
      this.csvDialect = CSV_DIALECTS[format];
      this.tap.write(Buffer.from(UTF8_BOM + toCsv([columns.map((c) => c.header)], this.csvDialect), "utf8"));
    }
  }

  /**
   * Adds one row. Returns a promise to wait for when the output is behind (or has failed), and
   * nothing otherwise: a caller adding a million rows then pays for no promise per row.
   */
  add(values: readonly TableCell[]): Promise<void> | undefined {
    if (this.failure) return Promise.reject(this.failure);
    this.rows += 1;
    if (this.xlsx) {
      const wait = this.xlsx.addRow(values);
      return wait ? this.waitFor(wait) : undefined;
    }
    this.csvText += toCsv([values], this.csvDialect ?? CSV_COMMA);
    return ++this.csvRows >= CSV_CHUNK_ROWS ? this.flushCsv() : undefined;
  }

  /**
   * Adds `rows` rows already written as CSV lines in this file's dialect (`csvDialect`), each
   * ending in CRLF — what add() would have written for them. Waits as add() does.
   */
  addCsvLines(text: string, rows: number): Promise<void> | undefined {
    if (this.failure) return Promise.reject(this.failure);
    if (this.xlsx) throw new Error("addCsvLines on an XLSX file");
    this.rows += rows;
    this.csvText += text;
    return (this.csvRows += rows) >= CSV_CHUNK_ROWS ? this.flushCsv() : undefined;
  }

  /**
   * Adds one XLSX row whose cells are already encoded (xlsx.ts `XlsxRow`) — what add() would have
   * written for their values. Waits as add() does.
   */
  addXlsxRow(row: XlsxRow): Promise<void> | undefined {
    if (this.failure) return Promise.reject(this.failure);
    if (!this.xlsx) throw new Error("addXlsxRow on a CSV file");
    this.rows += 1;
    const wait = this.xlsx.addEncodedRow(row);
    return wait ? this.waitFor(wait) : undefined;
  }

  /** Writes what is left; afterwards sha256() is the whole file's. Nothing is final before commit(). */
  async end(): Promise<void> {
    if (this.xlsx) await this.waitFor(this.xlsx.finish());
    else {
      if (this.csvText) await this.flushCsv();
      this.tap.end();
    }
    await this.waitFor(finished(this.tap));
  }

  /** SHA-256 of every byte written, hex; the whole file's once end() resolved. */
  sha256(): string {
    return this.hash.copy().digest("hex");
  }

  /** Sends the held last chunk, ends the output and waits until it has everything. */
  async commit(): Promise<void> {
    this.committing = true;
    this.output.end(this.held ?? undefined);
    this.held = null;
    await finished(this.output);
  }

  /** Ends the output as failed: the reader never gets a complete file. */
  abort(error: Error): void {
    this.held = null;
    this.tap.destroy(error);
    this.output.destroy(error);
  }

  private async flushCsv(): Promise<void> {
    const chunk = Buffer.from(this.csvText, "utf8");
    this.csvText = "";
    this.csvRows = 0;
    if (!this.tap.write(chunk)) await this.waitFor(once(this.tap, "drain"));
  }

  /** A wait that fails as soon as the output does, instead of waiting for a drain that never comes. */
  private async waitFor<T>(wait: Promise<T>): Promise<T> {
    return Promise.race([wait, this.closed]);
  }
}
