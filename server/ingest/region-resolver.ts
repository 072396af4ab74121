import "server-only";
import { detachedString } from "@/lib/detached-string.ts";
import { normalizeRegionCode, type RegionDto, type RegionLevel } from "@/lib/region-code.ts";
import { expandRegionWords, regionNameTokens } from "@/lib/region-name.ts";
import type { RegionInput, RegionMatchQuality, RegionResolver, ResolvedRegion } from "@/server/ingest/types.ts";

/**
 * Turns the region columns of a partner row into Kemendagri codes, in memory.
 *
 * Codes (Kemnaker, BPJS) are checked against the region table and against the code of the level
 * above; the deepest code that checks out fixes every level above it, and names are then only
 * needed below it. Names (AHU sends nothing else) are read the way people write them — case,
 * punctuation, spacing, accents, "KAB."/"KOTA ADM."/"KEC."/"DESA" and other type words, old
 * province names — and resolved top-down, each within the candidates of the level above. A name
 * that fits several regions (regency "BANDUNG" in Jawa Barat: Kabupaten and Kota Bandung) is
 * settled by the names below it (district "COBLONG" exists only in Kota Bandung); otherwise that
 * level stays empty and is reported as ambiguous. Small typos are tolerated within the parent only.
 *
 * Every row of million-row files passes here: lookups are memoized per (level, parent, name as
 * written), so a file costs one real lookup per distinct name.
 */

/** Level numbers, province first: array positions in everything below. */
type Level = 0 | 1 | 2 | 3;
const PROVINCE: Level = 0;
const REGENCY: Level = 1;
const DISTRICT: Level = 2;
const VILLAGE: Level = 3;
const LEVELS: readonly Level[] = [PROVINCE, REGENCY, DISTRICT, VILLAGE];
const LEVEL_OF: Readonly<Record<RegionLevel, Level>> = { PROVINCE, REGENCY, DISTRICT, VILLAGE };

/**
 * Issues name their column by the RegionInput field they are about (`regencyName`, `villageCode`):
 * the pipeline (server/ingest/sources/row-helpers.ts `regionReader`) maps that to the file's header
 * and shows the value as given.
 */
const CODE_FIELDS = ["provinceCode", "regencyCode", "districtCode", "villageCode"] as const;
const NAME_FIELDS = ["provinceName", "regencyName", "districtName", "villageName"] as const;
/** How a level is called in messages (Bahasa Indonesia). */
const LABELS = ["provinsi", "kabupaten/kota", "kecamatan", "desa/kelurahan"] as const;

const QUALITY_ORDER: readonly RegionMatchQuality[] = ["code", "exact", "alias", "fuzzy", "ambiguous", "unresolved"];
const Q_CODE = 0;
const Q_EXACT = 1;
const Q_ALIAS = 2;
const Q_FUZZY = 3;
const Q_AMBIGUOUS = 4;
const Q_UNRESOLVED = 5;

/** `kind`: regency 1 = kabupaten, 2 = kota; village 1 = kelurahan, 2 = desa; 0 = not said. */
const KIND_NONE = 0;
const KIND_KABUPATEN = 1;
const KIND_KOTA = 2;
const KIND_KELURAHAN = 1;
const KIND_DESA = 2;

/** Regency parts 71–99 are cities. */
const FIRST_CITY_PART = 71;
const SEGMENT_LENGTHS = [2, 2, 2, 4] as const;

/** Names listed in an "ambiguous" message before "dan N lainnya". */
const LISTED_CANDIDATES = 5;
/** Memo size (~200 bytes an entry): a file with more distinct names than this starts it afresh. */
const MAX_NAME_MEMO = 100_000;
/** Distinct region tuples kept by `resolve` (cleared when full). */
const MAX_RESOLVE_MEMO = 50_000;

/**
 * Old and everyday names of provinces, by code, as squeezed keys (see `keyOf`). Official names with
 * their "Daerah Khusus Ibukota"/"Daerah Istimewa" prefix stripped are recognised without a list.
 * After the 2022 Papua splits the old names ("Papua", "Papua Barat") are still names of current
 * provinces and resolve to them.
 */
const PROVINCE_ALIASES: Readonly<Record<string, readonly string[]>> = {
  "11": ["nad", "nanggroeacehdarussalam", "nangroeacehdarussalam", "acehdarussalam", "daerahistimewaaceh"],
  "12": ["sumut"],
  "13": ["sumbar"],
  "16": ["sumsel"],
  "19": ["babel", "bangkabelitung"],
  "21": ["kepri", "riaukepulauan"],
  "31": ["jakartaraya", "dkj", "daerahkhususjakarta"],
  "32": ["jabar"],
  "33": ["jateng"],
  "34": ["diy", "jogja", "jogjakarta", "yogya", "jogyakarta", "djogjakarta"],
  "35": ["jatim"],
  "61": ["kalbar"],
  "62": ["kalteng"],
  "63": ["kalsel"],
  "64": ["kaltim"],
  "65": ["kaltara"],
  "71": ["sulut"],
  "72": ["sulteng"],
  "73": ["sulsel"],
  "74": ["sultra"],
  "76": ["sulbar"],
  "82": ["malut"],
  "91": ["irianjaya", "irianjayatimur"],
  "92": ["irianjayabarat"],
};

/** Regencies renamed or usually written otherwise, by code (squeezed keys, without type word). */
const REGENCY_ALIASES: Readonly<Record<string, readonly string[]>> = {
  "12.12": ["tobasamosir"],
  "13.07": ["50kota", "limapuluhkoto"],
  "71.09": ["sitaro", "siautagulandangbiaro"],
  "76.01": ["mamujuutara"],
};

/** Leading word sequences that only say "this is a province" (stripped to find the bare name). */
const PROVINCE_PREFIXES: readonly (readonly string[])[] = [
  ["daerah", "khusus", "ibukota"],
  ["daerah", "khusus"],
  ["daerah", "istimewa"],
  ["di"],
];
const REGENCY_TYPE_WORDS: Readonly<Record<string, number>> = {
  kabupaten: KIND_KABUPATEN,
  kota: KIND_KOTA,
  administrasi: KIND_NONE,
};
const VILLAGE_TYPE_WORDS: Readonly<Record<string, number>> = { kelurahan: KIND_KELURAHAN, desa: KIND_DESA };

/** Roman numerals after the first word read as digits: "Sukamaju II" = "SUKAMAJU 2". */
const ROMAN: Readonly<Record<string, string>> = {
  i: "1", ii: "2", iii: "3", iv: "4", v: "5", vi: "6", vii: "7", viii: "8", ix: "9", x: "10",
};

class RegionNode {
  parent: RegionNode | null = null;
  /** Null for villages (no children) until one is added. */
  children: RegionNode[] | null = null;

  /**
   * The official name squeezed: "Kota Administrasi Jakarta Selatan" → "kotaadministrasijakartaselatan".
   * Set with the name index (`InMemoryRegionResolver.nameIndex`), before any name is looked up.
   */
  fullKey = "";
  /** Without type words: "jakartaselatan"; for districts and villages the same string as fullKey. */
  bareKey = "";

  constructor(
    readonly code: string,
    readonly name: string,
    readonly level: Level,
    readonly kind: number,
  ) {}

  /** This region alone as an exact / alias match, made once and shared by every memo entry. */
  private exactMatch: Lookup | null = null;
  private aliasMatch: Lookup | null = null;

  matchedAs(quality: number): Lookup {
    if (quality === Q_EXACT) return (this.exactMatch ??= { nodes: [this], quality });
    if (quality === Q_ALIAS) return (this.aliasMatch ??= { nodes: [this], quality });
    return { nodes: [this], quality };
  }

  /** The undotted spelling ("3273") when it finds this region (`byPlainCode`, not shadowed by a code). */
  plainCode: string | null = null;

  /** The codes of this region and the regions above it, made once. */
  private codes: RegionCodes | null = null;

  get levelCodes(): RegionCodes {
    return (this.codes ??= Object.freeze({
      provinceCode: this.ancestorAt(PROVINCE)?.code ?? null,
      regencyCode: this.ancestorAt(REGENCY)?.code ?? null,
      districtCode: this.ancestorAt(DISTRICT)?.code ?? null,
      villageCode: this.ancestorAt(VILLAGE)?.code ?? null,
    }));
  }

  ancestorAt(level: Level): RegionNode | null {
    if (this.level === level) return this;
    let node = this.parent;
    while (node !== null && node.level > level) node = node.parent;
    return node !== null && node.level === level ? node : null;
  }

  get label(): string {
    return `${this.name} (${this.code})`;
  }
}

/** A name as written, read for one level. */
interface ParsedName {
  /** Keys that equal an official name exactly (type-word labels of districts/villages dropped). */
  exactKeys: string[];
  /** Keys after stripping type words, each with the kind those words said. */
  bareKeys: { key: string; kind: number }[];
  kind: number;
  /** Compared with the bare and full official keys when nothing matched as written. */
  fuzzyBare: string;
  fuzzyFull: string;
}

type RegionCodes = Readonly<Pick<ResolvedRegion, "provinceCode" | "regencyCode" | "districtCode" | "villageCode">>;

interface Lookup {
  nodes: readonly RegionNode[];
  /** Null when nothing matched. */
  quality: number | null;
}

const NO_MATCH: Lookup = Object.freeze({ nodes: Object.freeze([]) as readonly RegionNode[], quality: null });
const EMPTY: readonly RegionNode[] = Object.freeze([]) as readonly RegionNode[];

/** Builds a resolver from a region list (the whole table, or a few regions in tests). */
export function createRegionResolver(regions: readonly RegionDto[]): RegionResolver {
  const resolver = new InMemoryRegionResolver(regions);
  rowsOfResolver.set(resolver, regions);
  return resolver;
}

const rowsOfResolver = new WeakMap<RegionResolver, readonly RegionDto[]>();

/** The regions a resolver was built from (to build the same one in a worker thread); null for other resolvers. */
/** The resolver of a source without region columns (`usesRegions: false`): never asked. */
export const NO_REGIONS: RegionResolver = {
  resolve() {
    throw new Error("Sumber ini tidak menyatakan usesRegions, tetapi membaca kolom wilayah.");
  },
};

export function regionRowsOf(resolver: RegionResolver): readonly RegionDto[] | null {
  return rowsOfResolver.get(resolver) ?? null;
}

class InMemoryRegionResolver implements RegionResolver {
  /** Dotted code → region. */
  private readonly byCode = new Map<string, RegionNode>();
  /** Undotted code ("3273011001") → region, for every code `dotted` spells back: `byCode.get(dotted(raw))` without building the string. */
  private readonly byPlainCode = new Map<string, RegionNode>();
  /** `byCode.get(raw) ?? byPlainCode.get(raw)` in one lookup: both spellings, a code winning over an undotted spelling. */
  private readonly byUsualCode = new Map<string, RegionNode>();
  /** Every region, in table order. */
  private readonly nodes: RegionNode[] = [];
  /** Per level: squeezed key (full, bare or alias) → regions carrying it. Built on the first name lookup. */
  private byKey: Map<string, RegionNode[]>[] | null = null;
  private readonly provinces: RegionNode[] = [];
  /** (level, scope) → name as written → lookup. Nested so the key is the cell's own string. */
  private readonly nameMemo = new Map<string, Map<string, Lookup>>();
  private nameMemoSize = 0;

  constructor(regions: readonly RegionDto[]) {
    for (const region of regions) {
      const level = LEVEL_OF[region.level];
      const node = new RegionNode(region.code, region.name, level, kindOfCode(region.code, level));
      this.nodes.push(node);
      this.byCode.set(node.code, node);
      const plain = node.code.replaceAll(".", "");
      if (dotted(plain) === node.code) this.byPlainCode.set(plain, node);
      if (level === PROVINCE) this.provinces.push(node);
    }
    for (const [plain, node] of this.byPlainCode) this.byUsualCode.set(plain, node);
    for (const [code, node] of this.byCode) this.byUsualCode.set(code, node);
    for (const [plain, node] of this.byPlainCode) if (this.byUsualCode.get(plain) === node) node.plainCode = plain;
    for (const region of regions) {
      if (region.parentCode === null) continue;
      const node = this.byCode.get(region.code)!;
      const parent = this.byCode.get(region.parentCode);
      if (parent === undefined) continue;
      node.parent = parent;
      (parent.children ??= []).push(node);
    }
  }

  /**
   * The name keys of every region, indexed per level. Built on the first name lookup, not up
   * front: files with codes (Kemnaker, BPJS) rarely need names, and an import can start sending
   * rows ~0.5 s sooner.
   */
  private nameIndex(): Map<string, RegionNode[]>[] {
    if (this.byKey !== null) return this.byKey;
    const byKey: Map<string, RegionNode[]>[] = [new Map(), new Map(), new Map(), new Map()];
    for (const node of this.nodes) {
      const level = node.level;
      const words = nameWords(node.name);
      const fullKey = keyOf(words);
      // Official regency names carry their type in front only ("Kabupaten Lima Puluh Kota").
      const bareKey = level === PROVINCE ? keyOf(stripProvincePrefix(words)) : level === REGENCY ? keyOf(stripRegencyType(words, false).words) : fullKey;
      node.fullKey = fullKey;
      node.bareKey = bareKey === fullKey ? fullKey : bareKey;
      const keys = new Set([fullKey, bareKey, ...aliasKeysOf(node, level)]);
      keys.delete("");
      const index = byKey[level]!;
      for (const key of keys) {
        const list = index.get(key);
        if (list === undefined) index.set(key, [node]);
        else list.push(node);
      }
    }
    return (this.byKey = byKey);
  }

  /**
   * Whole region tuples → their resolution: most rows of a file repeat the
   * villages of earlier ones. The result depends on nothing but the eight cells.
   */
  private readonly resolveMemo = new Map<string, ResolvedRegion>();

  resolve(input: RegionInput): ResolvedRegion {
    const coded = this.codesAlone(input);
    if (coded !== null) {
      const codes = coded.levelCodes;
      return {
        provinceCode: codes.provinceCode,
        regencyCode: codes.regencyCode,
        districtCode: codes.districtCode,
        villageCode: codes.villageCode,
        quality: "code",
        issues: [],
      };
    }
    const key =
      `${input.provinceCode ?? ""}\u001f${input.provinceName ?? ""}\u001f${input.regencyCode ?? ""}\u001f${input.regencyName ?? ""}` +
      `\u001f${input.districtCode ?? ""}\u001f${input.districtName ?? ""}\u001f${input.villageCode ?? ""}\u001f${input.villageName ?? ""}`;
    let known = this.resolveMemo.get(key);
    if (known === undefined) {
      const resolved = this.resolveUncached(input);
      // Kept in the memo: neither key nor issue text may pin the file chunk the cells were cut from.
      const issues = resolved.issues.map((issue) => ({ column: issue.column, reason: detachedString(issue.reason) }));
      known = { ...resolved, issues };
      if (this.resolveMemo.size >= MAX_RESOLVE_MEMO) this.resolveMemo.clear();
      this.resolveMemo.set(detachedString(key), known);
    }
    // A fresh result every time: callers may keep or change it.
    return {
      provinceCode: known.provinceCode,
      regencyCode: known.regencyCode,
      districtCode: known.districtCode,
      villageCode: known.villageCode,
      quality: known.quality,
      issues: known.issues.length === 0 ? [] : known.issues.map((issue) => ({ column: issue.column, reason: issue.reason })),
    };
  }

  /**
   * The usual Kemnaker/BPJS row, answered without building a memo key: every code given is
   * spelled the usual way ("32.73" or "3273"), is of its column's level and lies inside the code
   * above it, and no name is given below the deepest code. `resolveUncached` then concludes
   * `result(deepest, "code", [])` (names above a code are not read); anything else (null here)
   * takes the general path. One map lookup, for the deepest code: each code above it must name
   * that region's ancestor (93,000-entry maps cost a few cache misses a lookup).
   */
  private codesAlone(input: RegionInput): RegionNode | null {
    // Named reads (not input[field]): this runs per row and must stay monomorphic.
    const { provinceCode, regencyCode, districtCode, villageCode } = input;
    let level: Level;
    let raw: string;
    if (isGiven(villageCode)) [level, raw] = [VILLAGE, villageCode];
    else if (isGiven(districtCode)) [level, raw] = [DISTRICT, districtCode];
    else if (isGiven(regencyCode)) [level, raw] = [REGENCY, regencyCode];
    else if (isGiven(provinceCode)) [level, raw] = [PROVINCE, provinceCode];
    else return null;
    const node = this.byUsualCode.get(raw);
    if (node === undefined || node.level !== level) return null;
    if (level > PROVINCE && isGiven(provinceCode) && !this.codeNames(provinceCode, node.ancestorAt(PROVINCE))) return null;
    if (level > REGENCY && isGiven(regencyCode) && !this.codeNames(regencyCode, node.ancestorAt(REGENCY))) return null;
    if (level > DISTRICT && isGiven(districtCode) && !this.codeNames(districtCode, node.ancestorAt(DISTRICT))) return null;
    // Names below the deepest code would need reading.
    if (level < REGENCY && isGiven(input.regencyName)) return null;
    if (level < DISTRICT && isGiven(input.districtName)) return null;
    if (level < VILLAGE && isGiven(input.villageName)) return null;
    return node;
  }

  /** True when the code cell `raw` names `region`, as `codeNode` would find it. */
  private codeNames(raw: string, region: RegionNode | null): boolean {
    if (region === null) return false;
    return raw === region.code || raw === region.plainCode;
  }

  private resolveUncached(input: RegionInput): ResolvedRegion {
    const codes = [cell(input.provinceCode), cell(input.regencyCode), cell(input.districtCode), cell(input.villageCode)];
    const names = [cell(input.provinceName), cell(input.regencyName), cell(input.districtName), cell(input.villageName)];
    const issues: ResolvedRegion["issues"] = [];

    // Codes first, top-down: each must exist, be of its column's level and lie inside the last
    // accepted code above it. The deepest accepted code fixes every level above it.
    let anchor: RegionNode | null = null;
    let given = 0;
    for (const level of LEVELS) {
      const code = codes[level]!;
      if (code !== "" || names[level] !== "") given |= 1 << level;
      if (code === "") continue;
      const node = this.codeNode(code, level, anchor, issues);
      if (node !== null) anchor = node;
    }
    if (given === 0) return result(null, "unresolved", issues);

    const fixedLevel = anchor === null ? -1 : anchor.level;
    let namesNeeded = false;
    for (let level = fixedLevel + 1; level <= VILLAGE; level++) if (given & (1 << level)) namesNeeded = true;
    if (!namesNeeded) return result(anchor, "code", issues);

    return this.resolveNames(anchor, fixedLevel, given, names, issues);
  }

  /** The levels below the deepest accepted code (or all of them), from their names. */
  private resolveNames(
    anchor: RegionNode | null,
    fixedLevel: number,
    given: number,
    names: readonly string[],
    issues: ResolvedRegion["issues"],
  ): ResolvedRegion {
    // Candidates per level (null: level not given, or fixed by a code above `fixedLevel`), the
    // quality of each given level, and the scope its name was looked up in (for messages).
    const candidates: (readonly RegionNode[] | null)[] = [null, null, null, null];
    const quality = [-1, -1, -1, -1];
    const scopes: (readonly RegionNode[] | null)[] = [null, null, null, null];
    const notes: (string | null)[] = [null, null, null, null];
    if (anchor !== null) candidates[anchor.level] = [anchor];
    for (let level = 0; level <= fixedLevel; level++) if (given & (1 << level)) quality[level] = Q_CODE;

    for (let at = fixedLevel + 1; at <= VILLAGE; at++) {
      const level = at as Level;
      if (!(given & (1 << level))) continue;
      const name = names[level]!;
      if (name === "") {
        // Only a code, and it was refused (already reported).
        candidates[level] = EMPTY;
        quality[level] = Q_UNRESOLVED;
        continue;
      }
      let scopeLevel = level - 1;
      while (scopeLevel >= 0 && !candidates[scopeLevel]?.length) scopeLevel--;
      const scope = scopeLevel >= 0 ? candidates[scopeLevel]! : null;
      const direct = level === PROVINCE || scopeLevel === level - 1;
      scopes[level] = scope;
      const found = this.lookup(level, name, scope, scopeLevel, direct);
      if (found.quality !== null) {
        candidates[level] = found.nodes;
        // Without its direct parent a name is only as sure as an alias, however well it matched.
        quality[level] = direct ? found.quality : Math.max(found.quality, Q_ALIAS);
        continue;
      }
      // Not in its parent: regions get split and districts move (the Papua provinces of 2022,
      // new regencies and districts), so look one level wider and accept a single exact match.
      if (direct && level > PROVINCE && scope !== null && scopeLevel > fixedLevel) {
        const wider = scopeLevel === PROVINCE ? null : uniqueParents(scope);
        const moved = this.lookup(level, name, wider, scopeLevel - 1, false);
        const node = moved.nodes[0];
        if (moved.nodes.length === 1 && node !== undefined && moved.quality !== null && moved.quality <= Q_ALIAS) {
          candidates[level] = moved.nodes;
          quality[level] = Q_FUZZY;
          notes[level] =
            `Nama ${LABELS[level]} "${name}" tidak ditemukan di ${describeScope(scope)}; dipakai ${node.label} ` +
            `di ${node.parent?.name ?? "wilayah lain"}`;
          continue;
        }
      }
      candidates[level] = EMPTY;
      quality[level] = Q_UNRESOLVED;
    }

    // Bottom-up: a level with several candidates keeps those under which the names below exist.
    let below: readonly RegionNode[] | null = null;
    let belowLevel = VILLAGE;
    for (let at = VILLAGE; at >= PROVINCE; at--) {
      const level = at as Level;
      const own = candidates[level];
      if (!own?.length) continue;
      if (below !== null) {
        const ancestors = uniqueAncestors(below, level);
        const kept = own.filter((node) => ancestors.includes(node));
        if (kept.length > 0) {
          candidates[level] = kept;
        } else {
          // Only after a wider lookup below: the name below wins, this level follows it.
          candidates[level] = ancestors;
          quality[level] = Math.max(quality[level]!, Q_FUZZY);
          if (ancestors.length === 1) {
            notes[level] = `Nama ${LABELS[level]} "${names[level]}" diganti ${ancestors[0]!.label} mengikuti ${LABELS[belowLevel]}`;
          }
        }
      }
      below = candidates[level]!;
      belowLevel = level;
    }

    // The deepest level with candidates decides every level above it where they agree.
    const final: (RegionNode | null)[] = [null, null, null, null];
    if (below !== null) {
      let deepest: readonly RegionNode[] = below;
      for (let level = VILLAGE; level >= PROVINCE; level--) {
        const own = candidates[level];
        if (own?.length) {
          deepest = own;
          break;
        }
      }
      const deepestLevel = deepest[0]!.level;
      for (let level = PROVINCE; level <= deepestLevel; level++) final[level] = commonAncestor(deepest, level as Level);
    }

    let weakest = Q_CODE;
    for (const level of LEVELS) {
      if (!(given & (1 << level))) continue;
      let q = quality[level]!;
      const name = names[level]!;
      const column = name === "" ? CODE_FIELDS[level] : NAME_FIELDS[level];
      if (level > fixedLevel) {
        const own = candidates[level]!;
        const chosen = final[level] ?? null;
        if (own.length === 0) {
          if (chosen !== null) {
            q = Q_FUZZY;
            if (name !== "") {
              issues.push({
                column,
                reason: `Nama ${LABELS[level]} "${name}" tidak dikenali; dipakai ${chosen.label} sesuai wilayah di bawahnya`,
              });
            }
          } else if (name !== "") {
            issues.push({ column, reason: `Nama ${LABELS[level]} "${name}" tidak ditemukan ${inScope(scopes[level]!)}` });
          }
        } else if (chosen === null) {
          q = Q_AMBIGUOUS;
          issues.push({ column, reason: ambiguousMessage(level as Level, name, own, final[level - 1] ?? null, scopes[level]!) });
        } else if (notes[level] != null) {
          issues.push({ column, reason: notes[level]! });
        } else if (q === Q_FUZZY && own.length === 1) {
          issues.push({ column, reason: `Nama ${LABELS[level]} "${name}" tidak persis sama; dianggap ${chosen.label}` });
        }
      }
      if (q > weakest) weakest = q;
    }

    return {
      provinceCode: final[PROVINCE]?.code ?? null,
      regencyCode: final[REGENCY]?.code ?? null,
      districtCode: final[DISTRICT]?.code ?? null,
      villageCode: final[VILLAGE]?.code ?? null,
      quality: QUALITY_ORDER[weakest]!,
      issues,
    };
  }

  /** The region a code cell names, or null (with an issue) when it is refused. */
  private codeNode(raw: string, level: Level, anchor: RegionNode | null, issues: ResolvedRegion["issues"]): RegionNode | null {
    // The two usual spellings ("32.73", "3273") without parsing; anything else through normalizeRegionCode.
    let hit: RegionNode | string | null | undefined = this.byCode.get(raw) ?? this.byPlainCode.get(raw);
    if (hit === undefined) {
      // Not written the usual way, or not in the table: the normalized code, or null when malformed.
      const normalized = normalizeRegionCode(raw);
      hit = normalized === null ? null : (this.byCode.get(normalized) ?? normalized);
    }
    const column = CODE_FIELDS[level];
    const label = LABELS[level];
    if (typeof hit === "object" && hit !== null && hit.level === level) {
      if (anchor === null || hit.ancestorAt(anchor.level) === anchor) return hit;
      issues.push({ column, reason: `Kode ${label} ${hit.label} tidak berada di ${anchor.label}` });
      return null;
    }
    // Some files give only the level's own part ("73" for Kota Bandung under province "32").
    const partial = this.partialCode(raw, level, anchor);
    if (partial !== null) return partial;
    if (hit === null) {
      issues.push({ column, reason: `Kode ${label} "${raw}" bukan kode wilayah Kemendagri yang sah` });
    } else if (typeof hit === "string") {
      issues.push({ column, reason: `Kode ${label} ${hit} tidak ada dalam data wilayah Kemendagri` });
    } else {
      issues.push({ column, reason: `Kode ${hit.code} di kolom ${label} adalah kode ${LABELS[hit.level]} (${hit.name})` });
    }
    return null;
  }

  private partialCode(raw: string, level: Level, anchor: RegionNode | null): RegionNode | null {
    if (anchor === null || anchor.level !== level - 1 || raw.length !== SEGMENT_LENGTHS[level] || !/^\d+$/.test(raw)) return null;
    return this.byCode.get(`${anchor.code}.${raw}`) ?? null;
  }

  /**
   * Regions of `level` called `raw`, within `scope` (regions of `scopeLevel`; null = nationwide).
   * `direct`: the scope is the level right above (or the level is the province), so typos are
   * tolerated. Best tier wins: exact name, then alias (type words stripped, known other names),
   * then fuzzy.
   */
  private lookup(level: Level, raw: string, scope: readonly RegionNode[] | null, scopeLevel: number, direct: boolean): Lookup {
    const scopeId = scope === null ? "*" : scope.length === 1 ? scope[0]!.code : scope.map((node) => node.code).join(",");
    const memoKey = `${level}${direct ? "d" : "w"}${scopeId}`;
    let memo = this.nameMemo.get(memoKey);
    const known = memo?.get(raw);
    if (known !== undefined) return known;
    // Kept in the memo (and maybe quoted in an issue): must not pin the file chunk it came from.
    raw = detachedString(raw);

    const found = this.lookupUncached(level, parseName(raw, level), scope, scopeLevel, direct);
    if (this.nameMemoSize >= MAX_NAME_MEMO) {
      this.nameMemo.clear();
      this.nameMemoSize = 0;
      memo = undefined;
    }
    if (memo === undefined) this.nameMemo.set(memoKey, (memo = new Map()));
    memo.set(raw, found);
    this.nameMemoSize++;
    return found;
  }

  private lookupUncached(level: Level, parsed: ParsedName, scope: readonly RegionNode[] | null, scopeLevel: number, direct: boolean): Lookup {
    const index = this.nameIndex()[level]!;
    const within = (node: RegionNode): boolean => {
      if (scope === null) return true;
      const ancestor = node.ancestorAt(scopeLevel as Level);
      return ancestor !== null && scope.includes(ancestor);
    };
    const exact: RegionNode[] = [];
    const alias: RegionNode[] = [];
    const otherKind: RegionNode[] = [];
    for (const key of parsed.exactKeys) {
      for (const node of index.get(key) ?? EMPTY) {
        if (!within(node)) continue;
        addOnce(node.fullKey === key ? exact : alias, node);
      }
    }
    for (const { key, kind } of parsed.bareKeys) {
      for (const node of index.get(key) ?? EMPTY) {
        if (!within(node)) continue;
        // "KOTA X" where only Kabupaten X exists: a guess, not an alias.
        const clash = level === REGENCY && kind !== KIND_NONE && node.kind !== kind;
        addOnce(clash ? otherKind : alias, node);
      }
    }
    if (exact.length > 0) return matchOf(preferKind(exact, parsed.kind), Q_EXACT);
    if (alias.length > 0) return matchOf(preferKind(alias, parsed.kind), Q_ALIAS);
    if (otherKind.length > 0) return { nodes: otherKind, quality: Q_FUZZY };
    if (!direct) return NO_MATCH;

    // Typos, among the children of the scope only (all provinces for a province).
    const pool = level === PROVINCE ? this.provinces : scope === null ? EMPTY : scope.flatMap((node) => node.children ?? EMPTY);
    let best = Infinity;
    let nearest: RegionNode[] = [];
    for (const node of pool) {
      const allowed = typoAllowance(node.bareKey.length);
      if (allowed === 0) continue;
      const distance = Math.min(
        editDistance(parsed.fuzzyBare, node.bareKey, allowed),
        editDistance(parsed.fuzzyFull, node.fullKey, allowed),
      );
      if (distance > allowed || distance > best) continue;
      if (distance < best) {
        best = distance;
        nearest = [];
      }
      nearest.push(node);
    }
    if (nearest.length === 0) return NO_MATCH;
    return { nodes: preferKind(nearest, parsed.kind), quality: Q_FUZZY };
  }
}

// ---------------------------------------------------------------------------------------------
// Names

/** Words of a name: abbreviations spelled out, runs of initials joined ("D.I." → "di"), roman numerals as digits. */
function nameWords(text: string): string[] {
  const tokens = regionNameTokens(text);
  const joined: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.length === 1 && tokens[i + 1]?.length === 1 && /[a-z]/.test(token)) {
      let run = token;
      while (tokens[i + 1]?.length === 1 && /[a-z]/.test(tokens[i + 1]!)) run += tokens[++i];
      joined.push(run);
    } else {
      joined.push(token);
    }
  }
  return expandRegionWords(joined).map((word, i) => (i > 0 ? (ROMAN[word] ?? word) : word));
}

function keyOf(words: readonly string[]): string {
  return words.join("");
}

function startsWith(words: readonly string[], prefix: readonly string[]): boolean {
  return words.length > prefix.length && prefix.every((word, i) => words[i] === word);
}

/** Without the leading "provinsi" label(s): "PROVINSI PROV. X" happens. */
function withoutProvinceLabel(words: readonly string[]): readonly string[] {
  let start = 0;
  while (start < words.length - 1 && words[start] === "provinsi") start++;
  return start === 0 ? words : words.slice(start);
}

function stripProvincePrefix(words: readonly string[]): readonly string[] {
  let rest = withoutProvinceLabel(words);
  const prefix = PROVINCE_PREFIXES.find((candidate) => startsWith(rest, candidate));
  if (prefix !== undefined) rest = rest.slice(prefix.length);
  return rest;
}

/**
 * "KOTA ADM. JAKARTA SELATAN" → jakarta selatan, kota; with `trailing`, "BANDUNG (KAB)" → bandung,
 * kabupaten. `leading` keeps the words after the leading type words only ("KAB. 50 KOTA" → 50 kota).
 */
function stripRegencyType(
  words: readonly string[],
  trailing = true,
): { words: readonly string[]; kind: number; leading: readonly string[]; leadingKind: number } {
  let start = 0;
  let kind = KIND_NONE;
  while (start < words.length - 1 && REGENCY_TYPE_WORDS[words[start]!] !== undefined) {
    kind ||= REGENCY_TYPE_WORDS[words[start]!]!;
    start++;
  }
  const leading = start === 0 ? words : words.slice(start);
  const leadingKind = kind;
  const last = words[words.length - 1];
  if (trailing && words.length - start > 1 && last !== undefined && (last === "kabupaten" || last === "kota")) {
    return { words: words.slice(start, words.length - 1), kind: kind || REGENCY_TYPE_WORDS[last]!, leading, leadingKind };
  }
  return { words: leading, kind, leading, leadingKind };
}

function parseName(raw: string, level: Level): ParsedName {
  const words = nameWords(raw);
  const all = keyOf(words);
  switch (level) {
    case PROVINCE: {
      const withoutLabel = withoutProvinceLabel(words);
      const bare = keyOf(stripProvincePrefix(words));
      return {
        exactKeys: unique([all, keyOf(withoutLabel)]),
        bareKeys: [{ key: bare, kind: KIND_NONE }],
        kind: KIND_NONE,
        fuzzyBare: bare,
        fuzzyFull: keyOf(withoutLabel),
      };
    }
    case REGENCY: {
      const stripped = stripRegencyType(words);
      const bare = keyOf(stripped.words);
      const bareKeys = [{ key: bare, kind: stripped.kind }];
      // Also without the trailing word ("KAB. 50 KOTA") and as a whole: "KOTABARU" and
      // "LIMA PULUH KOTA" are Kabupaten names.
      if (stripped.leading !== stripped.words) bareKeys.push({ key: keyOf(stripped.leading), kind: stripped.leadingKind });
      bareKeys.push({ key: all, kind: KIND_NONE });
      return {
        exactKeys: [all],
        bareKeys,
        kind: stripped.kind,
        fuzzyBare: bare,
        fuzzyFull: all,
      };
    }
    default: {
      const typeWords = level === VILLAGE ? VILLAGE_TYPE_WORDS : { kecamatan: KIND_NONE };
      const first = words[0];
      const labelled = first !== undefined && words.length > 1 && typeWords[first] !== undefined;
      const bare = labelled ? keyOf(words.slice(1)) : all;
      // Both readings: a few villages are called "Desa …" and districts "Kota …".
      return {
        exactKeys: unique([bare, all]),
        bareKeys: [],
        kind: labelled ? typeWords[first]! : KIND_NONE,
        fuzzyBare: bare,
        fuzzyFull: bare,
      };
    }
  }
}

function kindOfCode(code: string, level: Level): number {
  if (level === REGENCY) return Number(code.slice(3, 5)) >= FIRST_CITY_PART ? KIND_KOTA : KIND_KABUPATEN;
  if (level === VILLAGE) return code.charAt(9) === "1" ? KIND_KELURAHAN : KIND_DESA;
  return KIND_NONE;
}

/** Other keys a region is found under: known aliases, and for "A (B)" or "A/B" names each part. */
function aliasKeysOf(region: Pick<RegionDto, "code" | "name">, level: Level): string[] {
  if (level === PROVINCE) return [...(PROVINCE_ALIASES[region.code] ?? [])];
  if (level === REGENCY) return [...(REGENCY_ALIASES[region.code] ?? [])];
  const keys: string[] = [];
  if (region.name.includes("(")) {
    keys.push(keyOf(nameWords(region.name.replace(/\(.*?\)/g, " "))));
    for (const [, inner] of region.name.matchAll(/\((.*?)\)/g)) keys.push(keyOf(nameWords(inner ?? "")));
  }
  if (region.name.includes("/")) for (const part of region.name.split("/")) keys.push(keyOf(nameWords(part)));
  return keys.filter((key) => key.length >= 4);
}

/** Edits tolerated in a name of this many letters: 1 from 5, 2 from 10, none below 5. */
function typoAllowance(length: number): number {
  return length >= 10 ? 2 : length >= 5 ? 1 : 0;
}

let previousRow = new Int32Array(64);
let currentRow = new Int32Array(64);
let beforeRow = new Int32Array(64);

/**
 * Optimal-string-alignment distance (Levenshtein plus swapped neighbours, so "BANDNUG" is one
 * typo), or `max + 1` as soon as it is known to exceed `max`.
 */
function editDistance(a: string, b: string, max: number): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (b.length + 1 > previousRow.length) {
    previousRow = new Int32Array(b.length * 2 + 1);
    currentRow = new Int32Array(b.length * 2 + 1);
    beforeRow = new Int32Array(b.length * 2 + 1);
  }
  for (let j = 0; j <= b.length; j++) previousRow[j] = j;
  for (let i = 1; i <= a.length; i++) {
    currentRow[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cb = b.charCodeAt(j - 1);
      let value = Math.min(previousRow[j]! + 1, currentRow[j - 1]! + 1, previousRow[j - 1]! + (ca === cb ? 0 : 1));
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) value = Math.min(value, beforeRow[j - 2]! + 1);
      currentRow[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    const spare = beforeRow;
    beforeRow = previousRow;
    previousRow = currentRow;
    currentRow = spare;
  }
  return previousRow[b.length]!;
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** "3273011001" → "32.73.01.1001" for all-digit codes of 4, 6 or 10 digits; anything else as given. */
function dotted(raw: string): string {
  const length = raw.length;
  if (length !== 4 && length !== 6 && length !== 10) return raw;
  for (let i = 0; i < length; i++) {
    const c = raw.charCodeAt(i);
    if (c < 48 || c > 57) return raw;
  }
  const district = length >= 6 ? `.${raw.slice(4, 6)}` : "";
  const village = length === 10 ? `.${raw.slice(6)}` : "";
  return `${raw.slice(0, 2)}.${raw.slice(2, 4)}${district}${village}`;
}

/** A cell as given, trimmed; "" when it holds no letter or digit ("-", "."). */
function cell(value: string | undefined): string {
  if (value === undefined) return "";
  const text = value.trim();
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c > 127) return text;
  }
  return "";
}

function isGiven(cell: string | undefined): cell is string {
  return cell !== undefined && cell !== "";
}

function unique<T>(values: T[]): T[] {
  return values.length < 2 || values[0] !== values[1] ? [...new Set(values)] : [values[0]!];
}

function matchOf(nodes: RegionNode[], quality: number): Lookup {
  return nodes.length === 1 ? nodes[0]!.matchedAs(quality) : { nodes, quality };
}

function addOnce(list: RegionNode[], node: RegionNode): void {
  if (!list.includes(node)) list.push(node);
}

/** Among equally good matches, those of the kind the name said (KOTA/KAB, KELURAHAN/DESA). */
function preferKind(nodes: RegionNode[], kind: number): RegionNode[] {
  if (kind === KIND_NONE || nodes.length < 2) return nodes;
  const same = nodes.filter((node) => node.kind === kind);
  return same.length > 0 ? same : nodes;
}

function uniqueParents(nodes: readonly RegionNode[]): RegionNode[] {
  const parents: RegionNode[] = [];
  for (const node of nodes) if (node.parent !== null) addOnce(parents, node.parent);
  return parents;
}

function uniqueAncestors(nodes: readonly RegionNode[], level: Level): RegionNode[] {
  const ancestors: RegionNode[] = [];
  for (const node of nodes) {
    const ancestor = node.ancestorAt(level);
    if (ancestor !== null) addOnce(ancestors, ancestor);
  }
  return ancestors;
}

function commonAncestor(nodes: readonly RegionNode[], level: Level): RegionNode | null {
  const first = nodes[0]?.ancestorAt(level) ?? null;
  for (let i = 1; i < nodes.length && first !== null; i++) if (nodes[i]!.ancestorAt(level) !== first) return null;
  return first;
}

function describeScope(scope: readonly RegionNode[]): string {
  return scope.map((node) => node.name).join(" atau ");
}

function inScope(scope: readonly RegionNode[] | null): string {
  return scope === null ? "dalam data wilayah Kemendagri" : `di ${describeScope(scope)}`;
}

function ambiguousMessage(
  level: Level,
  name: string,
  nodes: readonly RegionNode[],
  parent: RegionNode | null,
  scope: readonly RegionNode[] | null,
): string {
  const where = parent !== null ? ` di ${parent.name}` : scope !== null ? ` di ${describeScope(scope)}` : "";
  const listed = [...nodes].sort((a, b) => (a.name === b.name ? a.code.localeCompare(b.code) : a.name.localeCompare(b.name)));
  const shown = listed.slice(0, LISTED_CANDIDATES).map((node) => node.label).join(", ");
  const more = listed.length > LISTED_CANDIDATES ? `, dan ${listed.length - LISTED_CANDIDATES} lainnya` : "";
  return `Nama ${LABELS[level]} "${name}" cocok dengan beberapa wilayah${where}: ${shown}${more}`;
}

function result(node: RegionNode | null, quality: RegionMatchQuality, issues: ResolvedRegion["issues"]): ResolvedRegion {
  return {
    provinceCode: node?.ancestorAt(PROVINCE)?.code ?? null,
    regencyCode: node?.ancestorAt(REGENCY)?.code ?? null,
    districtCode: node?.ancestorAt(DISTRICT)?.code ?? null,
    villageCode: node?.ancestorAt(VILLAGE)?.code ?? null,
    quality,
    issues,
  };
}
