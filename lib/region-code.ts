/**
 * Kemendagri region codes: province `32`, regency/city `32.73`, district `32.73.01`,
 * village `32.73.01.1001`. Files carry them with or without dots; inside Jangkau a code is always
 * the dotted form, so everything here takes either and hands back dotted codes.
 */

/** Same literals as Prisma's `RegionLevel` enum, declared here so `lib/` never imports the client. */
export type RegionLevel = "PROVINCE" | "REGENCY" | "DISTRICT" | "VILLAGE";

export const REGION_LEVELS: readonly RegionLevel[] = ["PROVINCE", "REGENCY", "DISTRICT", "VILLAGE"];

/** What the region use cases hand out: safe to pass to client components as is. */
export interface RegionDto {
  code: string;
  name: string;
  level: RegionLevel;
  /** Null for a province. */
  parentCode: string | null;
}

/** Digits per segment, province first. */
const SEGMENT_LENGTHS = [2, 2, 2, 4] as const;
/** Undotted lengths: 2, 4, 6, 10. */
const UNDOTTED_LENGTHS = [2, 4, 6, 10] as const;
/** Regency parts 71–99 are cities (kota); 01–69 are regencies (kabupaten). */
const FIRST_CITY_PART = 71;

/**
 * The dotted code for `input`, or null when it is not a well-formed region code.
 * Accepts "3273011001", "32.73.01.1001", " 32.73 " and numbers such as 3273. Rejects all-zero
 * segments ("32.00"), wrong segment lengths ("3.273") and anything that is not digits and dots.
 */
export function normalizeRegionCode(input: string | number | null | undefined): string | null {
  if (input === null || input === undefined) return null;
  const text = String(input).trim();
  let segments: string[];
  if (/^\d+$/.test(text)) {
    const level = (UNDOTTED_LENGTHS as readonly number[]).indexOf(text.length);
    if (level < 0) return null;
    segments = [];
    let at = 0;
    for (const length of SEGMENT_LENGTHS.slice(0, level + 1)) {
      segments.push(text.slice(at, at + length));
      at += length;
    }
  } else {
    segments = text.split(".");
    if (segments.length > SEGMENT_LENGTHS.length) return null;
    if (!segments.every((segment, i) => segment.length === SEGMENT_LENGTHS[i] && /^\d+$/.test(segment))) return null;
  }
  if (segments.some((segment) => /^0+$/.test(segment))) return null;
  return segments.join(".");
}

export function regionLevelOf(code: string): RegionLevel | null {
  const normalized = normalizeRegionCode(code);
  if (normalized === null) return null;
  return REGION_LEVELS[normalized.split(".").length - 1] ?? null;
}

/** The code one level up, or null for a province or an invalid code. */
export function parentCodeOf(code: string): string | null {
  const normalized = normalizeRegionCode(code);
  if (normalized === null) return null;
  const cut = normalized.lastIndexOf(".");
  return cut < 0 ? null : normalized.slice(0, cut);
}

/** Every code from the province down to `code` itself: "32.73.01" → ["32", "32.73", "32.73.01"]. */
export function ancestorCodesOf(code: string): string[] {
  const normalized = normalizeRegionCode(code);
  if (normalized === null) return [];
  const segments = normalized.split(".");
  return segments.map((_, i) => segments.slice(0, i + 1).join("."));
}

/**
 * True when `code` is `ancestorCode` or lies inside it ("32.73.01" is within "32.73" and "32",
 * not within "32.7" nor "32.74"). False when either code is invalid.
 */
export function isWithin(code: string, ancestorCode: string): boolean {
  const inner = normalizeRegionCode(code);
  const outer = normalizeRegionCode(ancestorCode);
  if (inner === null || outer === null) return false;
  return inner === outer || inner.startsWith(`${outer}.`);
}

/** True for a city (kota) or anything inside one: the regency part is 71–99. */
export function isCityCode(code: string): boolean {
  const regencyPart = normalizeRegionCode(code)?.split(".")[1];
  return regencyPart !== undefined && Number(regencyPart) >= FIRST_CITY_PART;
}
