import { jakartaIsoDate } from "../audit-filter.ts";
import { isLeadExportFormat, LEAD_COLUMN_KEYS, LEAD_EXPORT_FORMATS, type LeadExportFormat } from "./lead-columns.ts";
import type { LeadFilter } from "./lead-filter.ts";

/**
 * The web export's own URL parameters, added to the lead list's (lib/leads/lead-url-state.ts):
 * `/prospek/ekspor?<the list's filter and sort>&format=xlsx&kolom_ekspor=name,npwp,workerGap`.
 */
export const LEAD_EXPORT_PARAMS = { format: "format", columns: "kolom_ekspor" } as const;

export type LeadExportParams =
  | { ok: true; format: LeadExportFormat; columns: string[] | undefined }
  | { ok: false; message: string };

/** The format (CSV when absent) and columns (every one when absent); unknown values are refused, not guessed. */
export function parseLeadExportParams(params: URLSearchParams): LeadExportParams {
  const format = (params.get(LEAD_EXPORT_PARAMS.format) ?? "csv").trim().toLowerCase();
  if (!isLeadExportFormat(format)) return { ok: false, message: `Format ekspor tidak dikenal: ${format} (pilihan: ${LEAD_EXPORT_FORMATS.join(", ")})` };
  const text = params.get(LEAD_EXPORT_PARAMS.columns);
  if (text === null) return { ok: true, format, columns: undefined };
  const columns = [...new Set(text.split(",").map((key) => key.trim()).filter(Boolean))];
  const unknown = columns.filter((key) => !LEAD_COLUMN_KEYS.includes(key));
  if (unknown.length) return { ok: false, message: `Kolom tidak dikenal: ${unknown.join(", ")}` };
  if (!columns.length) return { ok: false, message: "Pilih sedikitnya satu kolom." };
  return { ok: true, format, columns };
}

/**
 * `prospek-<region>-<YYYY-MM-DD>.<ext>`, the date in WIB. The region is the filter's region code
 * (several joined with `_`), else the caller's one region when they have exactly one, else
 * `semua`; dots stay, so `prospek-32.73-2026-11-21.xlsx`.
 */
export function leadExportFileName(filter: LeadFilter, scopeCodes: readonly string[] | null, format: LeadExportFormat, now: Date): string {
  const codes = filter.regionCodes?.length ? filter.regionCodes : scopeCodes?.length === 1 ? scopeCodes : [];
  const region = codes.length === 0 ? "semua" : codes.length <= 3 ? codes.join("_") : `${codes.slice(0, 3).join("_")}_dll`;
  return `prospek-${region.replace(/[^0-9A-Za-z._-]/g, "")}-${jakartaIsoDate(now)}.${format === "xlsx" ? "xlsx" : "csv"}`;
}
