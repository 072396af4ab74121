import "server-only";
import type pg from "pg";
import type { AuditAction, AuditOutcome } from "@/lib/audit-actions.ts";
import { dbPool, type Tx } from "@/server/db/client.ts";
import type { RequestContext } from "@/server/http/request-context.ts";
import { auditEventHash, GENESIS_HASH, type HashedAuditContent } from "./audit-hash.ts";
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
const CHAIN_LOCK_KEY = 7_020_117_001;

/** Runs one parameterised statement inside the caller's transaction and returns its rows. */
type AuditSql = <Row>(sql: string, params: unknown[]) => Promise<Row[]>;

/** Where the chain stands once the caller holds its lock: the last event's hash and the next id. */
interface ChainHead {
  prevHash: string;
  id: string;
}

const INSERT_EVENT = `INSERT INTO audit_event (id, occurred_at, actor_id, actor_username, actor_role, action, object_type, object_id,
     region, outcome, reason, ip, user_agent, request_id, details, prev_hash, hash)
   VALUES ($1::bigint, $2::timestamptz, $3, $4, $5, $6, $7, $8, $9, $10::"AuditOutcome", $11, $12, $13, $14, $15::jsonb, $16, $17)`;

/**
 * Appends one event to the hash-chained audit trail inside the caller's transaction, so the
 * action and its record commit or fail together. Works through any transaction handle: Prisma's
 * (`appendAuditEvent`) or a raw pg client's (`appendAuditEventPg`, used by COPY-based imports).
 */
async function appendAuditEventVia(sql: AuditSql, input: AuditEventInput): Promise<{ id: bigint; hash: string }> {
  await sql("SELECT 1 AS locked FROM pg_advisory_xact_lock($1::bigint)", [CHAIN_LOCK_KEY]);
  const [last] = await sql<{ hash: string }>("SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1", []);
  const [next] = await sql<{ id: string }>("SELECT nextval(pg_get_serial_sequence('audit_event', 'id'))::text AS id", []);
  const event = chainedEvent(input, { prevHash: last?.hash ?? GENESIS_HASH, id: next!.id });
  await sql(INSERT_EVENT, event.params);
  return { id: event.id, hash: event.hash };
}

/** The event's row, hashed onto the chain's head: the INSERT's parameters. */
function chainedEvent(input: AuditEventInput, head: ChainHead): { id: bigint; hash: string; params: unknown[] } {
  const occurredAt = new Date();
  const content: HashedAuditContent = {
    id: head.id,
    occurredAt: occurredAt.toISOString(),
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
  const hash = auditEventHash(head.prevHash, content);
  const params = [
    content.id,
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
    head.prevHash,
    hash,
  ];
  return { id: BigInt(head.id), hash, params };
}

export function appendAuditEvent(tx: Tx, input: AuditEventInput): Promise<{ id: bigint; hash: string }> {
  return appendAuditEventVia((sql, params) => tx.$queryRawUnsafe(sql, ...params), input);
}

export function appendAuditEventPg(client: pg.ClientBase, input: AuditEventInput): Promise<{ id: bigint; hash: string }> {
  return appendAuditEventVia(async <Row,>(sql: string, params: unknown[]) => (await client.query(sql, params)).rows as Row[], input);
}

// BEGIN, the chain lock, the chain's head and the next id as one simple-protocol batch (constants
// only, no parameters). In READ COMMITTED every statement of a batch reads with a snapshot of its
// own, so the head is read after the lock is granted and sees the event committed just before.
const LOCK_AND_READ_HEAD = `BEGIN; SELECT pg_advisory_xact_lock(${CHAIN_LOCK_KEY}::bigint);
  SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1;
  SELECT nextval(pg_get_serial_sequence('audit_event', 'id'))::text AS id`;

/**
 * Records an event that accompanies no other change (a page view, a search, a denial) in its own
 * transaction. Every lead page view and search comes here, and the chain lock serialises all
 * appends, so this one holds it briefly: on the pool directly (no Prisma work per statement), in
 * three round trips — BEGIN with the lock and the head, the INSERT, COMMIT — instead of six. The
 * event is committed before the page answers, as before.
 */
export async function recordAuditEvent(input: AuditEventInput): Promise<void> {
  const client = await dbPool().connect();
  let healthy = true;
  try {
    const results = (await client.query(LOCK_AND_READ_HEAD)) as unknown as pg.QueryResult[];
    const last = results[2]!.rows[0] as { hash: string } | undefined;
    const next = results[3]!.rows[0] as { id: string };
    const event = chainedEvent(input, { prevHash: last?.hash ?? GENESIS_HASH, id: next.id });
    await client.query(INSERT_EVENT, event.params);
    await client.query("COMMIT");
  } catch (error) {
    // A connection that cannot even roll back is dropped rather than handed to the next request.
    healthy = await client.query("ROLLBACK").then(() => true, () => false);
    throw error;
  } finally {
    client.release(!healthy);
  }
}
