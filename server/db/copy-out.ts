import "server-only";
import { StringDecoder } from "node:string_decoder";
import type pg from "pg";
import { to as copyTo } from "pg-copy-streams";

/**
 * Rows of `COPY (<query>) TO STDOUT` in text format, decoded: the fastest way to stream a large
 * result out of PostgreSQL (a cursor would cost a round trip per page and build objects per row).
 * Each row is an array of cells, null for SQL NULL.
 */
export async function* copyOutRows(client: pg.Client, query: string): AsyncGenerator<(string | null)[]> {
  for await (const batch of copyOutBatches(client, query)) yield* batch;
}

const READ_AHEAD_BYTES = 1 << 20;

/**
 * The same rows a network chunk at a time (one await per ~64 KB instead of one per row), for
 * callers that stream many rows onwards. The stream is paused while the caller works on a batch:
 * PostgreSQL waits for a slow consumer (backpressure). `signal` aborts the COPY.
 */
export async function* copyOutBatches(client: pg.Client, query: string, signal?: AbortSignal): AsyncGenerator<(string | null)[][]> {
  for await (const lines of copyOutLines(client, query, signal)) yield lines.map(decodeLine);
}

// The most lines one batch of copyOutLines holds.
const LINES_PER_BATCH = 1_000;

/**
 * The same rows still in COPY's text form, a line per row without its line feed (cells between
 * tabs, escaped as decodeLine reads them), for a caller that writes them onwards without
 * building a cell array per row.
 */
export async function* copyOutLines(client: pg.Client, query: string, signal?: AbortSignal): AsyncGenerator<string[]> {
  // Up to 1 MB read ahead: PostgreSQL keeps producing rows while the caller writes the last ones.
  const stream = client.query(copyTo(`COPY (${query}) TO STDOUT`, { highWaterMark: READ_AHEAD_BYTES }));
  const abort = () => stream.destroy(signal?.reason instanceof Error ? signal.reason : new Error("COPY dibatalkan"));
  signal?.addEventListener("abort", abort, { once: true });
  // A character split across two chunks is held back by the decoder until its last byte comes.
  const decoder = new StringDecoder("utf8");
  let pending = "";
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const text = pending + decoder.write(chunk);
      const end = text.lastIndexOf("\n");
      if (end === -1) {
        pending = text;
        continue;
      }
      pending = text.slice(end + 1);
      const lines = text.slice(0, end).split("\n");
      // A read can return all that was read ahead (up to 1 MB, ~15,000 lead rows): handed on in
      // smaller batches, a caller that yields between batches keeps its slices short.
      if (lines.length <= LINES_PER_BATCH) yield lines;
      else for (let at = 0; at < lines.length; at += LINES_PER_BATCH) yield lines.slice(at, at + LINES_PER_BATCH);
    }
    pending += decoder.end();
    if (pending) yield [pending];
  } finally {
    signal?.removeEventListener("abort", abort);
  }
}

/**
 * `sql` with its `$n` placeholders replaced by literals of `values`, for COPY, which takes no
 * bind parameters: numbers (finite), strings (quoted by the driver's own escapeLiteral) and
 * arrays of those; anything else is refused. The placeholders keep their casts (`$3::text[]`).
 */
export function inlineSqlParameters(client: pg.Client, sql: string, values: readonly unknown[]): string {
  const literal = (value: unknown): string => {
    if (typeof value === "number" && Number.isFinite(value)) return `(${value})`;
    if (typeof value === "string") return client.escapeLiteral(value);
    if (Array.isArray(value)) return `ARRAY[${value.map(literal).join(", ")}]`;
    throw new Error(`Nilai parameter tidak didukung untuk COPY: ${typeof value}`);
  };
  return sql.replace(/\$(\d+)/g, (_, n: string) => {
    const index = Number(n) - 1;
    if (index >= values.length) throw new Error(`Parameter $${n} tanpa nilai`);
    return literal(values[index]);
  });
}

const ESCAPES: Record<string, string> = { b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", "\\": "\\" };

export function decodeLine(line: string): (string | null)[] {
  const cells = line.split("\t");
  const out = new Array<string | null>(cells.length);
  for (let i = 0; i < cells.length; i++) out[i] = decodeCell(cells[i]!);
  return out;
}

/** One cell of a COPY text line (between tabs): null for `\N`, escapes read. */
export function decodeCell(cell: string): string | null {
  if (cell.indexOf("\\") === -1) return cell;
  if (cell === "\\N") return null;
  return cell.replace(/\\(.)/g, (_, c: string) => ESCAPES[c] ?? c);
}
