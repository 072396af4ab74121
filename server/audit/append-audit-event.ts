import "server-only";
import type { AuditAction, AuditOutcome } from "@/lib/audit-actions.ts";
import { db, type Tx } from "@/server/db/client.ts";
import type { RequestContext } from "@/server/http/request-context.ts";
import { auditEventHash, GENESIS_HASH, type HashedAuditContent } from "./audit-hash.ts";
import { sanitizeAuditDetails } from "./sanitize-details.ts";

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

/**
 * Appends one event to the hash-chained audit trail inside the caller's transaction, so the
 * action and its record commit or fail together.
 */
export async function appendAuditEvent(tx: Tx, input: AuditEventInput): Promise<{ id: bigint; hash: string }> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CHAIN_LOCK_KEY}::bigint)`;
  const [last] = await tx.$queryRaw<{ hash: string }[]>`SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1`;
  const [{ id }] = (await tx.$queryRaw<{ id: bigint }[]>`
    SELECT nextval(pg_get_serial_sequence('audit_event', 'id')) AS id`) as [{ id: bigint }];

  const occurredAt = new Date();
  const content: HashedAuditContent = {
    id: id.toString(),
    occurredAt: occurredAt.toISOString(),
    actorId: input.actor?.id ?? null,
    actorUsername: input.actor?.username ?? null,
    actorRole: input.actor?.role ?? null,
    action: input.action,
    objectType: input.objectType ?? null,
    objectId: input.objectId ?? null,
    region: input.region ?? null,
    outcome: input.outcome ?? "SUCCESS",
    reason: input.reason?.slice(0, 500) ?? null,
    ip: input.context?.ip ?? null,
    userAgent: input.context?.userAgent ?? null,
    requestId: input.context?.requestId ?? null,
    details: input.details ? sanitizeAuditDetails(input.details) : null,
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  const hash = auditEventHash(prevHash, content);

  await tx.auditEvent.create({
    data: {
      id,
      occurredAt,
      actorId: content.actorId,
      actorUsername: content.actorUsername,
      actorRole: content.actorRole,
      action: content.action,
      objectType: content.objectType,
      objectId: content.objectId,
      region: content.region,
      outcome: input.outcome ?? "SUCCESS",
      reason: content.reason,
      ip: content.ip,
      userAgent: content.userAgent,
      requestId: content.requestId,
      details: content.details === null ? undefined : (content.details as object),
      prevHash,
      hash,
    },
  });
  return { id, hash };
}

/** Records an event that accompanies no other change (a page view, a denial) in its own transaction. */
export async function recordAuditEvent(input: AuditEventInput): Promise<void> {
  await db.$transaction((tx) => appendAuditEvent(tx, input));
}
