import "server-only";
import type pg from "pg";
import type { AuditAction, AuditOutcome } from "@/lib/audit-actions.ts";
import { dbPool, type Tx } from "@/server/db/client.ts";
import type { RequestContext } from "@/server/http/request-context.ts";
import { canonicalJsonAroundId, type HashedAuditContent } from "./audit-hash.ts";
import { sanitizeAuditDetails, sanitizeAuditText } from "./sanitize-details.ts";

export interface AuditActor {
  id: string | null;
  username: string;
  role: string;
}

export interface AuditEventInput {
  action: AuditAction;
  outcome?: AuditOutcome;
  /** Null for an anonymous visitor (e.g. a failed sign-in for an unknown user name). */
  actor: AuditActor | null;
  objectType?: string;
  objectId?: string;
  region?: string;
  reason?: string;
  details?: Record<string, unknown>;
  context?: RequestContext;
}

// Serialises appends so each event chains to the one committed before it; held until commit.
// audit_append (the database function every append goes through) takes it by this number.
export const CHAIN_LOCK_KEY = 7_020_117_001;

/** Runs one parameterised statement inside the caller's transaction and returns its rows. */
type AuditSql = <Row>(sql: string, params: unknown[]) => Promise<Row[]>;

// One statement: the chain lock, the head, the next id, the hash and the INSERT happen inside
// PostgreSQL, so no round trip to this process (busy rendering other pages) falls inside the lock.
const APPEND_EVENT = `SELECT event_id::text AS id, event_hash AS hash
   FROM audit_append($1, $2, $3::timestamptz, $4, $5, $6, $7, $8, $9, $10, $11::"AuditOutcome", $12, $13, $14, $15, $16::jsonb)`;

/**
 * Appends one event to the hash-chained audit trail inside the caller's transaction, so the
 * action and its record commit or fail together. Works through any transaction handle: Prisma's
 * (`appendAuditEvent`) or a raw pg client's (`appendAuditEventPg`, used by COPY-based imports).
 */
async function appendAuditEventVia(sql: AuditSql, input: AuditEventInput): Promise<{ id: bigint; hash: string }> {
  const [appended] = await sql<{ id: string; hash: string }>(APPEND_EVENT, appendParams(input));
  return { id: BigInt(appended!.id), hash: appended!.hash };
}

/** audit_append's parameters: the event's content, and its canonical JSON cut around the id. */
function appendParams(input: AuditEventInput): unknown[] {
  const content: Omit<HashedAuditContent, "id"> = {
    occurredAt: new Date().toISOString(),
    actorId: input.actor?.id ?? null,
    // A failed sign-in records the name as typed, which may be someone's email or NIK.
    actorUsername: sanitizeAuditText(input.actor?.username),
    actorRole: input.actor?.role ?? null,
    action: input.action,
    // Every text column goes through the same rule as `details`: callers pass paths, reasons and
    // request headers that a user typed or sent.
    objectType: sanitizeAuditText(input.objectType),
    objectId: sanitizeAuditText(input.objectId),
    region: sanitizeAuditText(input.region),
    outcome: input.outcome ?? "SUCCESS",
    reason: sanitizeAuditText(input.reason?.slice(0, 500)),
    ip: sanitizeAuditText(input.context?.ip),
    userAgent: sanitizeAuditText(input.context?.userAgent),
    requestId: sanitizeAuditText(input.context?.requestId),
    details: input.details ? sanitizeAuditDetails(input.details) : null,
  };
  const { before, after } = canonicalJsonAroundId(content);
  return [
    before,
    after,
    content.occurredAt,
    content.actorId,
    content.actorUsername,
    content.actorRole,
    content.action,
    content.objectType,
    content.objectId,
    content.region,
    content.outcome,
    content.reason,
    content.ip,
    content.userAgent,
    content.requestId,
    content.details === null ? null : JSON.stringify(content.details),
  ];
}

export function appendAuditEvent(tx: Tx, input: AuditEventInput): Promise<{ id: bigint; hash: string }> {
  return appendAuditEventVia((sql, params) => tx.$queryRawUnsafe(sql, ...params), input);
}

export function appendAuditEventPg(client: pg.ClientBase, input: AuditEventInput): Promise<{ id: bigint; hash: string }> {
  return appendAuditEventVia(async <Row,>(sql: string, params: unknown[]) => (await client.query(sql, params)).rows as Row[], input);
}

/**
 * Records an event that accompanies no other change (a page view, a search, a denial) in a
 * transaction of its own: the one statement, committed before the page answers. Every lead page
 * view and search comes here, and the chain lock serialises all appends; alone in its statement
 * the lock is released as the statement commits.
 */
export async function recordAuditEvent(input: AuditEventInput): Promise<void> {
  await dbPool().query(APPEND_EVENT, appendParams(input));
}
