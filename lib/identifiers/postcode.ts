/** Kode pos: 5 digits, the first 1–9 (the first digit is the postal region). */
import {
  digitInputInvalids,
  invalid,
  readDigits,
  type DigitInputCode,
  type ParseResult,
  type RawInput,
} from "./parse-result.ts";

export type PostcodeInvalidCode = DigitInputCode | "length" | "first_digit";

export type PostcodeResult = ParseResult<{ value: string }, PostcodeInvalidCode>;

const INPUT = digitInputInvalids("Kode pos");
const FIRST_DIGIT = invalid("first_digit", "Kode pos tidak boleh diawali angka 0");

/** Accepts `40115`, ` 40115 `, the number 40115 and `40.115` (an Excel thousands format). */
export function parsePostcode(input: RawInput): PostcodeResult {
  const digits = readDigits(input, INPUT);
  if (typeof digits !== "string") return digits;
  if (digits.length !== 5) return invalid("length", `Kode pos harus 5 digit (ditemukan ${digits.length} digit)`);
  if (digits.charCodeAt(0) === 48) return FIRST_DIGIT;
  return { kind: "ok", value: digits };
}
