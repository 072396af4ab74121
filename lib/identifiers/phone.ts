/**
 * Indonesian phone numbers. `08…`, `+628…` and `628…` are one number; Jangkau stores E.164
 * (`+6281234567890`, landline `+62221234567`).
 *
 * National significant number (NSN, after +62 or the trunk 0):
 * - mobile: `8` then not `0`, 9–12 digits (10–13 written with the leading 0);
 * - landline: area code of 2–3 digits (`21` Jakarta, `22` Bandung, `274` Yogyakarta; written
 *   `021`, `0274`) starting 2–7 or 9, then a 5–8 digit subscriber number: 8–10 digits in all
 *   (9–11 with the 0); where the area code ends is not needed for E.164, so it is not split;
 * - `80x` (0800/0807 toll-free, 0809 premium): non-geographic, 9–11 digits;
 * - `1…` (112, 14045, 1500-xxx): service numbers, not a subscriber — invalid.
 */
import { maskMiddle } from "./nik.ts";
import {
  cellText,
  EMPTY,
  EXCEL_SCIENTIFIC_REASON,
  invalid,
  isExcelScientific,
  type ParseResult,
  type RawInput,
} from "./parse-result.ts";

export type PhoneLineType = "mobile" | "landline" | "nonGeographic";

export type PhoneInvalidCode =
  | "excel_scientific"
  | "characters"
  | "multiple"
  | "too_long"
  | "foreign"
  | "prefix"
  | "service_number"
  | "length";

export type PhoneResult = ParseResult<{ value: string; lineType: PhoneLineType }, PhoneInvalidCode>;

export const COUNTRY_CODE = "+62";

const MOBILE_NSN = [9, 12] as const;
const LANDLINE_NSN = [8, 10] as const;
const NON_GEOGRAPHIC_NSN = [9, 11] as const;
/** Longest cell we scan; a phone field longer than this is prose, not a number. */
const MAX_CELL_LENGTH = 40;

const EXCEL = invalid("excel_scientific", EXCEL_SCIENTIFIC_REASON);
const CHARACTERS = invalid("characters", "Nomor telepon mengandung huruf atau karakter yang tidak dikenal");
const NOT_WHOLE = invalid("characters", "Nomor telepon tersimpan sebagai angka yang tidak utuh");
const MULTIPLE = invalid("multiple", "Berisi lebih dari satu nomor (dipisah /, koma atau titik koma)");
const TOO_LONG = invalid("too_long", "Isian nomor telepon terlalu panjang");
const FOREIGN = invalid("foreign", "Bukan nomor Indonesia (kode negara bukan +62)");
const PREFIX = invalid("prefix", "Nomor telepon harus diawali 0, 62 atau +62");
const SERVICE = invalid(
  "service_number",
  "Nomor layanan/singkat (diawali 1, mis. 14045 atau 1500-xxx), bukan nomor pelanggan",
);

function lengthInvalid(lineType: PhoneLineType, nsnLength: number) {
  const found = nsnLength + 1;
  if (lineType === "mobile") {
    return invalid("length", `Nomor seluler harus 10–13 digit termasuk 0 di depan (ditemukan ${found} digit)`);
  }
  if (lineType === "landline") {
    return invalid(
      "length",
      `Nomor telepon tetap harus 9–11 digit termasuk kode wilayah (ditemukan ${found} digit)`,
    );
  }
  return invalid("length", `Nomor bebas pulsa/premium harus 10–12 digit termasuk 0 (ditemukan ${found} digit)`);
}

function isDigitCode(code: number): boolean {
  return code >= 48 && code <= 57;
}

/**
 * Accepts `0812-3456-7890`, `+62 812 3456 7890`, `62812…`, `(022) 1234567`, `021-1234567`,
 * `62 22 …`, `+62 (0)22 …`, `0062 …`, `'0812…` (Excel text marker), and `812…` (a mobile
 * number whose leading 0 Excel dropped: nothing else starts with 8). Separators: spaces, dots,
 * dashes, parentheses. Only a mobile number is taken without its 0; `62…` is always read as the
 * country code, although `622…` could also be area code 0622 (Pematangsiantar) missing its 0.
 */
export function parsePhone(input: RawInput): PhoneResult {
  if (typeof input === "number" && !(Number.isSafeInteger(input) && input >= 0)) return NOT_WHOLE;
  let text = cellText(input);
  if (text.length > MAX_CELL_LENGTH) return TOO_LONG;
  // Excel's text marker, typed precisely to keep the leading 0.
  if (text.charCodeAt(0) === 39 /* ' */) text = text.slice(1).trimStart();
  if (text.length === 0) return EMPTY;

  let digits = "";
  let plus = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isDigitCode(code)) {
      digits += text[i];
    } else if (code === 32 || code === 160 || code === 9 || code === 46 || code === 45 || code === 40 || code === 41) {
      // space, no-break space, tab, . - ( )
    } else if (code === 43 /* + */ && !plus && digits.length === 0) {
      plus = true;
    } else if (code === 47 /* / */ || code === 44 /* , */ || code === 59 /* ; */ || code === 10 || code === 13) {
      return isExcelScientific(text) ? EXCEL : MULTIPLE;
    } else {
      return isExcelScientific(text) ? EXCEL : CHARACTERS;
    }
  }
  if (digits.length === 0) return CHARACTERS;

  let nsn: string;
  let afterCountryCode = true;
  if (plus) {
    if (!digits.startsWith("62")) return FOREIGN;
    nsn = digits.slice(2);
  } else if (digits.startsWith("0062")) {
    nsn = digits.slice(4);
  } else if (digits.startsWith("00")) {
    return FOREIGN;
  } else if (digits.startsWith("62")) {
    nsn = digits.slice(2);
  } else if (digits.charCodeAt(0) === 48) {
    nsn = digits.slice(1);
    afterCountryCode = false;
  } else if (digits.charCodeAt(0) === 56 /* 8 */) {
    nsn = digits;
    afterCountryCode = false;
  } else {
    return digits.charCodeAt(0) === 49 /* 1 */ ? SERVICE : PREFIX;
  }
  // `+62 (0)22 …`, `62 0812…`: the trunk 0 written after the country code.
  if (afterCountryCode && nsn.charCodeAt(0) === 48) nsn = nsn.slice(1);

  const first = nsn.charCodeAt(0);
  if (nsn.length === 0 || first === 48) return PREFIX;
  if (first === 49) return SERVICE;

  let lineType: PhoneLineType;
  let range: readonly [number, number];
  if (first === 56 /* 8 */) {
    if (nsn.charCodeAt(1) === 48) {
      lineType = "nonGeographic";
      range = NON_GEOGRAPHIC_NSN;
    } else {
      lineType = "mobile";
      range = MOBILE_NSN;
    }
  } else {
    lineType = "landline";
    range = LANDLINE_NSN;
  }
  if (nsn.length < range[0] || nsn.length > range[1]) return lengthInvalid(lineType, nsn.length);
  return { kind: "ok", value: COUNTRY_CODE + nsn, lineType };
}

/** True for an E.164 Indonesian mobile number (`+628…`, not the `+6280…` toll-free range). */
export function isMobile(e164: string): boolean {
  return e164.length > 5 && e164.startsWith("+628") && e164.charCodeAt(4) !== 48;
}

/**
 * `+6281234567890` → `+62812•••••890`: country code, the first 3 and last 3 digits stay.
 * Anything not starting with +62 keeps its first and last 3 characters.
 */
export function maskPhone(e164: string): string {
  if (e164.startsWith(COUNTRY_CODE)) return COUNTRY_CODE + maskMiddle(e164.slice(COUNTRY_CODE.length), 3, 3);
  return maskMiddle(e164, 3, 3);
}

/**
 * `+6281234567890` → `081234567890`, the form people dial and write (a masked `+62812•••••890`
 * likewise → `0812•••••890`); anything not starting with +62 as is.
 */
export function nationalPhone(e164: string): string;
export function nationalPhone(e164: string | null): string | null;
export function nationalPhone(e164: string | null): string | null {
  return e164?.startsWith(COUNTRY_CODE) ? `0${e164.slice(COUNTRY_CODE.length)}` : e164;
}
