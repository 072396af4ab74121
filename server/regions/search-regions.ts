import "server-only";
import { normalizeRegionCode, type RegionDto, type RegionLevel } from "@/lib/region-code.ts";
import { regionNameWords } from "@/lib/region-name.ts";
import { db } from "@/server/db/client.ts";

export interface SearchRegionsOptions {
  /** A name as people write it ("KAB. BANDUNG", "kota adm jakarta selatan", "bandung") or a code. */
  query: string;
  /** Only these levels. */
  level?: RegionLevel | readonly RegionLevel[];
  /**
   * Only regions equal to or inside one of these codes (e.g. the caller's region scope).
   * An empty list, or codes that are all malformed, match nothing.
   */
  within?: string | readonly string[];
  /** At most this many results (default 20, capped at 100). */
  limit?: number;
}

/** How a result matched, best first; callers resolving names can read it as confidence. */
export type RegionMatch = "code" | "exact" | "prefix" | "word" | "contains";

export interface RegionSearchResult extends RegionDto {
  match: RegionMatch;
}

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;
// One letter matches most of the 91,599 names and is no use to anyone; two already narrow it.
const MIN_QUERY_CHARS = 2;
const MATCHES: readonly RegionMatch[] = ["code", "exact", "prefix", "word", "contains"];

/**
 * Finds regions by name, ignoring case, punctuation, spacing and accents. Regency names carry
 * their type ("Kabupaten Bandung", "Kota Administrasi Jakarta Selatan"), so "bandung" finds both
 * Kabupaten and Kota Bandung, while a leading type word in the query ("kab", "kota adm", "kec",
 * "desa", "prov") narrows to that kind of region. A query that is a region code finds that region.
 * Exact matches come first, then prefix, word-start and substring matches; within a kind, higher
 * levels and shorter names first.
 */
export async function searchRegions(options: SearchRegionsOptions): Promise<RegionSearchResult[]> {
  const parsed = parseRegionQuery(options.query);
  if (parsed === null || (parsed.code === null && parsed.restKey.length < MIN_QUERY_CHARS)) return [];
  const levels = options.level === undefined ? null : [options.level].flat();
  const within = options.within === undefined ? null : withinCodes(options.within);
  if (within !== null && within.length === 0) return [];
  if (levels !== null && levels.length === 0) return [];
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? DEFAULT_LIMIT), 1), MAX_LIMIT);

  // Each search scans all 91,599 names. The cheap LIKE on the query's letters in order (gaps
  // allowed: a superset of the squeezed-name match) keeps the scan at ~20 ms; the regexps then run
  // only on the few rows it lets through. MATERIALIZED stops PostgreSQL from folding the regexps
  // back into the scan. COLLATE "C": names are ASCII, and lower() is cheapest without a locale.
  const rows = await db.$queryRaw<{ code: string; name: string; level: RegionLevel; parent_code: string | null; rank: number }[]>`
    WITH candidate AS MATERIALIZED (
      SELECT r.code, r.name, r.level, r.parent_code,
        regexp_replace(lower(r.name COLLATE "C"), '[^a-z0-9]+', '', 'g') AS full_key
      FROM region r
      WHERE (${levels}::text[] IS NULL OR r.level::text = ANY(${levels}::text[]))
        AND (${within}::text[] IS NULL
          OR r.code = ANY(${within}::text[]) OR left(r.code, 2) = ANY(${within}::text[])
          OR left(r.code, 5) = ANY(${within}::text[]) OR left(r.code, 8) = ANY(${within}::text[]))
        AND (r.code = ${parsed.code} OR lower(r.name COLLATE "C") LIKE ${lettersInOrder(parsed.restKey)})
    ), scored AS MATERIALIZED (
      SELECT c.*,
        CASE WHEN c.level = 'REGENCY'
          THEN regexp_replace(regexp_replace(lower(c.name COLLATE "C"), '^(kabupaten|kota) (administrasi )?', ''), '[^a-z0-9]+', '', 'g')
          ELSE c.full_key
        END AS bare_key,
        CASE ${parsed.kind}::text
          WHEN 'PROVINCE' THEN c.level = 'PROVINCE'
          WHEN 'KABUPATEN' THEN c.level = 'REGENCY' AND substr(c.code, 4, 2)::int < 71
          WHEN 'KOTA' THEN c.level = 'REGENCY' AND substr(c.code, 4, 2)::int >= 71
          WHEN 'DISTRICT' THEN c.level = 'DISTRICT'
          WHEN 'VILLAGE' THEN c.level = 'VILLAGE'
          ELSE true
        END AS kind_ok,
        ' ' || regexp_replace(regexp_replace(lower(c.name COLLATE "C"), '[''’‘]', '', 'g'), '[^a-z0-9]+', ' ', 'g') || ' ' AS spaced
      FROM candidate c
    )
    SELECT code, name, level, parent_code,
      CASE
        WHEN code = ${parsed.code} THEN 0
        WHEN (kind_ok AND bare_key = ${parsed.restKey}) OR full_key = ${parsed.wholeKey} THEN 1
        WHEN (kind_ok AND bare_key LIKE ${parsed.restKey} || '%') OR full_key LIKE ${parsed.wholeKey} || '%' THEN 2
        WHEN (kind_ok AND spaced LIKE '% ' || ${parsed.restWords} || '%') OR spaced LIKE '% ' || ${parsed.wholeWords} || '%' THEN 3
        ELSE 4
      END::int AS rank
    FROM scored
    WHERE code = ${parsed.code}
      OR (kind_ok AND bare_key LIKE '%' || ${parsed.restKey} || '%')
      OR full_key LIKE '%' || ${parsed.wholeKey} || '%'
    ORDER BY rank, kind_ok DESC, level, length(name), code
    LIMIT ${limit}`;

  return rows.map((row) => ({
    code: row.code,
    name: row.name,
    level: row.level,
    parentCode: row.parent_code,
    match: MATCHES[row.rank] ?? "contains",
  }));
}

/** The kind of region a leading word in the query asks for. */
type RegionKind = "PROVINCE" | "KABUPATEN" | "KOTA" | "DISTRICT" | "VILLAGE";

interface ParsedRegionQuery {
  /** The dotted code when the query is one, else null. */
  code: string | null;
  kind: RegionKind | null;
  /** The whole query, abbreviations spelled out, as words and squeezed into one key. */
  wholeWords: string;
  wholeKey: string;
  /** The query after the leading type words. */
  restWords: string;
  restKey: string;
}

const KIND_WORDS: Record<string, RegionKind> = {
  provinsi: "PROVINCE",
  kabupaten: "KABUPATEN",
  kota: "KOTA",
  kecamatan: "DISTRICT",
  kelurahan: "VILLAGE",
  desa: "VILLAGE",
};

/**
 * Splits a typed name into comparable keys. Lower case, accents and apostrophes dropped
 * ("Regapu’u" = "regapuu"), other punctuation as spaces, then squeezed: the `*Key` forms ignore
 * spacing so "tanjungpinang" finds "Tanjung Pinang". Null when nothing searchable is left.
 */
function parseRegionQuery(query: string): ParsedRegionQuery | null {
  const words = regionNameWords(query);
  if (words.length === 0) return null;

  let kind: RegionKind | null = null;
  let rest = words;
  const leading = words[0] === undefined ? undefined : KIND_WORDS[words[0]];
  if (leading !== undefined) {
    const skip = (leading === "KABUPATEN" || leading === "KOTA") && words[1] === "administrasi" ? 2 : 1;
    // "kota" alone is a name (there are villages called Kota), not a filter.
    if (words.length > skip) {
      kind = leading;
      rest = words.slice(skip);
    }
  }
  return {
    code: normalizeRegionCode(query),
    kind,
    wholeWords: words.join(" "),
    wholeKey: words.join(""),
    restWords: rest.join(" "),
    restKey: rest.join(""),
  };
}

/** "bandung" → "%b%a%n%d%u%n%g%": LIKE-safe, since keys hold only a–z and 0–9. */
function lettersInOrder(key: string): string {
  return `%${key.split("").join("%")}%`;
}

function withinCodes(within: string | readonly string[]): string[] {
  return [within]
    .flat()
    .map((code) => normalizeRegionCode(code))
    .filter((code): code is string => code !== null);
}
