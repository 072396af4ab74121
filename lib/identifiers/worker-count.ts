/**
 * Jumlah pekerja: a non-negative whole number. Spreadsheets deliver it as `42`, `1.234`
 * (id-ID thousands), `1,234` (en-US thousands), `1.234,00` or `42.0` (a whole number saved as a
 * decimal). A separator followed by exactly 3 digits is a thousands separator; anything else
 * after the last separator is a fraction, accepted only when it is zero (`12,5` is invalid).
 */
import {
  cellText,
  EMPTY,
  EXCEL_SCIENTIFIC_REASON,
  invalid,
  isExcelScientific,
  type ParseResult,
  type RawInput,
} from "./parse-result.ts";

export type WorkerCountInvalidCode =
  | "excel_scientific"
  | "characters"
  | "negative"
  | "not_integer"
  | "format"
  | "too_large";

export type WorkerCountResult = ParseResult<{ value: number }, WorkerCountInvalidCode>;

/** Far above Indonesia's largest employers (a few hundred thousand workers): anything more is a typo. */
export const MAX_WORKER_COUNT = 10_000_000;
/** Longest text worth scanning in full; the limit written out with separators and a fraction is 13. */
const MAX_CELL_LENGTH = 64;

const EXCEL = invalid("excel_scientific", EXCEL_SCIENTIFIC_REASON);
const CHARACTERS = invalid("characters", "Jumlah pekerja harus berupa angka");
const NEGATIVE = invalid("negative", "Jumlah pekerja tidak boleh negatif");
const NOT_INTEGER = invalid("not_integer", "Jumlah pekerja harus bilangan bulat");
const FORMAT = invalid(
  "format",
  "Format angka jumlah pekerja tidak dikenali (pemisah ribuan harus diikuti tepat 3 digit; desimal hanya ,0 atau ,00)",
);
const TOO_LARGE = invalid(
  "too_large",
  "Jumlah pekerja tidak masuk akal (lebih dari 10.000.000)",
);

function ok(value: number): WorkerCountResult {
  return { kind: "ok", value };
}

function isDigitCode(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** The integer value of `text[from, to)`, all digits; stops growing once past the limit. */
function digitsValue(text: string, from: number, to: number, skipSeparators: boolean): number {
  let value = 0;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (!isDigitCode(code)) {
      if (skipSeparators) continue;
      break;
    }
    value = value * 10 + (code - 48);
    if (value > MAX_WORKER_COUNT) return value;
  }
  return value;
}

export function parseWorkerCount(input: RawInput): WorkerCountResult {
  if (typeof input === "number") {
    if (Number.isNaN(input)) return CHARACTERS;
    if (input < 0) return NEGATIVE;
    if (input > MAX_WORKER_COUNT) return TOO_LARGE;
    if (!Number.isInteger(input)) return NOT_INTEGER;
    return ok(input + 0); // -0 → 0
  }
  const text = cellText(input);
  if (text.length === 0) return EMPTY;
  if (text.length > MAX_CELL_LENGTH) return CHARACTERS;

  const first = text.charCodeAt(0);
  const signed = first === 45 /* - */ || first === 0x2212; /* − */
  const start = signed ? 1 : 0;

  // One pass: where the separators are and whether anything else occurs.
  let separators = 0;
  let firstSeparator = -1;
  let lastSeparator = -1;
  for (let i = start; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isDigitCode(code)) continue;
    if (code === 46 || code === 44) {
      separators++;
      if (firstSeparator < 0) firstSeparator = i;
      lastSeparator = i;
      continue;
    }
    return isExcelScientific(text) ? EXCEL : CHARACTERS;
  }
  if (text.length === start) return CHARACTERS;
  if (signed) return NEGATIVE;
  if (separators === 0) {
    const value = digitsValue(text, 0, text.length, false);
    return value > MAX_WORKER_COUNT ? TOO_LARGE : ok(value);
  }

  const firstGroup = firstSeparator;
  const lastGroup = text.length - lastSeparator - 1;
  if (firstGroup === 0 || lastGroup === 0) return FORMAT;
  const lastChar = text.charCodeAt(lastSeparator);

  // Thousands only: one separator kind, groups 1–3 then 3s, no leading 0 (`0.123` is a decimal).
  if (lastGroup === 3 && firstGroup <= 3 && first !== 48 && groupsAreThousands(text, text.length, lastChar)) {
    const value = digitsValue(text, 0, text.length, true);
    return value > MAX_WORKER_COUNT ? TOO_LARGE : ok(value);
  }

  // Otherwise the last separator starts a fraction; the ones before it must be thousands of the
  // other kind (`1.234,00`, `1,234.00`).
  if (lastGroup > 3) return FORMAT;
  if (separators > 1) {
    const thousandsChar = text.charCodeAt(firstSeparator);
    if (thousandsChar === lastChar || firstGroup > 3 || first === 48) return FORMAT;
    if (!groupsAreThousands(text, lastSeparator, thousandsChar)) return FORMAT;
  }
  for (let i = lastSeparator + 1; i < text.length; i++) if (text.charCodeAt(i) !== 48) return NOT_INTEGER;
  const value = digitsValue(text, 0, lastSeparator, true);
  return value > MAX_WORKER_COUNT ? TOO_LARGE : ok(value);
}

/**
 * True when every separator before `end` is `separator` and each is followed by exactly 3 digits
 * up to the next separator or `end`.
 */
function groupsAreThousands(text: string, end: number, separator: number): boolean {
  let previous = -1;
  for (let i = 0; i <= end; i++) {
    const code = i === end ? separator : text.charCodeAt(i); // `end` closes the last group
    if (code !== 46 && code !== 44) continue;
    if (code !== separator) return false;
    if (previous >= 0 && i - previous !== 4) return false;
    previous = i;
  }
  return true;
}
