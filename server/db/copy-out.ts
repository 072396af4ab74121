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
  const stream = client.query(copyTo(`COPY (${query}) TO STDOUT`));
  // A character split across two chunks is held back by the decoder until its last byte comes.
  const decoder = new StringDecoder("utf8");
  let pending = "";
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const text = pending + decoder.write(chunk);
    let start = 0;
    let end = text.indexOf("\n", start);
    while (end !== -1) {
      yield decodeLine(text.slice(start, end));
      start = end + 1;
      end = text.indexOf("\n", start);
    }
    pending = text.slice(start);
  }
  pending += decoder.end();
  if (pending) yield decodeLine(pending);
}

const ESCAPES: Record<string, string> = { b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", "\\": "\\" };

export function decodeLine(line: string): (string | null)[] {
  const cells = line.split("\t");
  const out = new Array<string | null>(cells.length);
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i]!;
    if (cell === "\\N") out[i] = null;
    else if (cell.indexOf("\\") === -1) out[i] = cell;
    else out[i] = cell.replace(/\\(.)/g, (_, c: string) => ESCAPES[c] ?? c);
  }
  return out;
}
