import "server-only";
import { type ActivityKindValue, CLOSED_BY_IMPORT, CLOSED_STATUSES_SQL, FOLLOW_UP_PAGE_SIZE, type FollowUpQuery, type FollowUpSort, type FollowUpStatusValue } from "@/lib/leads/follow-up.ts";
import type { BusinessStatusValue } from "@/lib/leads/business-status.ts";
import type { EntityKindValue } from "@/lib/leads/entity-kind.ts";
import type { RegionScope } from "@/server/access/region-scope.ts";
import { readPool } from "@/server/db/read-db.ts";
import { FOLLOW_UP_REGION_COLUMNS, regionScopeSql } from "@/server/access/region-scope.ts";
import { SqlParams } from "@/server/leads/lead-query.ts";

export interface FollowUpRow {
  businessId: string;
  name: string;
  /** A notary's follow-up is worked like a business's; the list marks which it is. */
  kind: EntityKindValue;
  regionName: string | null;
  businessStatus: BusinessStatusValue;
  status: FollowUpStatusValue;
  dueDate: string | null;
  overdue: boolean;
  assignedToName: string | null;
  lastActivity: { kind: ActivityKindValue; occurredOn: string; outcome: string | null } | null;
  closedNote: string | null;
}

export interface FollowUpPage {
  rows: FollowUpRow[];
  total: number;
  pageCount: number;
}

export interface FindFollowUpsOptions {
  query: FollowUpQuery;
  scope: RegionScope;
  /** An officer sees only their own leads, whatever the URL says. */
  actor: { id: string; role: string };
}

// Due dates are days in WIB.
const TODAY_WIB = `(now() AT TIME ZONE 'Asia/Jakarta')::date`;
const OPEN = `f.status NOT IN (${CLOSED_STATUSES_SQL})`;

/** ORDER BY of each sort (fixed text, the direction from an enum); business id breaks ties so pages never overlap. */
function orderBy(sort: FollowUpSort, direction: "asc" | "desc"): string {
  const dir = direction === "desc" ? "DESC" : "ASC";
  switch (sort) {
    case "tenggat":
      return `(${OPEN}) DESC, f.due_date ${dir} NULLS LAST, b.priority DESC, b.id`;
    case "nama":
      return `b.name ${dir}, b.id`;
    case "status":
      return `f.status ${dir}, f.due_date ASC NULLS LAST, b.id`;
    case "petugas":
      return `u.name ${dir} NULLS LAST, f.due_date ASC NULLS LAST, b.id`;
    case "kegiatan":
      return `a.occurred_on ${dir} NULLS LAST, b.id`;
  }
}

/**
 * "Tindak Lanjut Saya": the follow-ups an officer holds (a supervisor: those in his regions, by
 * officer), soonest due first unless the URL sorts otherwise, with the last activity of each. The region scope is part of the
 * query, as for every business read. Counting is exact: follow-ups number in the thousands.
 */
export async function findFollowUps({ query, scope, actor }: FindFollowUpsOptions): Promise<FollowUpPage> {
  if (scope.kind === "none") return { rows: [], total: 0, pageCount: 0 };
  const params = new SqlParams();
  // Scoped on the follow-up rows' own copy of their business's region codes: a supervisor's
  // province is then its few thousand follow-up rows, where scoping `business` read the
  // province's hundred thousand businesses to find them.
  const where: string[] = [regionScopeSql(scope, FOLLOW_UP_REGION_COLUMNS, params)];
  const officerId = actor.role === "OFFICER" ? actor.id : query.officerId;
  if (officerId) where.push(`f.assigned_to_id = ${params.add(officerId, "::uuid")}`);
  if (query.view === "terbuka") where.push(OPEN);
  if (query.view === "terlambat") where.push(`${OPEN} AND f.due_date < ${TODAY_WIB}`);
  if (query.view === "ditutup") where.push(`NOT (${OPEN})`);
  const whereSql = `WHERE ${where.join(" AND ")}`;
  const from = `FROM lead_follow_up f JOIN business b ON b.id = f.business_id`;

  // On the pool as plain SQL, the count beside the page: Tindak Lanjut is a page officers open
  // all day, and Prisma's own work per raw query costs more Node CPU than PostgreSQL spends here.
  const pool = await readPool();
  const offset = (query.page - 1) * FOLLOW_UP_PAGE_SIZE;
  const counting = pool.query<{ total: number }>(`SELECT count(*)::int AS total ${from} ${whereSql}`, params.values);
  const listing = pool.query<
    {
      business_id: string;
      name: string;
      kind: EntityKindValue;
      region_name: string | null;
      business_status: BusinessStatusValue;
      status: FollowUpStatusValue;
      due_date: string | null;
      overdue: boolean;
      assigned_to_name: string | null;
      closed_by: string | null;
      last_kind: ActivityKindValue | null;
      last_on: string | null;
      last_outcome: string | null;
      last_note: string | null;
    }
  >(
    `SELECT b.id::text AS business_id, b.name, b.kind::text AS kind, r.name AS region_name, b.status::text AS business_status, f.status::text AS status,
            to_char(f.due_date, 'YYYY-MM-DD') AS due_date, (${OPEN} AND f.due_date < ${TODAY_WIB}) AS overdue,
            u.name AS assigned_to_name, f.closed_by,
            a.kind::text AS last_kind, to_char(a.occurred_on, 'YYYY-MM-DD') AS last_on, a.outcome AS last_outcome, a.note AS last_note
     ${from}
     LEFT JOIN region r ON r.code = coalesce(b.district_code, b.regency_code, b.province_code)
     LEFT JOIN app_user u ON u.id = f.assigned_to_id
     LEFT JOIN LATERAL (SELECT kind, occurred_on, outcome, note FROM lead_activity x WHERE x.business_id = f.business_id
                        ORDER BY x.created_at DESC, x.id DESC LIMIT 1) a ON TRUE
     ${whereSql}
     ORDER BY ${orderBy(query.sort, query.direction)}
     LIMIT ${FOLLOW_UP_PAGE_SIZE} OFFSET ${offset}`,
    params.values,
  );
  const [counted, { rows }] = await Promise.all([counting, listing]);
  const total = counted.rows[0]!.total;
  return {
    total,
    pageCount: Math.ceil(total / FOLLOW_UP_PAGE_SIZE),
    rows: rows.map((row) => ({
      businessId: row.business_id,
      name: row.name,
      kind: row.kind,
      regionName: row.region_name,
      businessStatus: row.business_status,
      status: row.status,
      dueDate: row.due_date,
      overdue: row.overdue,
      assignedToName: row.assigned_to_name,
      lastActivity: row.last_kind ? { kind: row.last_kind, occurredOn: row.last_on!, outcome: row.last_outcome } : null,
      closedNote: row.closed_by === CLOSED_BY_IMPORT ? (row.last_note ?? "Ditutup otomatis: terdaftar menurut impor data BPJS") : null,
    })),
  };
}
