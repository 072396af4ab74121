/**
 * The result every identifier parser returns, and the cell handling they share.
 *
 * The ingest pipeline must tell three cases apart: the partner left the cell empty, the value is
 * good (normalised), or the value is present but unusable — with a reason an officer can read
 * (Indonesian) and a stable `code` the pipeline can count by without matching on text.
 * Reasons never repeat the input value: many of these fields are personal data.
 *
 * These run per field on millions of rows, so the helpers scan characters by hand (no regex
 * backtracking), return the input string itself when it is already clean, and hand out
 * preallocated frozen results on the common failure paths.
 */

/** What a CSV/XLSX reader gives us for one cell. */
export type RawInput = string | number | null | undefined;

export interface ParseEmpty {
  readonly kind: "empty";
}

export interface ParseInvalid<Code extends string = string> {
  readonly kind: "invalid";
  /** Stable, machine-readable: group and count by this. */
  readonly code: Code;
  /** For people, in Indonesian. Never contains the input value. */
  readonly reason: string;
}

export type ParseOk<Fields extends { value: unknown }> = { readonly kind: "ok" } & {
  readonly [K in keyof Fields]: Fields[K];
};

export type ParseResult<Fields extends { value: unknown }, Code extends string = string> =
  | ParseEmpty
  | ParseOk<Fields>
  | ParseInvalid<Code>;

/** The one empty result: parsers return this instance, so it costs nothing per row. */
export const EMPTY: ParseEmpty = Object.freeze({ kind: "empty" });

export function invalid<Code extends string>(code: Code, reason: string): ParseInvalid<Code> {
  return Object.freeze({ kind: "invalid", code, reason });
}

/** The normalised value, or null when the cell was empty or invalid. */
export function okValueOrNull<R extends ParseResult<{ value: unknown }>>(
  result: R,
): Extract<R, { kind: "ok" }>["value"] | null {
  return result.kind === "ok" ? (result as Extract<R, { kind: "ok" }>).value : null;
}

/** The reason text for an Excel-mangled number; shared so every field says it the same way. */
export const EXCEL_SCIENTIFIC_REASON = "Nilai rusak oleh Excel (notasi ilmiah); digit asli hilang";

/**
 * What partners write for "none". Only consulted for short cells that do not start with a digit,
 * so the common path never lowercases anything.
 */
const PLACEHOLDERS: ReadonlySet<string> = new Set([
  "-",
  "--",
  "---",
  "–",
  "—",
  "null",
  "n/a",
  "#n/a",
  "tidak ada",
  "tdk ada",
  "belum ada",
  "kosong",
]);
const LONGEST_PLACEHOLDER = 9;

/** True for the "none" placeholders above (case-insensitive); `text` must already be trimmed. */
export function isPlaceholder(text: string): boolean {
  if (text.length === 0 || text.length > LONGEST_PLACEHOLDER) return false;
  const first = text.charCodeAt(0);
  if (first >= 48 && first <= 57) return false;
  return PLACEHOLDERS.has(text.toLowerCase());
}

/**
 * The trimmed text of a cell; "" for null, undefined, blank cells and placeholders such as "-",
 * "NULL" or "tidak ada". Numbers become their JavaScript string form.
 */
export function cellText(input: RawInput): string {
  if (input === null || input === undefined) return "";
  if (typeof input === "number") return String(input);
  const text = input.trim();
  return isPlaceholder(text) ? "" : text;
}

function isDigitCode(code: number): boolean {
  return code >= 48 && code <= 57;
}

/**
 * True for what Excel writes when it shows a long number in scientific notation:
 * `1.23457E+14`, `1,23457E+14` (Indonesian locale), `1.23457e14`, `1E+15`.
 * Hand-written scanner: one pass, no backtracking.
 */
export function isExcelScientific(text: string): boolean {
  const n = text.length;
  let i = 0;
  while (i < n && isDigitCode(text.charCodeAt(i))) i++;
  if (i === 0) return false;
  const sep = text.charCodeAt(i);
  if (sep === 46 /* . */ || sep === 44 /* , */) {
    i++;
    while (i < n && isDigitCode(text.charCodeAt(i))) i++;
  }
  const e = text.charCodeAt(i);
  if (e !== 69 /* E */ && e !== 101 /* e */) return false;
  i++;
  const sign = text.charCodeAt(i);
  if (sign === 43 /* + */ || sign === 45 /* - */) i++;
  const exponentStart = i;
  while (i < n && isDigitCode(text.charCodeAt(i))) i++;
  const exponentLength = i - exponentStart;
  return i === n && exponentLength >= 1 && exponentLength <= 3;
}

/**
 * True for `123456789012345.0`, `…,00`: a whole number saved as a decimal (pandas, Excel),
 * whose leading zeros are gone. Only a lone trailing `.0`/`.00`/`,0`/`,00` after plain digits
 * qualifies, so the `.000` branch code of a dotted NPWP never does.
 */
function isDecimalArtifact(text: string): boolean {
  const n = text.length;
  if (n < 3 || text.charCodeAt(n - 1) !== 48) return false;
  let zeros = 1;
  if (text.charCodeAt(n - 2) === 48) zeros = 2;
  const sep = text.charCodeAt(n - 1 - zeros);
  if (sep !== 46 && sep !== 44) return false;
  const digitsEnd = n - 1 - zeros;
  if (digitsEnd === 0) return false;
  for (let i = 0; i < digitsEnd; i++) if (!isDigitCode(text.charCodeAt(i))) return false;
  return true;
}

export type DigitInputCode = "excel_scientific" | "precision_lost" | "decimal_artifact" | "characters" | "too_long";

export type DigitInputInvalids = Readonly<Record<DigitInputCode, ParseInvalid<DigitInputCode>>>;

/** The failure results of `readDigits` for one field, built once per field at module load. */
export function digitInputInvalids(label: string): DigitInputInvalids {
  return Object.freeze({
    excel_scientific: invalid("excel_scientific", EXCEL_SCIENTIFIC_REASON),
    precision_lost: invalid(
      "precision_lost",
      `${label} tersimpan sebagai angka yang tidak utuh (desimal, negatif atau terlalu besar); digit asli tidak dapat dipastikan`,
    ),
    decimal_artifact: invalid(
      "decimal_artifact",
      `${label} tersimpan sebagai bilangan desimal (akhiran ,0 atau .0); angka 0 di depan mungkin sudah hilang`,
    ),
    characters: invalid("characters", `${label} mengandung karakter selain angka, titik, tanda hubung atau spasi`),
    too_long: invalid("too_long", `Isian ${label} terlalu panjang`),
  });
}

/** Longest cell text a digit identifier may arrive as, separators included; caps the scan. */
const MAX_DIGIT_CELL_LENGTH = 40;

/**
 * The digits of an identifier cell with separators (space, no-break space, tab, `.`, `-`) and an
 * Excel text apostrophe (`'0123…`) removed; EMPTY for an empty cell; an invalid result otherwise.
 * Returns the trimmed input itself, without copying, when it is digits only (the common case).
 * A number is used only when it is a safe non-negative integer: anything else already lost digits.
 */
export function readDigits(
  input: RawInput,
  invalids: DigitInputInvalids,
): string | ParseEmpty | ParseInvalid<DigitInputCode> {
  if (input === null || input === undefined) return EMPTY;
  if (typeof input === "number") {
    return Number.isSafeInteger(input) && input >= 0 ? String(input) : invalids.precision_lost;
  }
  let text = input.trim();
  if (text.length === 0 || isPlaceholder(text)) return EMPTY;
  if (text.length > MAX_DIGIT_CELL_LENGTH) return invalids.too_long;
  if (text.charCodeAt(0) === 39 /* ' */) {
    text = text.slice(1).trimStart();
    if (text.length === 0) return EMPTY;
  }

  let digits: string | null = null; // stays null while `text` is digits only
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isDigitCode(code)) {
      if (digits !== null) digits += text[i];
      continue;
    }
    if (code === 32 || code === 160 || code === 9 || code === 46 /* . */ || code === 45 /* - */) {
      if (digits === null) digits = text.slice(0, i);
      continue;
    }
    if (isExcelScientific(text)) return invalids.excel_scientific;
    if (isDecimalArtifact(text)) return invalids.decimal_artifact;
    return invalids.characters;
  }
  if (digits === null) return text;
  if (isDecimalArtifact(text)) return invalids.decimal_artifact;
  return digits.length === 0 ? invalids.characters : digits;
}

/** True when every character of `digits` is `0`. */
export function isAllZeros(digits: string): boolean {
  for (let i = 0; i < digits.length; i++) if (digits.charCodeAt(i) !== 48) return false;
  return true;
}

/** True when every character of `text` is the same (`1111111111111111`): a typed-in filler. */
export function isOneRepeatedCharacter(text: string): boolean {
  const first = text.charCodeAt(0);
  for (let i = 1; i < text.length; i++) if (text.charCodeAt(i) !== first) return false;
  return true;
}
