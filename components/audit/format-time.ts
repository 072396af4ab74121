// Shown to users as WIB: the trail stores UTC instants, Jakarta is UTC+7 all year.
const WIB_DATE_TIME = new Intl.DateTimeFormat("id-ID", {
  timeZone: "Asia/Jakarta",
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

const ID_NUMBER = new Intl.NumberFormat("id-ID");

/** "21 Nov 2026, 14.05.03 WIB" */
export function formatWib(instant: Date | string): string {
  return `${WIB_DATE_TIME.format(new Date(instant))} WIB`;
}

/** "10.000" */
export function formatCount(value: number): string {
  return ID_NUMBER.format(value);
}
