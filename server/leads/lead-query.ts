import "server-only";
import { BUSINESS_SCALES } from "@/lib/identifiers/business-scale.ts";
import { BUSINESS_STATUSES, isBusinessStatus, LEAD_STATUSES, type BusinessStatusValue } from "@/lib/leads/business-status.ts";
import { isEntityKind, type EntityKindValue } from "@/lib/leads/entity-kind.ts";
import { FOLLOW_UP_STATUSES, NOT_FOLLOWED_UP, type FollowUpStatusValue } from "@/lib/leads/follow-up-status.ts";
import { CLOSED_STATUSES_SQL } from "@/lib/leads/follow-up.ts";
import { kbliPrefixRange, kbliSection, kbliSectionRange } from "@/lib/leads/kbli-sections.ts";
import { ASSIGNED_TO_ME, ASSIGNED_TO_NOBODY, ASSIGNED_TO_TAKEABLE, effectiveStatuses, type LeadFilter } from "@/lib/leads/lead-filter.ts";
import { identifierSearch, type IdentifierSearch, type LeadSort, type SortDirection } from "@/lib/leads/lead-url-state.ts";
import { parseNameSearch, type LegalForm } from "@/lib/names/business-name.ts";
import { BUSINESS_REGION_COLUMNS, regionScopeSql, type RegionScope } from "@/server/access/region-scope.ts";
import type { Db } from "@/server/db/client.ts";
import type { EntityKind, FollowUpStatus } from "@/server/db/generated/enums.ts";

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
const kindMatchesPrisma: Same<EntityKindValue, EntityKind> = true;
void kindMatchesPrisma;

/** Collects bind parameters and hands out their placeholders. */
export class SqlParams {
  readonly values: unknown[] = [];
  constructor(private readonly offset = 0) {}
  add(value: unknown, cast = ""): string {
    this.values.push(value);
    return `$${this.offset + this.values.length}${cast}`;
  }
}

/**
 * A name search, folded the way `business.name_core` is (legal form dropped, upper case), and the
 * legal form it names, which narrows the search to that form ("cv jaya": CVs named like JAYA;
 * "yayasan": every Yayasan). `core` is empty for a legal form alone.
 */
export function nameSearch(q: string): { legalForm: LegalForm | null; core: string } {
  const parsed = parseNameSearch(q);
  if (parsed.core || parsed.legalForm) return parsed;
  return { legalForm: null, core: q.toUpperCase().replace(/\s+/g, " ").trim() };
}

/** The name part of a search, as `nameSearch` folds it. */
export function searchName(q: string): string {
  return nameSearch(q).core;
}

function likePrefix(text: string): string {
  return `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Names similar to `name` (folded by searchName), or starting with it. "indexed" is what leadWhere
 * uses: both tests served by the trigram GIN index. "scored" computes each similarity instead,
 * which the index cannot serve: cheaper when the rest of the filter leaves few rows. A name
 * that starts with the search text holds every trigram of it but the last, so its word
 * similarity is at least 1/2: while the threshold is below that, the prefix test finds nothing
 * more and is left out (it would cost a second index scan), unless the text has no letter or
 * digit, hence no trigram.
 */
export function nameCondition(name: string, params: SqlParams, how: "indexed" | "scored" = "indexed"): string {
  const similar =
    how === "indexed" ? `${params.add(name)} <% b.name_core` : `word_similarity(${params.add(name)}, b.name_core) >= ${NAME_SIMILARITY_THRESHOLD}`;
  if (NAME_SIMILARITY_THRESHOLD <= 0.5 && /[A-Z0-9]/.test(name)) return similar;
  return `(${similar} OR b.name_core LIKE ${params.add(likePrefix(name))})`;
}

/**
 * The WHERE (and FROM) of the leads `filter` selects within `scope`. `actorId` is the caller's
 * user id, for `assignedTo: "saya"` (null for the CLI: "saya" then matches nothing).
 * `withoutNameCondition` leaves out a name search's similarity test (its legal form stays), for a
 * caller that states the test itself. `order` is the sort the caller will read the rows in: the
 * worker and gap ranges are then written on the key its index holds.
 */
export function leadWhere(
  filter: LeadFilter,
  scope: RegionScope,
  actorId: string | null,
  options: { firstParam?: number; withoutNameCondition?: boolean; order?: LeadOrder } = {},
): LeadSql {
  const params = new SqlParams((options.firstParam ?? 1) - 1);
  // The caller's scope, never skipped whatever the filter says; the filter's regions narrow it
  // by the same rule, so a filter region outside the scope finds nothing.
  const where: string[] = [regionScopeSql(scope, BUSINESS_REGION_COLUMNS, params)];

  where.push(...statusConditions(effectiveStatuses(filter).filter(isBusinessStatus), params));

  // Notaries alone are read off their own small index; businesses alone are nearly every row, so
  // the sort's index still serves that list (the default list, both kinds, adds nothing).
  if (filter.kind && isEntityKind(filter.kind)) where.push(`b.kind = ${params.add(filter.kind, '::"EntityKind"')}`);

  if (filter.regionCodes?.length) where.push(regionScopeSql({ kind: "regions", codes: filter.regionCodes }, BUSINESS_REGION_COLUMNS, params));

  const scales = (filter.scales ?? []).filter((s) => (BUSINESS_SCALES as readonly string[]).includes(s));
  if (scales.length) where.push(scales.length === 1 ? `${SCALE_KEY} = ${params.add(scales[0])}` : `${SCALE_KEY} = ANY(${params.add(scales, "::text[]")})`);

  if (filter.sources?.length) where.push(`b.sources && ${params.add([...filter.sources], "::text[]")}`);

  const section = filter.kbliSection ? kbliSection(filter.kbliSection) : null;
  if (filter.kbliSection && !section) where.push("FALSE");
  if (section) where.push(kbliRange(kbliSectionRange(section), params));
  if (filter.kbli) {
    if (/^\d{1,5}$/.test(filter.kbli)) where.push(kbliRange(kbliPrefixRange(filter.kbli), params));
    else where.push("FALSE");
  }

  // On the sort key the order reads (unknown as -1, or as UNKNOWN_LAST ascending), so its index
  // serves the range too; unknown stays outside either way.
  if (filter.workersMin !== undefined || filter.workersMax !== undefined) {
    where.push(...countRange(countKey("pekerja", options.order), filter.workersMin, filter.workersMax, params));
  }
  if (filter.gapMin !== undefined) where.push(...countRange(countKey("selisih", options.order), filter.gapMin, undefined, params));

  if (filter.followUpStatuses?.length) {
    const statusesWanted = filter.followUpStatuses.filter((s): s is FollowUpStatusValue => (FOLLOW_UP_STATUSES as readonly string[]).includes(s));
    const parts: string[] = [];
    if (filter.followUpStatuses.includes(NOT_FOLLOWED_UP)) parts.push("f.business_id IS NULL");
    if (statusesWanted.length) parts.push(`f.status = ANY(${params.add(statusesWanted, '::"FollowUpStatus"[]')})`);
    where.push(parts.length ? `(${parts.join(" OR ")})` : "FALSE");
  }

  if (filter.assignedTo) {
    if (filter.assignedTo === ASSIGNED_TO_NOBODY) where.push("f.assigned_to_id IS NULL");
    else if (filter.assignedTo === ASSIGNED_TO_TAKEABLE) where.push(TAKEABLE_CONDITION);
    else if (filter.assignedTo === ASSIGNED_TO_ME) where.push(actorId ? `f.assigned_to_id = ${params.add(actorId, "::uuid")}` : "FALSE");
    else if (/^[0-9a-f-]{36}$/i.test(filter.assignedTo)) where.push(`f.assigned_to_id = ${params.add(filter.assignedTo, "::uuid")}`);
    else where.push("FALSE");
  }

  // Picked leads: an empty pick selects nothing, never everything.
  if (filter.businessIds) where.push(filter.businessIds.length ? `b.id = ANY(${params.add([...filter.businessIds], "::bigint[]")})` : "FALSE");

  if (filter.q) {
    const identifier = identifierSearch(filter.q);
    if (identifier) where.push(identifierCondition(identifier, params));
    else {
      const { legalForm, core } = nameSearch(filter.q);
      if (legalForm) where.push(`b.legal_form = ${params.add(legalForm)}`);
      if (core && !options.withoutNameCondition) where.push(nameCondition(core, params));
    }
  }

  return { from: LEAD_FROM, where: where.join(" AND "), values: params.values };
}

/**
 * What take-lead.ts lets an officer take: nobody works the lead, it is not closed, and its
 * province or regency has the switch on (the region-scope rule on the two levels a switch can be).
 */
const TAKEABLE_CONDITION = `f.assigned_to_id IS NULL AND (f.status IS NULL OR f.status NOT IN (${CLOSED_STATUSES_SQL}))
  AND EXISTS (SELECT 1 FROM lead_take_region t WHERE t.region_code IN (b.province_code, b.regency_code))`;

/** `key` between `min` and `max` (0 and unbounded when not given), its unknown sentinel outside. */
function countRange(key: CountKey, min: number | undefined, max: number | undefined, params: SqlParams): string[] {
  const range = [`${key.sql} >= ${params.add(Math.max(0, min ?? 0), "::int")}`];
  if (max !== undefined) range.push(`${key.sql} <= ${params.add(max, "::int")}`);
  else if (key.unknownLast) range.push(`${key.sql} < ${UNKNOWN_LAST}`);
  return range;
}

/**
 * Every column the identifier may be, each on its own index (PostgreSQL ORs the bitmap scans):
 * 13 digits are a NIB in one business and a Kode WLKP in another.
 */
function identifierCondition(identifier: IdentifierSearch, params: SqlParams): string {
  const parts: string[] = [];
  if (identifier.npwp) parts.push(`b.npwp = ${params.add(identifier.npwp)}`);
  if (identifier.nib) parts.push(`b.nib = ${params.add(identifier.nib)}`);
  if (identifier.code) {
    const code = params.add(identifier.code);
    parts.push(`b.kode_wlkp = ${code}`, `b.kode_badan_usaha = ${code}`);
  }
  return `(${parts.join(" OR ")})`;
}

/**
 * A KBLI range on the KBLI sort key, so one index serves the filter and the sort. The sentinel of
 * an unknown KBLI sorts above every code: an open range stops below it.
 */
function kbliRange([from, to]: [string, string | null], params: SqlParams): string {
  return `${KBLI_KEY} >= ${params.add(from)} AND ${KBLI_KEY} < ${params.add(to ?? UNKNOWN_KBLI)}`;
}

/**
 * The status filter. `is_lead` is exactly "status is not Terdaftar aktif" (a CHECK constraint
 * holds it), so the lead statuses together are just `b.is_lead`, which the priority indexes hold:
 * the default list, and a regency's count, need not read the table for the status.
 */
function statusConditions(statuses: readonly BusinessStatusValue[], params: SqlParams): string[] {
  if (statuses.length === 0) return ["FALSE"];
  if (statuses.length === BUSINESS_STATUSES.length) return [];
  const leads = statuses.filter((s) => LEAD_STATUSES.includes(s)).length;
  if (leads === LEAD_STATUSES.length && leads === statuses.length) return ["b.is_lead"];
  const status = statuses.length === 1 ? `b.status = ${params.add(statuses[0], '::"BusinessStatus"')}` : `b.status = ANY(${params.add(statuses, '::"BusinessStatus"[]')})`;
  if (leads === statuses.length) return ["b.is_lead", status];
  if (leads === 0) return ["NOT b.is_lead", status];
  return [status];
}

/**
 * Sort keys fold unknown values into a sentinel, so a key is never NULL and "after the cursor"
 * stays one row comparison. Each sort has a btree index on exactly these expressions
 * (prisma/migrations/*_lead_list_indexes), read forwards or backwards; leadWhere's worker, KBLI
 * and scale filters use the same expressions so those indexes serve them too. Where runs of equal
 * keys are short, the index leaves out the id and PostgreSQL puts each run in id order as it reads
 * it (incremental sort): the index stays small and cheap for the match run to write. A long run
 * (the unknown worker counts that open an ascending sort) is then read whole before its page; the
 * priority and last-update indexes, whose runs are long in the default view, hold the id.
 */
const WORKERS_KEY = "coalesce(b.worker_count, -1)";
const GAP_KEY = "coalesce(b.worker_gap, -1)";
/**
 * Unknown worker counts and gaps come last whichever way the column is sorted: a row of "—" tells
 * nobody anything. Descending, -1 puts them last; ascending, they take the largest int instead, on
 * an index of its own (migration lead_search_and_unknown_last): one btree read backwards would
 * put them first.
 */
const UNKNOWN_LAST = 2147483647;
const COUNT_KEYS = {
  pekerja: { desc: WORKERS_KEY, asc: `coalesce(b.worker_count, ${UNKNOWN_LAST})` },
  selisih: { desc: GAP_KEY, asc: `coalesce(b.worker_gap, ${UNKNOWN_LAST})` },
} as const;

/** The order a caller reads rows in: which key a worker or gap range is written on. */
export interface LeadOrder {
  sort: LeadSort;
  direction: SortDirection;
}

interface CountKey {
  sql: string;
  /** Unknown is the largest int (the ascending key), not -1. */
  unknownLast: boolean;
}

function countKey(sort: "pekerja" | "selisih", order: LeadOrder | undefined): CountKey {
  const direction = order?.sort === sort ? order.direction : "desc";
  return { sql: COUNT_KEYS[sort][direction], unknownLast: direction === "asc" };
}
const SCALE_KEY = "coalesce(b.business_scale, '')";
const UNKNOWN_KBLI = "Z";
// Letters sort after digits in every collation: unknown KBLI last when ascending.
const KBLI_KEY = `coalesce(b.kbli, '${UNKNOWN_KBLI}')`;

type KeyType = "int" | "text" | "real" | "timestamptz" | "status";
const KEY_CAST: Readonly<Record<KeyType, string>> = { int: "::int", text: "::text", real: "::real", timestamptz: "::timestamptz", status: '::"BusinessStatus"' };

interface SortColumn {
  sql: string;
  type: KeyType;
}

/**
 * A sort's keys: the one the user chose, then (for three of them) the filter most often combined
 * with it and most correlated with it, as a tie-break. With that column inside the index,
 * PostgreSQL's skip scan jumps straight to the matching entries in sort order instead of reading
 * past the ones the filter drops: workers sorted within "mikro, kecil" (the biggest businesses,
 * first in the order, are none of them), gap within one status, priority within a worker range.
 */
const SORT_KEYS: Readonly<Record<LeadSort, (params: SqlParams, q: string | undefined, direction: SortDirection) => SortColumn[]>> = {
  prioritas: () => [{ sql: "b.priority", type: "int" }, { sql: WORKERS_KEY, type: "int" }],
  nama: () => [{ sql: "b.name_core", type: "text" }],
  pekerja: (_params, _q, direction) => [{ sql: COUNT_KEYS.pekerja[direction], type: "int" }, { sql: SCALE_KEY, type: "text" }],
  selisih: (_params, _q, direction) => [{ sql: COUNT_KEYS.selisih[direction], type: "int" }, { sql: "b.status", type: "status" }],
  kbli: () => [{ sql: KBLI_KEY, type: "text" }],
  diperbarui: () => [{ sql: "b.updated_at", type: "timestamptz" }],
  relevansi: (params, q) => [{ sql: `word_similarity(${params.add(searchName(q ?? ""))}, b.name_core)`, type: "real" }],
};

/** A page position: the sort keys' values and the id of the last row shown. */
export interface LeadCursor {
  values: (string | number)[];
  id: string;
}

/**
 * The ORDER BY of a sort, and the keyset condition "after `cursor`" in it. Ties break on the id in
 * the sort's direction, so descending is exactly ascending reversed (workers and gap aside, whose
 * unknowns come last both ways on a second index): one index on the keys serves both directions, and "after the cursor" is a single row comparison the index scan starts at.
 * `sortExpressions` are the keys, for a caller that selects them to make the next cursor; with
 * `over`, the ORDER BY and the condition are stated over the columns `<over>.sort_0`, `sort_1`…
 * and `<over>.id` of a subquery that selects the keys and the id under those names. `params` must
 * be the same collector the query's other fragments use (a key may bind the search text).
 */
export function leadOrderBy(
  sort: { sort: LeadSort; direction: SortDirection; q?: string },
  params: SqlParams,
  cursor: LeadCursor | null = null,
  over?: string,
): { orderBy: string; after: string | null; sortExpressions: string[] } {
  const keys = SORT_KEYS[sort.sort](params, sort.q, sort.direction);
  const dir = sort.direction === "asc" ? "ASC" : "DESC";
  const sortExpressions = keys.map((k) => k.sql);
  const ordered = over ? [...keys.map((_, i) => `${over}.sort_${i}`), `${over}.id`] : [...sortExpressions, "b.id"];
  const orderBy = ordered.map((e) => `${e} ${dir}`).join(", ");
  if (!cursor || cursor.values.length !== keys.length) return { orderBy, after: null, sortExpressions };
  const bounds = [...keys.map((k, i) => params.add(cursor.values[i], KEY_CAST[k.type])), params.add(cursor.id, "::bigint")];
  const after = `(${ordered.join(", ")}) ${sort.direction === "asc" ? ">" : "<"} (${bounds.join(", ")})`;
  return { orderBy, after, sortExpressions };
}

/** Cursors travel in the URL as base64url JSON `[sort, direction, [values…], id]`. */
export function encodeLeadCursor(sort: LeadSort, direction: SortDirection, cursor: LeadCursor): string {
  return Buffer.from(JSON.stringify([sort, direction, cursor.values, cursor.id])).toString("base64url");
}

function isKeyValue(type: KeyType, value: unknown): value is string | number {
  switch (type) {
    case "int":
      return typeof value === "number" && Number.isInteger(value);
    case "real":
      return typeof value === "number" && Number.isFinite(value);
    case "text":
      return typeof value === "string" && value.length <= 300;
    case "timestamptz":
      return typeof value === "string" && value.length <= 40 && !Number.isNaN(Date.parse(value));
    case "status":
      return isBusinessStatus(value);
  }
}

/** The cursor, or null when it is malformed or was made for another sort (then: first page). */
export function decodeLeadCursor(text: string | null, sort: LeadSort, direction: SortDirection): LeadCursor | null {
  if (!text) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
    if (!Array.isArray(parsed) || parsed.length !== 4) return null;
    const [s, d, values, id] = parsed as unknown[];
    if (s !== sort || d !== direction || typeof id !== "string" || !/^\d{1,18}$/.test(id) || !Array.isArray(values)) return null;
    const types = SORT_KEYS[sort](new SqlParams(), undefined, direction).map((k) => k.type);
    if (values.length !== types.length || !types.every((type, i) => isKeyValue(type, values[i]))) return null;
    return { values: values as (string | number)[], id };
  } catch {
    return null;
  }
}

/** Runs a query built on `leadWhere` with the search settings it needs (one short transaction). */
export async function queryLeads<R>(runner: Db, sql: string, values: readonly unknown[]): Promise<R[]> {
  const [, rows] = await runner.$transaction([runner.$executeRawUnsafe(LEAD_SEARCH_SETTINGS), runner.$queryRawUnsafe<R[]>(sql, ...values)]);
  return rows;
}
