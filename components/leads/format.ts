const DATE = new Intl.DateTimeFormat("id-ID", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const NUMBER = new Intl.NumberFormat("id-ID");
const ONE_DECIMAL = new Intl.NumberFormat("id-ID", { maximumFractionDigits: 1 });

/** A calendar day (YYYY-MM-DD, no time zone): "21 Nov 2026". */
export function formatDay(day: string): string {
  return DATE.format(new Date(`${day}T00:00:00Z`));
}

/** "1.250"; "—" when unknown. */
export function formatNumber(value: number | null | undefined, unknown = "—"): string {
  return value === null || value === undefined ? unknown : NUMBER.format(value);
}

/** Priority parts: "12,3". */
export function formatPoints(value: number): string {
  return ONE_DECIMAL.format(value);
}
