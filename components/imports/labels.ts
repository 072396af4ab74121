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

const ID_NUMBER = new Intl.NumberFormat("id-ID");
const ID_DECIMAL = new Intl.NumberFormat("id-ID", { maximumFractionDigits: 1 });

/** `1,5 GB`, `640 MB`, `12 KB`: binary units, id-ID decimals (as the import's own messages). */
export function formatBytes(bytes: number): string {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 || value >= 100 ? ID_NUMBER.format(Math.round(value)) : ID_DECIMAL.format(value)} ${units[unit]}`;
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
