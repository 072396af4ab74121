/**
 * NIB (Nomor Induk Berusaha): the 13-digit business ID issued by OSS.
 * No public check digit, so only the shape is checked.
 */
import {
  digitInputInvalids,
  invalid,
  isAllZeros,
  readDigits,
  type DigitInputCode,
  type ParseResult,
  type RawInput,
} from "./parse-result.ts";

export type NibInvalidCode = DigitInputCode | "length" | "all_zeros";

export type NibResult = ParseResult<{ value: string }, NibInvalidCode>;

export const NIB_LENGTH = 13;

const INPUT = digitInputInvalids("NIB");
const ALL_ZEROS = invalid("all_zeros", "NIB berisi angka 0 semua (isian pengganti, bukan NIB)");

export function parseNib(input: RawInput): NibResult {
  const digits = readDigits(input, INPUT);
  if (typeof digits !== "string") return digits;
  if (digits.length !== NIB_LENGTH) {
    const hint =
      digits.length === NIB_LENGTH - 1
        ? "; angka 0 di depan kemungkinan hilang karena kolom diformat sebagai angka"
        : "";
    return invalid("length", `NIB harus ${NIB_LENGTH} digit (ditemukan ${digits.length} digit)${hint}`);
  }
  if (isAllZeros(digits)) return ALL_ZEROS;
  return { kind: "ok", value: digits };
}
