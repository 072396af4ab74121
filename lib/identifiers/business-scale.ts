/**
 * Skala usaha (PP 7/2021: by capital or annual sales), as partners write it: `Mikro`,
 * `USAHA MIKRO`, `UMK-Mikro`, OSS codes `01`–`04` (or `1`–`4`), `UB` for usaha besar.
 */
import { detachedString } from "../detached-string.ts";
import { cellText, EMPTY, invalid, type ParseResult, type RawInput } from "./parse-result.ts";

export const BUSINESS_SCALES = ["MIKRO", "KECIL", "MENENGAH", "BESAR"] as const;
export type BusinessScale = (typeof BUSINESS_SCALES)[number];

export const BUSINESS_SCALE_LABELS: Readonly<Record<BusinessScale, string>> = {
  MIKRO: "Usaha Mikro",
  KECIL: "Usaha Kecil",
  MENENGAH: "Usaha Menengah",
  BESAR: "Usaha Besar",
};

/** The OSS codes. */
export const BUSINESS_SCALE_CODES: Readonly<Record<BusinessScale, string>> = {
  MIKRO: "01",
  KECIL: "02",
  MENENGAH: "03",
  BESAR: "04",
};

export type BusinessScaleInvalidCode = "ambiguous" | "unknown";

export type BusinessScaleResult = ParseResult<{ value: BusinessScale }, BusinessScaleInvalidCode>;

const TOKEN_SCALE: ReadonlyMap<string, BusinessScale> = new Map<string, BusinessScale>([
  ["MIKRO", "MIKRO"],
  ["KECIL", "KECIL"],
  ["MENENGAH", "MENENGAH"],
  ["BESAR", "BESAR"],
  ["UB", "BESAR"],
  ["1", "MIKRO"],
  ["01", "MIKRO"],
  ["2", "KECIL"],
  ["02", "KECIL"],
  ["3", "MENENGAH"],
  ["03", "MENENGAH"],
  ["4", "BESAR"],
  ["04", "BESAR"],
]);
/** Words that carry no scale: `USAHA MIKRO`, `Skala Kecil`. */
const NOISE: ReadonlySet<string> = new Set(["USAHA", "SKALA"]);
/** Abbreviations that cover more than one scale (`UM`: mikro or menengah?); `UMK` is handled apart. */
const AMBIGUOUS_TOKENS: ReadonlySet<string> = new Set(["UMKM", "UM"]);

const AMBIGUOUS = invalid(
  "ambiguous",
  "Skala usaha tidak tegas (mis. UMKM/UMK mencakup beberapa skala, atau menyebut dua skala berbeda)",
);
const UNKNOWN = invalid(
  "unknown",
  "Skala usaha tidak dikenali (gunakan Mikro, Kecil, Menengah, Besar atau kode OSS 01–04)",
);

/**
 * A column holds a handful of distinct spellings over millions of rows, so results (immutable)
 * are memoised per raw text. Bounded so a column of junk cannot grow it without limit.
 */
const CACHE_LIMIT = 512;
const cache = new Map<string, BusinessScaleResult>();

export function parseBusinessScale(input: RawInput): BusinessScaleResult {
  const text = cellText(input);
  if (text.length === 0) return EMPTY;
  const cached = cache.get(text);
  if (cached !== undefined) return cached;
  const result = resolve(text);
  if (cache.size < CACHE_LIMIT) cache.set(detachedString(text), result);
  return result;
}

function resolve(text: string): BusinessScaleResult {
  if (text.length > 40) return UNKNOWN;
  let scale: BusinessScale | null = null;
  let sawUmk = false;
  // A plain character class with `+`: linear, no backtracking.
  for (const token of text.toUpperCase().split(/[^A-Z0-9]+/)) {
    if (token.length === 0 || NOISE.has(token)) continue;
    if (token === "UMK") {
      // `UMK-Mikro`, `UMK Kecil`: the prefix names the family, the next word the scale.
      sawUmk = true;
      continue;
    }
    if (AMBIGUOUS_TOKENS.has(token)) return AMBIGUOUS;
    const found = TOKEN_SCALE.get(token);
    if (found === undefined) return UNKNOWN;
    if (scale !== null && scale !== found) return AMBIGUOUS;
    scale = found;
  }
  if (scale === null) return sawUmk ? AMBIGUOUS : UNKNOWN;
  // UMK is usaha mikro dan kecil: `UMK-Besar` contradicts itself.
  if (sawUmk && scale !== "MIKRO" && scale !== "KECIL") return AMBIGUOUS;
  return Object.freeze({ kind: "ok", value: scale });
}

export function isBusinessScale(value: unknown): value is BusinessScale {
  return typeof value === "string" && (BUSINESS_SCALES as readonly string[]).includes(value);
}
