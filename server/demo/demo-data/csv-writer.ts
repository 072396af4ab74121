import "server-only";
import { once } from "node:events";
import { createWriteStream, type WriteStream } from "node:fs";
import iconv from "iconv-lite";

/**
 * A streaming CSV writer that knows which physical line each record starts on (the ground truth
 * names rows by line, as the import's reject report does). Rows are buffered into ~64 KB chunks;
 * callers await `drain()` now and then so memory stays flat whatever the file size.
 */

export type Delimiter = "," | ";" | "|" | "\t";

export interface CsvFormat {
  delimiter: Delimiter;
  eol: "\n" | "\r\n";
  encoding: "utf-8" | "windows-1252";
  /** UTF-8 byte order mark (Excel's "CSV UTF-8"). */
  bom: boolean;
  /** Quote every cell, as some exporters do. */
  quoteAll: boolean;
}

const CHUNK_CHARS = 64 * 1024;

function lineBreaks(value: string): number {
  let count = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code === 10) count++;
    else if (code === 13 && value.charCodeAt(i + 1) !== 10) count++;
  }
  return count;
}

export class CsvWriter {
  private readonly stream: WriteStream;
  private buffer = "";
  private nextLine = 1;
  private waiting: Promise<unknown> | null = null;
  rows = 0;
  bytes = 0;

  constructor(
    readonly path: string,
    readonly format: CsvFormat,
  ) {
    this.needsQuotes = new RegExp(`[${format.delimiter === "|" ? "\\|" : format.delimiter}"\r\n]`);
    this.stream = createWriteStream(/*turbopackIgnore: true*/ path);
    if (format.bom && format.encoding === "utf-8") this.push(Buffer.from([0xef, 0xbb, 0xbf]));
  }

  private readonly needsQuotes: RegExp;

  private cell(value: string): string {
    if (this.format.quoteAll || this.needsQuotes.test(value)) return `"${value.replaceAll('"', '""')}"`;
    return value;
  }

  /** Writes one record; returns the physical line it starts on (the header is line 1). */
  write(cells: readonly string[]): number {
    const line = this.nextLine;
    let text = cells.join(this.format.delimiter);
    let breaks = 1;
    // Most records need no quoting: test the joined record once, quote cell by cell only if needed.
    if (this.format.quoteAll || this.needsQuotes.test(text)) {
      text = "";
      for (let i = 0; i < cells.length; i++) {
        const value = cells[i]!;
        if (i > 0) text += this.format.delimiter;
        text += this.cell(value);
        // A line break inside a quoted cell starts a new physical line (CRLF counts once).
        if (value.length > 0 && (value.includes("\n") || value.includes("\r"))) breaks += lineBreaks(value);
      }
    }
    this.buffer += text + this.format.eol;
    this.nextLine += breaks;
    this.rows++;
    if (this.buffer.length >= CHUNK_CHARS) this.flush();
    return line;
  }

  private push(bytes: Buffer): void {
    this.bytes += bytes.length;
    if (!this.stream.write(bytes) && !this.waiting) {
      this.waiting = once(this.stream, "drain").finally(() => (this.waiting = null));
    }
  }

  private flush(): void {
    if (this.buffer.length === 0) return;
    const bytes = this.format.encoding === "utf-8" ? Buffer.from(this.buffer, "utf8") : iconv.encode(this.buffer, "win1252");
    this.buffer = "";
    this.push(bytes);
  }

  /** Resolves once the file stream has room again (backpressure). */
  async drain(): Promise<void> {
    if (this.waiting) await this.waiting;
  }

  async close(): Promise<void> {
    this.flush();
    await this.drain();
    await new Promise<void>((resolve, reject) => {
      this.stream.once("error", reject);
      this.stream.end(() => resolve());
    });
  }
}
