import "server-only";
import { auditDateRange, type AuditFilter } from "@/lib/audit-filter.ts";
import type { AuditOutcome } from "@/lib/audit-actions.ts";
import type { Prisma } from "@/server/db/client.ts";
import { readDb } from "@/server/db/read-db.ts";

/** Rows per page of the audit table. */
export const AUDIT_PAGE_SIZE = 50;
/**
 * Counting stops here: an exact count over millions of events on every page view would cost
 * more than the page itself, and "more than 10,000" is all a reader needs to narrow the filter.
 */
export const AUDIT_COUNT_CAP = 10_000;

/** One audit event as the page and the export show it: everything but the chain hashes. */
export interface AuditEventDto {
  /** bigint as text: it crosses to the browser and into URLs. */
  id: string;
  occurredAt: Date;
  actorUsername: string | null;
  actorRole: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  region: string | null;
  outcome: AuditOutcome;
  reason: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  /** Already sanitized when written (server/audit/sanitize-details.ts). */
  details: unknown;
  hash: string;
}

export const auditEventDtoSelect = {
  id: true,
  occurredAt: true,
  actorUsername: true,
  actorRole: true,
  action: true,
  objectType: true,
  objectId: true,
  region: true,
  outcome: true,
  reason: true,
  ip: true,
  userAgent: true,
  requestId: true,
  details: true,
  hash: true,
} as const satisfies Prisma.AuditEventSelect;

export type AuditEventRow = Prisma.AuditEventGetPayload<{ select: typeof auditEventDtoSelect }>;

export function toAuditEventDto(row: AuditEventRow): AuditEventDto {
  return { ...row, id: row.id.toString(), details: row.details ?? null };
}

/**
 * The `where` for a filter, shared by the page and the export so both always show the same
 * events. The page position (`before`) is left to the caller.
 */
export function auditEventWhere(filter: AuditFilter): Prisma.AuditEventWhereInput {
  const occurredAt = auditDateRange(filter);
  return {
    ...(filter.actor && { actorUsername: { contains: escapeLike(filter.actor), mode: "insensitive" } }),
    ...(filter.action && { action: filter.action }),
    ...(filter.objectType && { objectType: filter.objectType }),
    ...(filter.objectId && { objectId: filter.objectId }),
    ...(filter.outcome && { outcome: filter.outcome }),
    ...((occurredAt.gte || occurredAt.lt) && { occurredAt }),
  };
}

/** Prisma passes `contains` to LIKE as is: escape its wildcards so typed text matches literally. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, "\\$&");
}

export interface FindAuditEventsOptions {
  filter: AuditFilter;
  /** Defaults to AUDIT_PAGE_SIZE. */
  pageSize?: number;
}

export interface AuditEventPage {
  /** Newest first. */
  events: AuditEventDto[];
  /** The `before` value of the next (older) page, or null on the last page. */
  nextBefore: string | null;
  /** How many events match the filter, counted up to AUDIT_COUNT_CAP (`capped` when there are more). */
  matched: { count: number; capped: boolean };
}

/**
 * One page of the audit trail, newest first. Pages are keyset pages by id (`before`), so events
 * written while someone reads do not shift the older pages under them.
 */
export async function findAuditEvents({ filter, pageSize = AUDIT_PAGE_SIZE }: FindAuditEventsOptions): Promise<AuditEventPage> {
  const where = auditEventWhere(filter);
  const [rows, counted] = await Promise.all([
    (await readDb()).auditEvent.findMany({
      where: filter.before ? { AND: [where, { id: { lt: BigInt(filter.before) } }] } : where,
      orderBy: { id: "desc" },
      take: pageSize + 1,
      select: auditEventDtoSelect,
    }),
    (await readDb()).auditEvent.count({ where, take: AUDIT_COUNT_CAP + 1 }),
  ]);
  const page = rows.slice(0, pageSize);
  return {
    events: page.map(toAuditEventDto),
    nextBefore: rows.length > pageSize ? (page.at(-1)?.id.toString() ?? null) : null,
    matched: { count: Math.min(counted, AUDIT_COUNT_CAP), capped: counted > AUDIT_COUNT_CAP },
  };
}
