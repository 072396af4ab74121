/**
 * Calendar dates as Indonesian partner files write them: day first, as id-ID writes dates —
 * `17/08/1985`, `17-08-1985`, `17.08.1985` (one- or two-digit day and month) — or ISO `1985-08-17`
 * (also `1985/08/17`). A time of day that database exports append (`1985-08-17 00:00:00`,
 * `1985-08-17T00:00:00`) is dropped. The value is `yyyy-mm-dd`.
 *
 * Nothing is guessed: a two-digit year (which century?), a month-first date (`08/17/1985` has no
 * month 17), a date that is not on the calendar, and an Excel serial number (`31276`, what a date
 * cell becomes in a CSV once its cell format is lost — day 1 is 1900-01-01 or 1904-01-01
 * depending on the workbook, so it cannot be read back safely) are invalid.
 */
import { cellText, EMPTY, invalid, type ParseResult, type RawInput } from "./parse-result.ts";

export type CalendarDateInvalidCode = "format" | "excel_serial" | "two_digit_year" | "date" | "range";

export type CalendarDateResult = ParseResult<{ value: string }, CalendarDateInvalidCode>;

/** Before it, a date in a worker's record is a typo (no one living was born earlier). */
export const FIRST_CALENDAR_YEAR = 1900;

/** Longest cell worth reading: `2019-03-01T00:00:00.000+07:00` is 29 characters. */
const MAX_DATE_CELL_LENGTH = 40;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** True for what may follow a date: `hh:mm`, `hh:mm:ss`, fractions and a zone, nothing else. */
function isTimeOfDay(text: string): boolean {
  if (text.length < 4 || !isDigit(text.charCodeAt(0)) || !text.includes(":")) return false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!isDigit(code) && code !== 58 /* : */ && code !== 46 /* . */ && code !== 43 /* + */ && code !== 45 /* - */ && code !== 90 /* Z */) {
      return false;
    }
  }
  return true;
}

/**
 * A parser for one date field. `label` names the field in reasons ("Tanggal lahir");
 * `latestYear` is the last plausible year, asked per call so a long-running server moves on
 * with the calendar (this year for a birth date; next year for a start date already agreed).
 */
export function calendarDateParser(label: string, latestYear: () => number): (input: RawInput) => CalendarDateResult {
  const format = invalid("format", `${label} tidak terbaca (gunakan format 17/08/1985, 17-08-1985 atau 1985-08-17)`);
  const excelSerial = invalid(
    "excel_serial",
    `${label} tersimpan sebagai nomor seri tanggal Excel; tanggal aslinya tidak dapat dipastikan (simpan kolom sebagai teks, mis. 17/08/1985)`,
  );
  const twoDigitYear = invalid("two_digit_year", `${label} memakai tahun 2 digit; tahun harus ditulis 4 digit`);
  const notOnCalendar = invalid("date", `${label} tidak ada di kalender (mis. 30 Februari atau bulan 13)`);

  return (input) => {
    let text = cellText(input);
    if (text.length === 0) return EMPTY;
    if (text.length > MAX_DATE_CELL_LENGTH) return format;
    if (text.charCodeAt(0) === 39 /* ' */) text = text.slice(1).trim();

    // The date, then an optional time of day after a space or a `T`.
    let end = 0;
    while (end < text.length && text.charCodeAt(end) !== 32 && text.charCodeAt(end) !== 84 /* T */) end++;
    if (end < text.length && !isTimeOfDay(text.slice(end + 1).trim())) return format;
    const date = text.slice(0, end);

    // Up to three runs of digits, joined by one separator used throughout.
    const runs: string[] = [];
    let separator = -1;
    let start = 0;
    for (let i = 0; i <= date.length; i++) {
      const code = i < date.length ? date.charCodeAt(i) : -1;
      if (code !== -1 && isDigit(code)) continue;
      if (i === start) return format; // an empty run: leading, trailing or doubled separator
      runs.push(date.slice(start, i));
      start = i + 1;
      if (code === -1) break;
      if (code !== 47 /* / */ && code !== 45 /* - */ && code !== 46 /* . */) return format;
      if (separator !== -1 && code !== separator) return format;
      separator = code;
    }
    // Five digits is what a serial of 1927–2173 looks like; a lone 4-digit year is just a year.
    if (runs.length === 1) return runs[0]!.length === 5 && end === text.length ? excelSerial : format;
    if (runs.length !== 3) return format;

    const [a, b, c] = runs as [string, string, string];
    let year: number;
    let month: number;
    let day: number;
    if (a.length === 4 && b.length <= 2 && c.length <= 2) {
      [year, month, day] = [Number(a), Number(b), Number(c)];
    } else if (c.length === 4 && a.length <= 2 && b.length <= 2) {
      [year, month, day] = [Number(c), Number(b), Number(a)];
    } else if (c.length === 2 && a.length <= 2 && b.length <= 2) {
      return twoDigitYear;
    } else {
      return format;
    }
    if (month < 1 || month > 12 || day < 1) return notOnCalendar;
    const maxDay = month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!;
    if (day > maxDay) return notOnCalendar;
    const latest = latestYear();
    if (year < FIRST_CALENDAR_YEAR || year > latest) {
      return invalid("range", `${label} di luar rentang yang masuk akal (tahun ${FIRST_CALENDAR_YEAR} sampai ${latest})`);
    }
    return { kind: "ok", value: `${a.length === 4 ? a : c}-${month < 10 ? "0" : ""}${month}-${day < 10 ? "0" : ""}${day}` };
  };
}
