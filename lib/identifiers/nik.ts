/**
 * NIK (Nomor Induk Kependudukan): 16 digits `PPRRSSDDMMYYXXXX` — province, regency/city and
 * district of issue (Kemendagri codes), birth date (women: day + 40), serial. Personal data:
 * show it masked unless the role needs it (`maskNik`).
 *
 * There is no check digit, so "valid" means "has the shape of a NIK": a plausible region of
 * issue and a real calendar date. Whether the region still exists is for the caller (the region
 * table lives on the server; NIKs issued before a province split keep the old code).
 */
import {
  digitInputInvalids,
  invalid,
  isOneRepeatedCharacter,
  readDigits,
  type DigitInputCode,
  type ParseResult,
  type RawInput,
} from "./parse-result.ts";

export type NikInvalidCode =
  | DigitInputCode
  | "length"
  | "placeholder"
  | "leading_zero"
  | "province"
  | "region"
  | "birth_day"
  | "birth_month"
  | "birth_date"
  | "serial";

export type NikResult = ParseResult<
  {
    /** 16 digits. */
    value: string;
    /** Province of issue, e.g. "32". */
    provinceCode: string;
    /** District (kecamatan) of issue, dotted like lib/region-code.ts: "32.73.01". */
    districtCode: string;
    /** `YYMMDD` with the +40 removed; the century is not encoded in a NIK. */
    birthDate: string;
    female: boolean;
  },
  NikInvalidCode
>;

export const NIK_LENGTH = 16;
/** Women's birth days are stored as day + 40. */
const FEMALE_DAY_OFFSET = 40;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

const INPUT = digitInputInvalids("NIK");
const PLACEHOLDER = invalid("placeholder", "NIK berisi satu angka yang diulang (isian pengganti, bukan NIK)");
const LEADING_ZERO = invalid("leading_zero", "NIK tidak boleh diawali angka 0");
const PROVINCE = invalid("province", "Kode provinsi pada NIK tidak valid (harus 11–99 dan tidak berakhiran 0)");
const REGION = invalid("region", "Kode kabupaten/kota atau kecamatan pada NIK tidak boleh 00");
const BIRTH_DAY = invalid(
  "birth_day",
  "Tanggal lahir pada NIK tidak valid (harus 01–31, atau 41–71 untuk perempuan)",
);
const BIRTH_MONTH = invalid("birth_month", "Bulan lahir pada NIK tidak valid (harus 01–12)");
const BIRTH_DATE = invalid("birth_date", "Tanggal lahir pada NIK tidak ada di kalender (mis. 30 Februari)");
const SERIAL = invalid("serial", "Nomor urut pada NIK tidak boleh 0000");

function twoDigits(text: string, at: number): number {
  return (text.charCodeAt(at) - 48) * 10 + (text.charCodeAt(at + 1) - 48);
}

export function parseNik(input: RawInput): NikResult {
  const digits = readDigits(input, INPUT);
  if (typeof digits !== "string") return digits;
  if (digits.length !== NIK_LENGTH) {
    return invalid("length", `NIK harus ${NIK_LENGTH} digit (ditemukan ${digits.length} digit)`);
  }
  if (isOneRepeatedCharacter(digits)) return PLACEHOLDER;
  if (digits.charCodeAt(0) === 48) return LEADING_ZERO;
  // Kemendagri numbers provinces 11–19, 21, 31–36, … 91–97: never a code ending in 0.
  if (digits.charCodeAt(1) === 48) return PROVINCE;
  if (twoDigits(digits, 2) === 0 || twoDigits(digits, 4) === 0) return REGION;

  const rawDay = twoDigits(digits, 6);
  const female = rawDay > FEMALE_DAY_OFFSET;
  const day = female ? rawDay - FEMALE_DAY_OFFSET : rawDay;
  if (day < 1 || day > 31) return BIRTH_DAY;
  const month = twoDigits(digits, 8);
  if (month < 1 || month > 12) return BIRTH_MONTH;
  const year = twoDigits(digits, 10);
  // 29 February: only years divisible by 4 (00 can be 2000, a leap year).
  const maxDay = month === 2 && year % 4 !== 0 ? 28 : (DAYS_IN_MONTH[month - 1] ?? 31);
  if (day > maxDay) return BIRTH_DATE;
  if (twoDigits(digits, 12) === 0 && twoDigits(digits, 14) === 0) return SERIAL;

  return {
    kind: "ok",
    value: digits,
    provinceCode: digits.slice(0, 2),
    districtCode: `${digits.slice(0, 2)}.${digits.slice(2, 4)}.${digits.slice(4, 6)}`,
    birthDate: `${digits.slice(10, 12)}${digits.slice(8, 10)}${day < 10 ? "0" : ""}${day}`,
    female,
  };
}

const MASK = "•";

/**
 * `value` with all but `keepStart` leading and `keepEnd` trailing characters replaced by `•`.
 * A value too short to hide anything is masked entirely rather than shown.
 */
export function maskMiddle(value: string, keepStart: number, keepEnd: number): string {
  const start = Math.max(0, Math.floor(keepStart));
  const end = Math.max(0, Math.floor(keepEnd));
  const hidden = value.length - start - end;
  if (hidden <= 0) return MASK.repeat(value.length);
  return value.slice(0, start) + MASK.repeat(hidden) + value.slice(value.length - end);
}

/** `3273011708450001` → `3273••••••••0001`: region of issue and serial stay, the birth date goes. */
export function maskNik(nik: string): string {
  return maskMiddle(nik, 4, 4);
}
