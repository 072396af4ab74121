/**
 * The one set of id-ID formatters for numbers, dates and sizes: every page, table, message and
 * CLI line formats through these, so a count, a day or an instant reads the same everywhere.
 * Instants are shown in WIB: the database stores UTC, Jakarta is UTC+7 all year.
 */

const COUNT = new Intl.NumberFormat("id-ID");
const ONE_DECIMAL = new Intl.NumberFormat("id-ID", { maximumFractionDigits: 1 });
const FIXED_ONE_DECIMAL = new Intl.NumberFormat("id-ID", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const PERCENT = new Intl.NumberFormat("id-ID", { style: "percent", maximumFractionDigits: 1 });
const COMPACT = new Intl.NumberFormat("id-ID", { notation: "compact", maximumFractionDigits: 1 });
const WHOLE = new Intl.NumberFormat("id-ID", { maximumFractionDigits: 0 });
// Calendar days (YYYY-MM-DD) carry no time zone: formatted as the UTC midnight they are parsed to.
const DAY = new Intl.DateTimeFormat("id-ID", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const LONG_DAY = new Intl.DateTimeFormat("id-ID", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const WIB_LONG_DATE = new Intl.DateTimeFormat("id-ID", { timeZone: "Asia/Jakarta", day: "numeric", month: "long", year: "numeric" });
const WIB_DATE_TIME = new Intl.DateTimeFormat("id-ID", {
  timeZone: "Asia/Jakarta",
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});
const BYTE_UNITS = ["B", "KB", "MB", "GB", "TB"] as const;

/** "10.000" */
export function formatCount(value: number): string {
  return COUNT.format(value);
}

/** "1.250"; "—" (or the given word) when unknown. */
export function formatNumber(value: number | null | undefined, unknown = "—"): string {
  return value === null || value === undefined ? unknown : COUNT.format(value);
}

/** At most one decimal: "12,3", "80". */
export function formatDecimal(value: number): string {
  return ONE_DECIMAL.format(value);
}

/** Exactly one decimal, for a column of shares that must line up: "12,0". */
export function formatFixedDecimal(value: number): string {
  return FIXED_ONE_DECIMAL.format(value);
}

/** A ratio as a percentage: 0.853 → "85,3%". */
export function formatPercent(ratio: number): string {
  return PERCENT.format(ratio);
}

/** An axis tick: "1,2 jt". */
export function formatCompact(value: number): string {
  return COMPACT.format(value);
}

/** A calendar day (YYYY-MM-DD, no time zone): "21 Nov 2026". */
export function formatDay(day: string): string {
  return DAY.format(new Date(`${day}T00:00:00Z`));
}

/** A calendar day in full, for sentences: "21 November 2026". */
export function formatLongDay(day: string): string {
  return LONG_DAY.format(new Date(`${day}T00:00:00Z`));
}

/** The WIB date of an instant, in full: "21 November 2026". */
export function formatWibDate(instant: Date | string): string {
  return WIB_LONG_DATE.format(new Date(instant));
}

/** "21 Nov 2026, 14.05.03 WIB" */
export function formatWib(instant: Date | string): string {
  return `${WIB_DATE_TIME.format(new Date(instant))} WIB`;
}

/**
 * `1,5 GB`, `640 MB`, `12 KB`: a file size in binary units with id-ID decimals, one decimal
 * below 100 of a unit, so a limit reads the same in the import's refusals, the upload form and
 * the SFTP fetch history.
 */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${(unit === 0 || value >= 100 ? WHOLE : ONE_DECIMAL).format(value)} ${BYTE_UNITS[unit]}`;
}
