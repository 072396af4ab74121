/**
 * NPWP (tax ID). The old form has 15 digits, written `01.234.567.8-901.000`: taxpayer type (2),
 * serial (6), check digit (1; the first 9 digits pass a Luhn check), tax office (3), branch (3,
 * `000` = head office). Since 2024 an NPWP has 16 digits: entities put `0` before the 15;
 * resident individuals use their NIK — so a 16-digit NPWP not starting with 0 is personal data.
 *
 * Inside Jangkau an NPWP is always the 16-digit string.
 */
import { parseNik } from "./nik.ts";
import {
  digitInputInvalids,
  invalid,
  isAllZeros,
  readDigits,
  type DigitInputCode,
  type ParseResult,
  type RawInput,
} from "./parse-result.ts";

export type NpwpInvalidCode = DigitInputCode | "length" | "all_zeros" | "check_digit" | "nik_invalid";

export type NpwpResult = ParseResult<
  {
    /** 16 digits: `0` + the 15-digit form for entities, the NIK for individuals. */
    value: string;
    /** A NIK used as NPWP: personal data, mask it like any NIK. */
    isNik: boolean;
  },
  NpwpInvalidCode
>;

const INPUT = digitInputInvalids("NPWP");
const ALL_ZEROS = invalid("all_zeros", "NPWP berisi angka 0 semua (isian pengganti, bukan NPWP)");
const CHECK_DIGIT = invalid(
  "check_digit",
  "Digit pemeriksa NPWP tidak cocok (9 digit pertama gagal uji Luhn); kemungkinan salah ketik",
);

function lengthInvalid(found: number) {
  const hint =
    found === 14 ? "; angka 0 di depan kemungkinan hilang karena kolom diformat sebagai angka" : "";
  return invalid("length", `NPWP harus 15 atau 16 digit (ditemukan ${found} digit)${hint}`);
}

/** Luhn over `length` digits of `digits` from `start`; the last of them is the check digit. */
function passesLuhn(digits: string, start: number, length: number): boolean {
  let sum = 0;
  for (let i = 0; i < length; i++) {
    let digit = digits.charCodeAt(start + length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** Where the 15-digit form starts in `npwp`, or -1 when it is not an entity NPWP's digits. */
function fifteenStart(npwp: string): number {
  if (npwp.length === 15) return isDigits(npwp) ? 0 : -1;
  if (npwp.length === 16 && npwp.charCodeAt(0) === 48) return isDigits(npwp) ? 1 : -1;
  return -1;
}

function isDigits(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

export function parseNpwp(input: RawInput): NpwpResult {
  const digits = readDigits(input, INPUT);
  if (typeof digits !== "string") return digits;
  if (digits.length !== 15 && digits.length !== 16) return lengthInvalid(digits.length);
  if (isAllZeros(digits)) return ALL_ZEROS;

  if (digits.length === 16 && digits.charCodeAt(0) !== 48) {
    const nik = parseNik(digits);
    if (nik.kind === "invalid") {
      return invalid("nik_invalid", `NPWP 16 digit yang tidak diawali 0 adalah NIK, tetapi tidak valid: ${nik.reason}`);
    }
    // 16 digits are never "empty": the NIK is well formed.
    return { kind: "ok", value: digits, isNik: true };
  }

  const start = digits.length === 15 ? 0 : 1;
  if (!passesLuhn(digits, start, 9)) return CHECK_DIGIT;
  return { kind: "ok", value: start === 0 ? `0${digits}` : digits, isNik: false };
}

/**
 * True when the check digit of an entity NPWP is right. Takes the 15 digits or the 16 starting
 * with 0, without separators; false for anything else, a NIK included (a NIK has no check digit).
 */
export function isValidNpwpCheckDigit(npwp: string): boolean {
  const start = fifteenStart(npwp);
  return start >= 0 && passesLuhn(npwp, start, 9);
}

/**
 * `0012345678901000` or `012345678901000` → `01.234.567.8-901.000`, the form on tax documents.
 * Null for a NIK (it has no 15-digit form: show it masked) or anything that is not NPWP digits.
 */
export function formatNpwp15(npwp: string): string | null {
  const s = fifteenStart(npwp);
  if (s < 0) return null;
  const part = (from: number, to: number) => npwp.slice(s + from, s + to);
  return `${part(0, 2)}.${part(2, 5)}.${part(5, 8)}.${part(8, 9)}-${part(9, 12)}.${part(12, 15)}`;
}

/**
 * The 9 digits a taxpayer's head office and all its branches share (type, serial, check digit):
 * the key to group an entity's branches. Null for a NIK or non-NPWP input.
 */
export function npwpHeadOffice(npwp: string): string | null {
  const start = fifteenStart(npwp);
  return start < 0 ? null : npwp.slice(start, start + 9);
}

/** The Luhn check digit for an NPWP's first 8 digits (type + serial). */
export function npwpCheckDigit(prefix8: string): number {
  if (prefix8.length !== 8 || !isDigits(prefix8)) throw new RangeError("An NPWP prefix has 8 digits");
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    // Counting from the right of the prefix, the check digit will sit right of it: double i = 0, 2, …
    let digit = prefix8.charCodeAt(7 - i) - 48;
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * A valid 15-digit NPWP from its parts, for tests and demo data:
 * `makeNpwp15("01312166", "091", "000")` → `"013121660091000"`. Throws on malformed parts.
 */
export function makeNpwp15(prefix8: string, office: string, branch: string): string {
  if (office.length !== 3 || !isDigits(office)) throw new RangeError("An NPWP tax-office code has 3 digits");
  if (branch.length !== 3 || !isDigits(branch)) throw new RangeError("An NPWP branch code has 3 digits");
  return `${prefix8}${npwpCheckDigit(prefix8)}${office}${branch}`;
}
