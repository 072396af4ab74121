import "server-only";
import { once } from "node:events";
import { stringify } from "csv-stringify";
import { maskIfPersonal } from "@/lib/personal-data.ts";
import { createStoredFile, removeStoredFile } from "./storage.ts";
import type { RowIssue } from "./types.ts";

const REJECT_REPORT_HEADER = ["Baris", "Jenis", "Kolom", "Nilai", "Alasan"];

/**
 * The reject report of one import: every rejected row (and every warning) with its original
 * line number, the column, the value (already masked when personal) and the reason. UTF-8 with
 * BOM so Excel opens it right; cells Excel would run as formulas are escaped.
 */
export async function openRejectReport() {
  const file = await createStoredFile("reject", "csv");
  const csv = stringify({ header: true, columns: REJECT_REPORT_HEADER, bom: true, escape_formulas: true });
  csv.pipe(file.stream);
  let lines = 0;

  async function write(line: number, kind: "Ditolak" | "Peringatan", issue: RowIssue) {
    lines += 1;
    // Personal columns come masked already; the one rule also catches a mobile number or a
    // webmail address that was refused in a business column.
    if (!csv.write([line, kind, issue.column, maskIfPersonal(issue.value), issue.reason])) await once(csv, "drain");
  }

  return {
    name: file.name,
    get lines() {
      return lines;
    },
    rejected: (line: number, issues: readonly RowIssue[]) => writeAll(line, "Ditolak", issues),
    warned: (line: number, issues: readonly RowIssue[]) => writeAll(line, "Peringatan", issues),
    async close() {
      csv.end();
      await once(file.stream, "close");
    },
    async discard() {
      csv.destroy();
      file.stream.destroy();
      await removeStoredFile(file.name);
    },
  };

  async function writeAll(line: number, kind: "Ditolak" | "Peringatan", issues: readonly RowIssue[]) {
    for (const issue of issues) await write(line, kind, issue);
  }
}
