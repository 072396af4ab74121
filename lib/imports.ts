import { z } from "zod";
import { PERIOD_PATTERN, SOURCE_IDS, type SourceId } from "./sources.ts";

/**
 * The upload form of Impor Data and its route handler share this module: one schema for the
 * form's fields (checked in the browser before a byte is sent, and again by the server on the
 * query string), the names those fields take in the URL, and the periods the form offers.
 */

/** Query-string names of the upload request (POST /impor/unggah?sumber=…&periode=…&nama=…). */
export const UPLOAD_PARAMS = { source: "sumber", period: "periode", fileName: "nama" } as const;

/**
 * Request header carrying the ZIP password, percent-encoded (header values must be Latin-1;
 * a password may not be). A header rather than the query string because URLs end up in logs.
 */
export const ZIP_PASSWORD_HEADER = "x-jangkau-zip-password";

/** What partners send: a CSV, or a ZIP (possibly password-protected) holding one. */
export const UPLOAD_EXTENSIONS = [".csv", ".zip"] as const;

// Longer passwords are not a partner's ZIP password but a mistake (a pasted file, say).
export const MAX_ZIP_PASSWORD_CHARS = 1024;

function hasAcceptedExtension(name: string): boolean {
  const lower = name.toLowerCase();
  return UPLOAD_EXTENSIONS.some((extension) => lower.endsWith(extension) && lower.length > extension.length);
}

/** The file's own name without any folder a browser or tool may have prefixed (`C:\…\x.csv`). */
export function baseFileName(name: string): string {
  return name.split(/[\\/]/).pop()?.trim() ?? "";
}

export const importUploadSchema = z.object({
  source: z.enum(SOURCE_IDS, { message: "Pilih sumber data." }),
  period: z
    .string({ message: "Pilih periode." })
    .trim()
    .min(1, { message: "Pilih periode.", abort: true })
    .regex(PERIOD_PATTERN, "Periode harus berformat TTTT-S1 atau TTTT-S2, mis. 2026-S1.")
    .refine((period) => !isOlderPeriod(currentPeriod(), period), "Periode ini belum berjalan: pilih periode berjalan atau sebelumnya."),
  fileName: z
    .string({ message: "Pilih berkas." })
    .transform(baseFileName)
    .pipe(
      z
        .string()
        .min(1, { message: "Pilih berkas.", abort: true })
        .max(255, "Nama berkas terlalu panjang (paling banyak 255 karakter).")
        // Control characters would end up in the history and the audit trail.
        .refine((name) => !/[\u0000-\u001f\u007f]/.test(name), "Nama berkas memuat karakter yang tidak sah.")
        .refine(hasAcceptedExtension, "Berkas harus berupa .csv atau .zip."),
    ),
});

export type ImportUploadInput = z.output<typeof importUploadSchema>;

/** Reads the upload's fields from the request's query string. */
export function parseUploadQuery(params: URLSearchParams) {
  return importUploadSchema.safeParse({
    source: params.get(UPLOAD_PARAMS.source) ?? undefined,
    period: params.get(UPLOAD_PARAMS.period) ?? undefined,
    fileName: params.get(UPLOAD_PARAMS.fileName) ?? undefined,
  });
}

/** The query string the browser sends for an upload. */
export function uploadQuery(input: { source: SourceId | string; period: string; fileName: string }): string {
  return new URLSearchParams({
    [UPLOAD_PARAMS.source]: input.source,
    [UPLOAD_PARAMS.period]: input.period,
    [UPLOAD_PARAMS.fileName]: baseFileName(input.fileName),
  }).toString();
}

/** The delivery period `now` falls in ("2026-S2"), by the calendar month in WIB. */
export function currentPeriod(now: Date = new Date()): string {
  // A delivery on 30 June 23:30 WIB belongs to S1.
  const jakarta = new Date(now.getTime() + 7 * 60 * 60 * 1000);
  return `${jakarta.getUTCFullYear()}-S${jakarta.getUTCMonth() < 6 ? 1 : 2}`;
}

/** The period before `period` ("2026-S1" → "2025-S2"). */
function previousPeriod(period: string): string {
  const year = Number(period.slice(0, 4));
  return period.endsWith("S2") ? `${year}-S1` : `${year - 1}-S2`;
}

/**
 * The periods the form offers, newest first: the current one and the `back` before it. Two
 * deliveries a year, so five cover the last two years. A future period is never offered: its
 * data cannot exist yet, and a file filed under it would supersede the real current delivery.
 */
export function selectablePeriods(now: Date = new Date(), back = 4): string[] {
  const periods = [currentPeriod(now)];
  while (periods.length <= back) periods.push(previousPeriod(periods.at(-1)!));
  return periods;
}

/** Periods are "YYYY-S1"/"YYYY-S2": as strings they sort in time order. */
export function isOlderPeriod(period: string, than: string): boolean {
  return period < than;
}

/** Rows per page of the Riwayat impor table. */
export const IMPORT_HISTORY_PAGE_SIZE = 25;

/** URL parameter of the history's page number. */
export const IMPORT_HISTORY_PAGE_PARAM = "halaman";

const pageSchema = z.preprocess(
  (value) => (Array.isArray(value) ? value[0] : value),
  z.coerce.number().int().min(1).max(1_000_000).catch(1),
);

/** The history page from the URL; anything mangled means the first page. */
export function parseImportHistoryPage(searchParams: Record<string, string | string[] | undefined>): number {
  return pageSchema.parse(searchParams[IMPORT_HISTORY_PAGE_PARAM] ?? 1);
}
