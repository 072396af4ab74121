import "server-only";
import type { BusinessStatusValue } from "@/lib/leads/business-status.ts";
import { leadFieldColumn, type EntityKindValue } from "@/lib/leads/entity-kind.ts";
import type { FollowUpStatusValue } from "@/lib/leads/follow-up-status.ts";
import { isNameSearch, LEAD_PAGE_SIZE, type LeadListState } from "@/lib/leads/lead-url-state.ts";
import { maskIfPersonal } from "@/lib/personal-data.ts";
import type { RegionScope } from "@/server/access/region-scope.ts";
import type pg from "pg";
import { readPool } from "@/server/db/read-db.ts";
import { cappedLeadCountSql } from "./count-lead-export.ts";
import { LeadCountCache } from "./lead-count-cache.ts";
import {
  decodeLeadCursor,
  encodeLeadCursor,
  leadOrderBy,
  leadWhere,
  NAME_SIMILARITY_THRESHOLD,
  nameCondition,
  searchName,
  SqlParams,
  type LeadSql,
} from "./lead-query.ts";

/**
 * One page of the lead list (Prospek): the leads the filter selects inside the caller's region
 * scope, in the state's sort, 50 at a time by keyset (the cursor is the last row's sort keys and
 * id, and every sort has an index in its order, so page 2,000 costs about what page 1 costs).
 * With the page comes a capped count: the matching rows are counted up to COUNT_CAP + 1 and no
 * further — exact for narrow filters, "lebih dari 10.000" otherwise — so no click scans millions
 * of rows just to print a number.
 */

export interface FindLeadsOptions {
  state: Pick<LeadListState, "filter" | "sort" | "direction" | "cursor">;
  scope: RegionScope;
  /** The caller, for "assigned to me". */
  actorId: string | null;
  pageSize?: number;
}

/**
 * One row of the lead table: safe to hand to a client component (no contact data; an NPWP that
 * is a NIK comes masked, as on the lead page). Only what the table shows: every field is
 * serialised into the page's RSC payload twice (the stream and the document's inline copy) and
 * parsed again for the server render, on every list view.
 */
export interface LeadListRow {
  id: string;
  name: string;
  kind: EntityKindValue;
  npwp: string | null;
  nib: string | null;
  provinceName: string | null;
  regencyName: string | null;
  districtName: string | null;
  villageName: string | null;
  businessScale: string | null;
  kbli: string | null;
  workerCount: number | null;
  workerGap: number | null;
  status: BusinessStatusValue;
  priority: number;
  sources: string[];
  followUpStatus: FollowUpStatusValue | null;
  assigneeName: string | null;
}

export interface LeadCount {
  /** Exact when `capped` is false; COUNT_CAP when there are more. */
  value: number;
  capped: boolean;
}

export interface LeadPage {
  rows: LeadListRow[];
  /** The cursor of the next page, null on the last one. */
  nextCursor: string | null;
  count: LeadCount;
}

/** Counting 10,001 index entries takes a few milliseconds; past that the exact figure helps nobody choose. */
export const COUNT_CAP = 10_000;

/**
 * The planner settings every query of the list runs with (for its transaction only): the search's
 * word-similarity threshold (or a ranking stage's); a random page cost of 1.1, PostgreSQL's advice
 * for data read from memory or SSD rather than its default of 4 for disk seeks, so that fetching
 * 10,000 rows by key (a follow-up filter's leads, a city's) is not priced above scanning a million;
 * and no parallel workers: a page walks an index for a few thousand rows at most, and starting
 * workers for it cost more than they save (and take the other core from the next request).
 */
function listSettings(threshold: number = NAME_SIMILARITY_THRESHOLD): string {
  return `SELECT set_config('pg_trgm.word_similarity_threshold', '${threshold}', true),
    set_config('random_page_cost', '1.1', true), set_config('max_parallel_workers_per_gather', '0', true)`;
}

/**
 * Word-similarity thresholds a page sorted by name match tries before the search's own (0.45),
 * strongest first. A common word ("jaya") matches a tenth of all names, and ranking them all costs
 * a second; the names matching at 0.8 (every query word whole, or nearly) or 0.6 (a typo or a word
 * missing) are few, and when they fill the page they are exactly its rows: every other match
 * ranks below them. Each stage reads only its own candidates from the trigram index.
 */
const RANK_STAGES = [0.8, 0.6] as const;

/**
 * Below this many rows matching the rest of the filter (about a big city's leads), a name search
 * scores every one of them instead of asking the trigram index: one pass gives the page and the
 * exact count, where the index would list the whole country's matches of a common word first.
 */
const SCORE_DIRECTLY_ROWS = 15_000;

/** PostgreSQL's estimate of the matching rows from which the count is not run (countLeads). */
const COUNT_SKIP_ESTIMATE = 10 * COUNT_CAP;

interface RawRow {
  /** int8, as pg returns it: a string. */
  id: string;
  sort_key: (number | string)[];
  name: string;
  kind: EntityKindValue;
  npwp: string | null;
  nib: string | null;
  province_name: string | null;
  regency_name: string | null;
  district_name: string | null;
  village_name: string | null;
  business_scale: string | null;
  kbli: string | null;
  worker_count: number | null;
  worker_gap: number | null;
  status: BusinessStatusValue;
  priority: number;
  sources: string[];
  follow_up_status: FollowUpStatusValue | null;
  assignee_name: string | null;
  /** Rows matching in all, cursor aside (pages that count as they go). */
  matched?: number;
}

export async function findLeads(options: FindLeadsOptions): Promise<LeadPage> {
  const { state } = options;
  const lead = leadWhere(state.filter, options.scope, options.actorId, { order: state });
  if (state.sort === "relevansi" && state.direction === "desc" && isNameSearch(state.filter.q)) {
    const ranked = await findBestMatches(options, lead);
    if (ranked) return ranked;
  }
  // The count runs beside the page, on a connection of its own, rather than after it: a render
  // waits for the slower of the two instead of their sum.
  const counting = countLeads(lead);
  counting.catch(() => undefined); // awaited below, unless the page alone answers
  const raw = await runPage(listSettings(), pageQuery(options, lead, null));
  // A first page that is not full is every match: its length is the count, whatever the
  // estimate in countLeads would have said.
  const whole = !state.cursor && raw.length <= (options.pageSize ?? LEAD_PAGE_SIZE);
  return toLeadPage(raw, options, whole ? raw.length : await counting);
}

/**
 * A page of a name search ranked best first, without ranking every name a common word matches:
 * directly when the rest of the filter is small, else from the strong matches alone when they
 * fill the page. Null when neither applies (a weak search: the plain query ranks every match).
 */
async function findBestMatches(options: FindLeadsOptions, lead: LeadSql): Promise<LeadPage | null> {
  const { state } = options;
  const name = searchName(state.filter.q!);
  const rest = leadWhere(state.filter, options.scope, options.actorId, { withoutNameCondition: true, order: state });
  if ((await estimateRows(rest)) <= SCORE_DIRECTLY_ROWS) {
    const raw = await runPage(listSettings(), pageQuery(options, rest, (params) => nameCondition(name, params, "scored")));
    return toLeadPage(raw, options, raw[0]?.matched ?? (await countLeads(lead)));
  }
  const cursor = decodeLeadCursor(state.cursor, state.sort, state.direction);
  const best = typeof cursor?.values[0] === "number" ? cursor.values[0] : 1;
  for (const threshold of RANK_STAGES.filter((t) => t <= best)) {
    const raw = await runPage(listSettings(threshold), pageQuery(options, rest, (params) => nameCondition(name, params)));
    if (raw.length <= (options.pageSize ?? LEAD_PAGE_SIZE)) continue;
    // More strong matches than the cap: the count is capped without counting the weak ones.
    const matched = raw[0]?.matched ?? 0;
    return toLeadPage(raw, options, matched > COUNT_CAP ? matched : await countLeads(lead));
  }
  return null;
}

async function runPage(settings: string, page: { sql: string; values: unknown[] }): Promise<RawRow[]> {
  return inListTransaction(settings, async (client) => (await client.query<RawRow>(page.sql, page.values)).rows);
}

/** PostgreSQL's estimate of the rows `lead` selects (one plan, nothing read; remembered a while). */
async function estimateRows(lead: LeadSql): Promise<number> {
  const key = LeadCountCache.key(lead.where, lead.values);
  const known = countCache.estimate(key);
  if (known !== null) return known;
  const rows = await inListTransaction(listSettings(), (client) => planRows(client, lead));
  countCache.rememberEstimate(key, rows);
  return rows;
}

async function planRows(client: pg.ClientBase, lead: LeadSql): Promise<number> {
  const plan = await client.query<{ "QUERY PLAN": [{ Plan: { "Plan Rows": number } }] }>(`EXPLAIN (FORMAT JSON) SELECT 1 FROM ${lead.from} WHERE ${lead.where}`, lead.values);
  return plan.rows[0]?.["QUERY PLAN"][0].Plan["Plan Rows"] ?? 0;
}

/**
 * Runs `work` in a transaction with the list's planner settings, on a connection of the shared
 * pool taken directly: BEGIN and the settings go in one round trip (the simple protocol takes
 * several statements when there are no parameters), and no Prisma transaction machinery runs.
 * A render waits for a connection as long as it takes, as Prisma's batch transactions did.
 */
async function inListTransaction<T>(settings: string, work: (client: pg.ClientBase) => Promise<T>): Promise<T> {
  const client = await (await readPool()).connect();
  // A connection lost while checked out (the server restarting, a count still running when the
  // pool closes) emits "error" on the client, which would crash the process unheard; the pending
  // query rejects with it anyway, so that is where it is handled.
  const ignore = () => undefined;
  client.on("error", ignore);
  let broken: Error | undefined;
  try {
    await client.query(`BEGIN; ${settings}`);
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    // A connection that cannot even roll back is dropped from the pool rather than reused.
    await client.query("ROLLBACK").catch((rollbackError: Error) => (broken = rollbackError));
    throw error;
  } finally {
    client.removeListener("error", ignore);
    client.release(broken);
  }
}

/** Estimates and overflowed counts of the filters this process listed (lead-count-cache.ts). */
const countCache = new LeadCountCache();

/**
 * The matching rows, counted up to COUNT_CAP + 1. When PostgreSQL's own estimate (from ANALYZE's
 * statistics, no row read) is ten times the cap or more, nothing is counted and the page says
 * "more than 10,000": an estimate is not ten times off for a filter that broad, and the proof
 * would cost ten thousand rows fetched — a hundred milliseconds for a fuzzy name search, where
 * each one is a similarity computed. The estimate, and a count that overflowed, are remembered
 * for the filter and scope a while: a render that knows both reads no connection at all.
 */
async function countLeads(lead: LeadSql): Promise<number> {
  const key = LeadCountCache.key(lead.where, lead.values);
  const known = countCache.estimate(key);
  if ((known !== null && known >= COUNT_SKIP_ESTIMATE) || countCache.overCap(key)) return COUNT_CAP + 1;
  // Estimate and count in one transaction: one connection, one round of planner settings.
  return inListTransaction(listSettings(), async (client) => {
    const estimate = known ?? (await planRows(client, lead));
    if (known === null) countCache.rememberEstimate(key, estimate);
    if (estimate >= COUNT_SKIP_ESTIMATE) return COUNT_CAP + 1;
    const counted = await client.query<{ n: number }>(cappedLeadCountSql(lead, lead.values.length + 1), [...lead.values, COUNT_CAP + 1]);
    const n = counted.rows[0]?.n ?? 0;
    if (n > COUNT_CAP) countCache.rememberOverCap(key);
    return n;
  });
}

/**
 * The page: the matching rows' ids and sort keys (`m`), the page of them by keyset (LIMIT inside),
 * then only its rows joined to region names and officers; the outer ORDER BY restates the inner
 * one. `extra` adds a condition and counts its matches as `matched`, cursor aside; without it, m
 * is flattened into the page query and the sort's index serves the keyset directly.
 */
function pageQuery(options: FindLeadsOptions, lead: LeadSql, extra: ((params: SqlParams) => string) | null): { sql: string; values: unknown[] } {
  const { state } = options;
  const params = new SqlParams(lead.values.length);
  const cursor = decodeLeadCursor(state.cursor, state.sort, state.direction);
  const order = leadOrderBy({ sort: state.sort, direction: state.direction, q: state.filter.q }, params, cursor, "m");
  const condition = extra ? ` AND ${extra(params)}` : "";
  const limit = params.add((options.pageSize ?? LEAD_PAGE_SIZE) + 1, "::int");
  const direction = state.direction === "asc" ? "ASC" : "DESC";
  const keys = order.sortExpressions.map((_, i) => `page.sort_${i}`);
  const sql = `
    SELECT page.id, json_build_array(${keys.join(", ")}) AS sort_key, b.name, b.kind::text AS kind, b.npwp, b.nib,
      p.name AS province_name, rg.name AS regency_name, d.name AS district_name, v.name AS village_name,
      b.business_scale, b.kbli, b.worker_count, b.worker_gap, b.status::text AS status, b.priority, b.sources,
      page.follow_up_status, u.name AS assignee_name${extra ? ", page.matched" : ""}
    FROM (
      SELECT m.* FROM (
        SELECT b.id, ${order.sortExpressions.map((e, i) => `${e} AS sort_${i}`).join(", ")},
          f.status::text AS follow_up_status, f.assigned_to_id::text AS assigned_to_id${extra ? ", count(*) OVER ()::int AS matched" : ""}
        FROM ${lead.from}
        WHERE ${lead.where}${condition}
      ) m${order.after ? `
      WHERE ${order.after}` : ""}
      ORDER BY ${order.orderBy}
      LIMIT ${limit}
    ) page
    JOIN business b ON b.id = page.id
    LEFT JOIN region p ON p.code = b.province_code
    LEFT JOIN region rg ON rg.code = b.regency_code
    LEFT JOIN region d ON d.code = b.district_code
    LEFT JOIN region v ON v.code = b.village_code
    LEFT JOIN app_user u ON u.id::text = page.assigned_to_id
    ORDER BY ${[...keys, "page.id"].map((k) => `${k} ${direction}`).join(", ")}`;
  return { sql, values: [...lead.values, ...params.values] };
}

function toLeadPage(raw: RawRow[], options: FindLeadsOptions, n: number): LeadPage {
  const { state } = options;
  const pageSize = options.pageSize ?? LEAD_PAGE_SIZE;
  const rows = raw.slice(0, pageSize);
  const last = rows.at(-1);
  const nextCursor =
    raw.length > pageSize && last ? encodeLeadCursor(state.sort, state.direction, { values: last.sort_key, id: String(last.id) }) : null;
  return {
    rows: rows.map(toLeadListRow),
    nextCursor,
    count: n > COUNT_CAP ? { value: COUNT_CAP, capped: true } : { value: n, capped: false },
  };
}

function toLeadListRow(r: RawRow): LeadListRow {
  return {
    id: String(r.id),
    name: r.name,
    kind: r.kind,
    npwp: maskIfPersonal(r.npwp, leadFieldColumn(r.kind, "npwp")),
    nib: r.nib,
    provinceName: r.province_name,
    regencyName: r.regency_name,
    districtName: r.district_name,
    villageName: r.village_name,
    businessScale: r.business_scale,
    kbli: r.kbli,
    workerCount: r.worker_count,
    workerGap: r.worker_gap,
    status: r.status,
    priority: r.priority,
    sources: r.sources,
    followUpStatus: r.follow_up_status,
    assigneeName: r.assignee_name,
  };
}
