import "server-only";
import { db } from "@/server/db/client.ts";
import { auditEventHash, GENESIS_HASH } from "./audit-hash.ts";

export interface AuditChainReport {
  ok: boolean;
  eventCount: number;
  /** Hash of the newest event: keep it outside the database to detect a rewritten tail. */
  headHash: string;
  headId: string | null;
  firstBroken: { id: string; problem: "prev_hash_mismatch" | "hash_mismatch" } | null;
}

// Rows per round trip: large enough to keep the walk fast, small enough to bound memory.
const BATCH = 5_000;

/** Recomputes the whole chain in id order and names the first event that does not fit. */
export async function verifyAuditChain(): Promise<AuditChainReport> {
  let expectedPrev = GENESIS_HASH;
  let afterId = -1n;
  let eventCount = 0;
  let headId: string | null = null;
  for (;;) {
    const rows = await db.auditEvent.findMany({ where: { id: { gt: afterId } }, orderBy: { id: "asc" }, take: BATCH });
    if (rows.length === 0) break;
    for (const row of rows) {
      eventCount += 1;
      const id = row.id.toString();
      if (row.prevHash !== expectedPrev) {
        return { ok: false, eventCount, headHash: expectedPrev, headId, firstBroken: { id, problem: "prev_hash_mismatch" } };
      }
      const recomputed = auditEventHash(row.prevHash, {
        id,
        occurredAt: row.occurredAt.toISOString(),
        actorId: row.actorId,
        actorUsername: row.actorUsername,
        actorRole: row.actorRole,
        action: row.action,
        objectType: row.objectType,
        objectId: row.objectId,
        region: row.region,
        outcome: row.outcome,
        reason: row.reason,
        ip: row.ip,
        userAgent: row.userAgent,
        requestId: row.requestId,
        details: row.details ?? null,
      });
      if (recomputed !== row.hash) {
        return { ok: false, eventCount, headHash: expectedPrev, headId, firstBroken: { id, problem: "hash_mismatch" } };
      }
      expectedPrev = row.hash;
      headId = id;
    }
    afterId = rows[rows.length - 1]!.id;
  }
  return { ok: true, eventCount, headHash: expectedPrev, headId, firstBroken: null };
}
