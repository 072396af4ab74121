import { isSourceId, SOURCE_LABELS } from "@/lib/sources.ts";

/** How a delivery arrived, as the history shows it. */
export const CHANNEL_LABELS: Record<string, string> = {
  CLI: "CLI",
  UPLOAD: "Unggah",
  SFTP: "SFTP",
  API: "API",
};

/** An import job's state, for the history and the upload panel. */
export const JOB_STATUS_LABELS: Record<string, string> = {
  RUNNING: "Berjalan",
  SUCCEEDED: "Selesai",
  REFUSED: "Ditolak",
  FAILED: "Gagal",
};

export function sourceLabel(source: string): string {
  return isSourceId(source) ? SOURCE_LABELS[source] : source;
}

/** The label without its parenthesised detail ("BPJS — Peserta (Lampiran II.2)" → "BPJS — Peserta"), for tight cells. */
export function shortSourceLabel(source: string): string {
  return sourceLabel(source).replace(/\s*\(.*\)$/, "");
}

/** Whole percent of `part` in `total`, 0–100; null when the total is not known. */
export function percentOf(part: number, total: number | null | undefined): number | null {
  if (!total || total <= 0) return null;
  return Math.min(100, Math.max(0, Math.floor((part / total) * 100)));
}

/** The first characters of a SHA-256, enough to tell files apart at a glance. */
export function shortSha256(sha256: string): string {
  return sha256.slice(0, 12);
}
