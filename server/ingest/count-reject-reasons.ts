import "server-only";
import { createReadStream } from "node:fs";
import { parse } from "csv-parse";
import { storedFilePath } from "./storage.ts";

export interface RejectReasonCount {
  /** The column and the reason, with quoted values left out so alike reasons add up. */
  reason: string;
  /** Rejected rows that gave this reason (a row refused for two reasons counts under both). */
  rows: number;
}

/**
 * The commonest reasons rows were refused, over the reject reports of several imports. A report
 * holds one line per issue of a rejected row; the reason quotes the value it refused where it
 * names one (`Nama kabupaten "KAB. X" tidak ditemukan …`), which would split one reason into as
 * many as there are values — and a value has no place in a summary — so quotes become "…".
 * Streamed: a report of a million refused rows is read once, never held.
 */
export async function countRejectReasons(reportNames: readonly string[], limit: number): Promise<RejectReasonCount[]> {
  const counts = new Map<string, number>();
  for (const name of reportNames) {
    let parser;
    try {
      parser = createReadStream(storedFilePath(name)).pipe(parse({ bom: true, from_line: 2, relax_column_count: true }));
      let lastKey: string | null = null;
      for await (const record of parser as AsyncIterable<string[]>) {
        const [line, kind, column, , reason] = record;
        if (kind !== "Ditolak") continue;
        const text = `${column ?? ""}: ${(reason ?? "").replace(/"[^"]*"/g, "\"…\"")}`;
        // One row listed twice for the same reason (two cells alike) counts once.
        const key = `${line}\u0000${text}`;
        if (key === lastKey) continue;
        lastKey = key;
        counts.set(text, (counts.get(text) ?? 0) + 1);
      }
    } catch (error) {
      // A report removed from storage (retention, restore elsewhere) leaves its counts out; the
      // batch's own rejected total still stands beside the reasons.
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    } finally {
      parser?.destroy();
    }
  }
  return [...counts]
    .map(([reason, rows]) => ({ reason, rows }))
    .sort((a, b) => b.rows - a.rows || a.reason.localeCompare(b.reason))
    .slice(0, limit);
}
