import "server-only";
import { createReadStream } from "node:fs";
import { parse } from "csv-parse";
import { storedFilePath } from "./storage.ts";

export interface ReportedReject {
  line: number;
  column: string;
  /** As the report holds it: already masked when personal. */
  value: string;
  reason: string;
}

/**
 * The first `limit` rejections ("Ditolak" lines) of a stored reject report, in report order —
 * what an earlier import said about its rows, for a caller who asks again.
 */
export async function readReportedRejects(reportName: string, limit: number): Promise<{ rejects: ReportedReject[]; truncated: boolean }> {
  const rejects: ReportedReject[] = [];
  const parser = createReadStream(storedFilePath(reportName)).pipe(parse({ bom: true, from_line: 2, relax_column_count: true }));
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      const [line, kind, column, value, reason] = record;
      if (kind !== "Ditolak") continue;
      if (rejects.length === limit) return { rejects, truncated: true };
      rejects.push({ line: Number(line), column: column ?? "", value: value ?? "", reason: reason ?? "" });
    }
  } finally {
    parser.destroy();
  }
  return { rejects, truncated: false };
}
