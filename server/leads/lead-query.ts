import "server-only";
import { BUSINESS_SCALES } from "@/lib/identifiers/business-scale.ts";
import { isBusinessStatus, LEAD_STATUSES } from "@/lib/leads/business-status.ts";
import { FOLLOW_UP_STATUSES, NOT_FOLLOWED_UP, type FollowUpStatusValue } from "@/lib/leads/follow-up-status.ts";
import { kbliPrefixRange, kbliSection, kbliSectionRange } from "@/lib/leads/kbli-sections.ts";
import { ASSIGNED_TO_ME, ASSIGNED_TO_NOBODY, effectiveStatuses, type LeadFilter } from "@/lib/leads/lead-filter.ts";
import { identifierSearch, type LeadSort, type SortDirection } from "@/lib/leads/lead-url-state.ts";
import { parseBusinessName } from "@/lib/names/business-name.ts";
import { normalizeRegionCode, regionLevelOf, type RegionLevel } from "@/lib/region-code.ts";
import type { RegionScope } from "@/server/access/region-scope.ts";
import type { Db } from "@/server/db/client.ts";
import type { FollowUpStatus } from "@/server/db/generated/enums.ts";

/**
 * The one SQL shape of "the leads this caller may see under this filter", shared by the lead
 * list (find-leads.ts), the exports, bulk assignment and the dashboard. Raw SQL rather than a
 * Prisma `where`, because the search ranks by trigram similarity and the list pages by keyset
 * over computed sort keys.
 *
 * Usage (stable API — other features build on it):
 *
 *   const sql = leadWhere(filter, scope, actor.userId);
 *   await queryLeads(db, `SELECT b.id, f.status FROM ${sql.from} WHERE ${sql.where} LIMIT $${sql.values.length + 1}`,
 *     [...sql.values, 50]);
 *
 * - `from` is `business b LEFT JOIN lead_follow_up f ON f.business_id = b.id`: select business
 *   columns as `b.*`, follow-up columns as `f.*` (null when nobody followed the lead up).
 * - `where` is never empty and ALWAYS contains the region scope: "all" adds nothing, "none" (an
 *   auditor, a scoped user without regions) is `FALSE`, "regions" keeps only businesses inside
 *   the scope's codes — whatever the filter asks for, a filter region outside the scope finds
 *   nothing.
 * - `values` are the bind parameters `$1…$n` the fragments use; number yours after them
 *   (`firstParam` shifts the numbering when your own parameters come first).
 * - A name search uses pg_trgm's `<%` (word similarity) operator, which reads
 *   `pg_trgm.word_similarity_threshold`: run the query through `queryLeads` (sets it for the
 *   transaction), or run `LEAD_SEARCH_SETTINGS` on your own connection first (COPY exports).
 */

export interface LeadSql {
  from: string;
  where: string;
  values: unknown[];
}

/** Business table alias `b`, follow-up alias `f`. */
export const LEAD_FROM = "business b LEFT JOIN lead_follow_up f ON f.business_id = b.id";

/**
 * Word similarity (0–1) from which a name matches. 0.6 (pg_trgm's default) misses one typo in a
 * short word ("SINAR JYA"); 0.45 still keeps unrelated names out on the demo data.
 */
export const NAME_SIMILARITY_THRESHOLD = 0.45;
export const LEAD_SEARCH_SETTINGS = `SET LOCAL pg_trgm.word_similarity_threshold = ${NAME_SIMILARITY_THRESHOLD}`;

// lib/ declares the follow-up literals itself; this fails to compile when they drift from Prisma's.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const followUpMatchesPrisma: Same<FollowUpStatusValue, FollowUpStatus> = true;
void followUpMatchesPrisma;

/** Collects bind parameters and hands out their placeholders. */
export class SqlParams {
  readonly values: unknown[] = [];
  constructor(private readonly offset = 0) {}
  add(value: unknown, cast = ""): string {
    this.values.push(value);
    return `$${this.offset + this.values.length}${cast}`;
  }
}

const LEVEL_COLUMN: Readonly<Record<RegionLevel, string>> = {
  PROVINCE: "b.province_code",
  REGENCY: "b.regency_code",
  DISTRICT: "b.district_code",
  VILLAGE: "b.village_code",
};

/**
 * Businesses inside any of `codes` (dotted, any level): one equality per level on the business's
 * code column of that level, each served by its own index. Malformed codes match nothing.
 */
function regionCondition(codes: readonly string[], params: SqlParams): string {
  const byLevel = new Map<RegionLevel, string[]>();
  for (const raw of codes) {
    const code = normalizeRegionCode(raw);
    const level = code === null ? null : regionLevelOf(code);
    if (code === null || level === null) continue;
    byLevel.set(level, [...(byLevel.get(level) ?? []), code]);
  }
  if (byLevel.size === 0) return "FALSE";
  const parts = [...byLevel].map(([level, list]) =>
    list.length === 1 ? `${LEVEL_COLUMN[level]} = ${params.add(list[0])}` : `${LEVEL_COLUMN[level]} = ANY(${params.add(list, "::text[]")})`,
  );
  return parts.length === 1 ? parts[0]! : `(${parts.join(" OR ")})`;
}

/** The region scope as SQL: never skipped, whatever the filter says. */
export function scopeCondition(scope: RegionScope, params: SqlParams): string {
  if (scope.kind === "all") return "TRUE";
  if (scope.kind === "none") return "FALSE";
  return regionCondition(scope.codes, params);
}

/** A name search, folded the way `business.name_core` is (legal form dropped, upper case). */
export function searchName(q: string): string {
  const core = parseBusinessName(q).core;
  return core || q.toUpperCase().replace(/\s+/g, " ").trim();
}

function likePrefix(text: string): string {
  return `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The WHERE (and FROM) of the leads `filter` selects within `scope`. `actorId` is the caller's
 * user id, for `assignedTo: "saya"` (null for the CLI: "saya" then matches nothing).
 */
export function leadWhere(filter: LeadFilter, scope: RegionScope, actorId: string | null, options: { firstParam?: number } = {}): LeadSql {
  const params = new SqlParams((options.firstParam ?? 1) - 1);
  const where: string[] = [scopeCondition(scope, params)];

  const statuses = effectiveStatuses(filter).filter(isBusinessStatus);
  if (statuses.length === 0) where.push("FALSE");
  else if (statuses.length < 4) {
    // is_lead is implied; saying it lets the (is_lead, priority, id) index serve the default sort.
    if (statuses.every((s) => LEAD_STATUSES.includes(s))) where.push("b.is_lead");
    where.push(statuses.length === 1 ? `b.status = ${params.add(statuses[0], '::"BusinessStatus"')}` : `b.status = ANY(${params.add(statuses, '::"BusinessStatus"[]')})`);
  }

  if (filter.regionCodes?.length) where.push(regionCondition(filter.regionCodes, params));

  const scales = (filter.scales ?? []).filter((s) => (BUSINESS_SCALES as readonly string[]).includes(s));
  if (scales.length) where.push(scales.length === 1 ? `b.business_scale = ${params.add(scales[0])}` : `b.business_scale = ANY(${params.add(scales, "::text[]")})`);

  if (filter.sources?.length) where.push(`b.sources && ${params.add([...filter.sources], "::text[]")}`);

  const section = filter.kbliSection ? kbliSection(filter.kbliSection) : null;
  if (filter.kbliSection && !section) where.push("FALSE");
  if (section) where.push(kbliRange(kbliSectionRange(section), params));
  if (filter.kbli) {
    if (/^\d{1,5}$/.test(filter.kbli)) where.push(kbliRange(kbliPrefixRange(filter.kbli), params));
    else where.push("FALSE");
  }

  if (filter.workersMin !== undefined) where.push(`b.worker_count >= ${params.add(filter.workersMin, "::int")}`);
  if (filter.workersMax !== undefined) where.push(`b.worker_count <= ${params.add(filter.workersMax, "::int")}`);

  if (filter.followUpStatuses?.length) {
    const statusesWanted = filter.followUpStatuses.filter((s): s is FollowUpStatusValue => (FOLLOW_UP_STATUSES as readonly string[]).includes(s));
    const parts: string[] = [];
    if (filter.followUpStatuses.includes(NOT_FOLLOWED_UP)) parts.push("f.business_id IS NULL");
    if (statusesWanted.length) parts.push(`f.status = ANY(${params.add(statusesWanted, '::"FollowUpStatus"[]')})`);
    where.push(parts.length ? `(${parts.join(" OR ")})` : "FALSE");
  }

  if (filter.assignedTo) {
    if (filter.assignedTo === ASSIGNED_TO_NOBODY) where.push("f.assigned_to_id IS NULL");
    else if (filter.assignedTo === ASSIGNED_TO_ME) where.push(actorId ? `f.assigned_to_id = ${params.add(actorId, "::uuid")}` : "FALSE");
    else if (/^[0-9a-f-]{36}$/i.test(filter.assignedTo)) where.push(`f.assigned_to_id = ${params.add(filter.assignedTo, "::uuid")}`);
    else where.push("FALSE");
  }

  if (filter.q) {
    const identifier = identifierSearch(filter.q);
    if (identifier?.kind === "npwp") where.push(`b.npwp = ${params.add(identifier.value)}`);
    else if (identifier?.kind === "nib") where.push(`b.nib = ${params.add(identifier.value)}`);
    else {
      const name = searchName(filter.q);
      // Both operators are served by the trigram GIN index on name_core.
      where.push(`(${params.add(name)} <% b.name_core OR b.name_core LIKE ${params.add(likePrefix(name))})`);
    }
  }

  return { from: LEAD_FROM, where: where.join(" AND "), values: params.values };
}

function kbliRange([from, to]: [string, string | null], params: SqlParams): string {
  return to === null ? `b.kbli >= ${params.add(from)}` : `b.kbli >= ${params.add(from)} AND b.kbli < ${params.add(to)}`;
}

/** A sort key's SQL: NULLs folded into a sentinel that sorts last in the sort's usual direction. */
interface SortKey {
  expression: (params: SqlParams, q: string | undefined) => string;
  type: "int" | "text" | "real" | "timestamptz";
}

const SORT_KEYS: Readonly<Record<LeadSort, SortKey>> = {
  prioritas: { expression: () => "b.priority", type: "int" },
  nama: { expression: () => "b.name_core", type: "text" },
  pekerja: { expression: () => "coalesce(b.worker_count, -1)", type: "int" },
  selisih: { expression: () => "coalesce(b.worker_gap, -1)", type: "int" },
  // Letters sort after digits in every collation: unknown KBLI last when ascending.
  kbli: { expression: () => "coalesce(b.kbli, 'Z')", type: "text" },
  diperbarui: { expression: () => "b.updated_at", type: "timestamptz" },
  relevansi: { expression: (params, q) => `word_similarity(${params.add(searchName(q ?? ""))}, b.name_core)`, type: "real" },
};

/** A page position: the sort key's value and the id of the last row shown. */
export interface LeadCursor {
  value: string | number;
  id: string;
}

/**
 * The ORDER BY of a sort, and the keyset condition "after `cursor`" in it. Ties break on the id,
 * ascending, so every row has exactly one place. `params` must be the same collector the query's
 * other fragments use (the expression may bind the search text).
 */
export function leadOrderBy(
  sort: { sort: LeadSort; direction: SortDirection; q?: string },
  params: SqlParams,
  cursor: LeadCursor | null = null,
): { orderBy: string; after: string | null; sortExpression: string } {
  const key = SORT_KEYS[sort.sort];
  const expression = key.expression(params, sort.q);
  const dir = sort.direction === "asc" ? "ASC" : "DESC";
  const orderBy = `${expression} ${dir}, b.id ASC`;
  if (!cursor) return { orderBy, after: null, sortExpression: expression };
  const value = params.add(cursor.value, `::${key.type}`);
  const id = params.add(cursor.id, "::bigint");
  const beyond = sort.direction === "asc" ? ">" : "<";
  // The non-strict bound first lets an index on the sort key start at the cursor.
  const after = `${expression} ${beyond}= ${value} AND (${expression} ${beyond} ${value} OR b.id > ${id})`;
  return { orderBy, after, sortExpression: expression };
}

/** Cursors travel in the URL as base64url JSON `[sort, direction, value, id]`. */
export function encodeLeadCursor(sort: LeadSort, direction: SortDirection, cursor: LeadCursor): string {
  return Buffer.from(JSON.stringify([sort, direction, cursor.value, cursor.id])).toString("base64url");
}

/** The cursor, or null when it is malformed or was made for another sort (then: first page). */
export function decodeLeadCursor(text: string | null, sort: LeadSort, direction: SortDirection): LeadCursor | null {
  if (!text) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
    if (!Array.isArray(parsed) || parsed.length !== 4) return null;
    const [s, d, value, id] = parsed as unknown[];
    if (s !== sort || d !== direction || typeof id !== "string" || !/^\d{1,18}$/.test(id)) return null;
    const type = SORT_KEYS[sort].type;
    if (type === "int" && !(typeof value === "number" && Number.isInteger(value))) return null;
    if (type === "real" && !(typeof value === "number" && Number.isFinite(value))) return null;
    if ((type === "text" || type === "timestamptz") && !(typeof value === "string" && value.length <= 300)) return null;
    if (type === "timestamptz" && Number.isNaN(Date.parse(value as string))) return null;
    return { value: value as string | number, id };
  } catch {
    return null;
  }
}

/** Runs a query built on `leadWhere` with the search settings it needs (one short transaction). */
export async function queryLeads<R>(runner: Db, sql: string, values: readonly unknown[]): Promise<R[]> {
  const [, rows] = await runner.$transaction([runner.$executeRawUnsafe(LEAD_SEARCH_SETTINGS), runner.$queryRawUnsafe<R[]>(sql, ...values)]);
  return rows;
}
