const WHOLE = new Intl.NumberFormat("id-ID", { maximumFractionDigits: 0 });
const ONE_DECIMAL = new Intl.NumberFormat("id-ID", { maximumFractionDigits: 1 });
const UNITS = ["B", "KB", "MB", "GB", "TB"] as const;

/**
 * `1,5 GB`, `640 MB`, `12 KB`: a file size in binary units with id-ID decimals, one decimal
 * below 100 of a unit. Shared by the import's refusal messages, the upload form and the SFTP
 * fetch history, so a limit reads the same everywhere.
 */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${(unit === 0 || value >= 100 ? WHOLE : ONE_DECIMAL).format(value)} ${UNITS[unit]}`;
}
