import "server-only";
import { isRegionScoped, type Role } from "@/lib/permissions.ts";
import { ancestorCodesOf, normalizeRegionCode, REGION_LEVELS, regionLevelOf, type RegionLevel } from "@/lib/region-code.ts";

/**
 * Which regions' data a user may see. ADMIN sees everything; OFFICER and SUPERVISOR see only
 * their assigned province or regency/city codes (and everything below them); AUDITOR reads
 * no business data at all.
 */
export type RegionScope = { kind: "all" } | { kind: "regions"; codes: readonly string[] } | { kind: "none" };

export function regionScopeFor(role: Role, regionCodes: readonly string[]): RegionScope {
  if (role === "ADMIN") return { kind: "all" };
  if (isRegionScoped(role)) return regionCodes.length ? { kind: "regions", codes: regionCodes } : { kind: "none" };
  return { kind: "none" };
}

/** Scope codes of one region level. */
export interface ScopeLevel {
  level: RegionLevel;
  codes: string[];
}

/**
 * THE region-scope rule, from which every form below is generated: a record is in scope iff, for
 * one of the scope codes, the record's code at that code's level is that code — i.e. the scope
 * code is an ancestor-or-self of the record's region. Hence the codes grouped by level, province
 * first; null for "all"; empty (nothing is in scope) for "none" or codes that are all malformed.
 * Undotted codes count as their dotted form.
 */
export function scopeLevels(scope: RegionScope): ScopeLevel[] | null {
  if (scope.kind === "all") return null;
  if (scope.kind === "none") return [];
  const byLevel = new Map<RegionLevel, string[]>();
  for (const raw of scope.codes) {
    const code = normalizeRegionCode(raw);
    const level = code === null ? null : regionLevelOf(code);
    if (code === null || level === null) continue;
    const codes = byLevel.get(level) ?? [];
    if (!codes.includes(code)) codes.push(code);
    byLevel.set(level, codes);
  }
  return REGION_LEVELS.filter((level) => byLevel.has(level)).map((level) => ({ level, codes: byLevel.get(level)! }));
}

/**
 * Where a table keeps its region: one column per level (the business: the record's code at each
 * level, each with its own index), or one column holding a dotted code of any level (a user's
 * region, a review pair's regency) whose ancestors are its prefixes.
 */
export type RegionColumns = { levels: Readonly<Record<RegionLevel, string>> } | { code: string };

/** Prisma fields of `business`. */
export const BUSINESS_REGION_FIELDS = {
  levels: { PROVINCE: "provinceCode", REGENCY: "regencyCode", DISTRICT: "districtCode", VILLAGE: "villageCode" },
} as const satisfies RegionColumns;

/** SQL columns of `business` under the alias `b`, as every lead query names it. */
export const BUSINESS_REGION_COLUMNS = {
  levels: { PROVINCE: "b.province_code", REGENCY: "b.regency_code", DISTRICT: "b.district_code", VILLAGE: "b.village_code" },
} as const satisfies RegionColumns;

/**
 * SQL columns of `lead_follow_up` under the alias `f`: its copy of the business's codes, so the
 * dashboard's follow-up figures scope the rows without joining `business`.
 */
export const FOLLOW_UP_REGION_COLUMNS = {
  levels: { PROVINCE: "f.province_code", REGENCY: "f.regency_code", DISTRICT: "f.district_code", VILLAGE: "f.village_code" },
} as const satisfies RegionColumns;

/** True when a region code (any level) lies inside the scope. */
export function scopeIncludes(scope: RegionScope, code: string | null | undefined): boolean {
  const levels = scopeLevels(scope);
  if (levels === null) return true;
  const ancestors = code ? ancestorCodesOf(code) : [];
  return levels.some(({ level, codes }) => codes.includes(ancestors[REGION_LEVELS.indexOf(level)] ?? ""));
}

type FieldCondition = string | { in: string[] } | { startsWith: string };

/**
 * The scope as (part of) a Prisma `where`: `{}` for all, else an `OR` over the scope's codes —
 * matching nothing when no code is in scope. Spread it into the `where` or put it in an `AND`: a
 * lookup of another region's record then simply finds nothing.
 */
export function regionScopeWhere(scope: RegionScope, columns: RegionColumns): { OR?: Record<string, FieldCondition>[] } {
  const levels = scopeLevels(scope);
  if (levels === null) return {};
  // Not an empty OR: Prisma 7 reads `OR: []` as false at the top of a where but as true inside an
  // AND, which would hand a user without regions every record. An empty IN is false anywhere.
  if (levels.length === 0) return { OR: [{ ["levels" in columns ? columns.levels.PROVINCE : columns.code]: { in: [] } }] };
  return {
    OR: levels.flatMap(({ level, codes }): Record<string, FieldCondition>[] => {
      if ("levels" in columns) return [{ [columns.levels[level]]: codes.length === 1 ? codes[0]! : { in: codes } }];
      return [{ [columns.code]: codes.length === 1 ? codes[0]! : { in: codes } }, ...codes.map((code) => ({ [columns.code]: { startsWith: `${code}.` } }))];
    }),
  };
}

/** What collects bind parameters for raw SQL (server/leads/lead-query.ts `SqlParams`). */
export interface SqlParameters {
  add(value: unknown, cast?: string): string;
}

/**
 * The same scope as an SQL condition for raw queries: `TRUE` for all, `FALSE` when nothing is in
 * scope. On per-level columns, one equality (or `= ANY`) per level, each served by its column's
 * index — the shape the lead-list indexes were built for.
 */
export function regionScopeSql(scope: RegionScope, columns: RegionColumns, params: SqlParameters): string {
  const levels = scopeLevels(scope);
  if (levels === null) return "TRUE";
  const equal = (column: string, codes: string[]) => (codes.length === 1 ? `${column} = ${params.add(codes[0])}` : `${column} = ANY(${params.add(codes, "::text[]")})`);
  const parts = levels.flatMap(({ level, codes }) =>
    "levels" in columns
      ? [equal(columns.levels[level], codes)]
      : [equal(columns.code, codes), `${columns.code} LIKE ANY(${params.add(codes.map((code) => `${code}.%`), "::text[]")})`],
  );
  if (parts.length === 0) return "FALSE";
  return parts.length === 1 ? parts[0]! : `(${parts.join(" OR ")})`;
}
