import "server-only";
import { db } from "@/server/db/client.ts";
import { type AuditCheckpoint, readAuditCheckpoints } from "./audit-checkpoint.ts";
import { auditEventHash, GENESIS_HASH } from "./audit-hash.ts";

export type CheckpointProblem =
  /** A line of the checkpoint file is not authentic (HMAC wrong): the file was edited. */
  | { kind: "tampered_file"; lines: number[] }
  /** The chain ends before a checkpointed event: the events after `headId` were deleted. */
  | { kind: "missing_after"; seq: number; at: string }
  /** A checkpointed event inside the chain is gone. */
  | { kind: "missing"; seq: number; at: string }
  /** A checkpointed event has another hash now: it, or the chain up to it, was rewritten. */
  | { kind: "changed"; seq: number; at: string };

export interface AuditChainReport {
  ok: boolean;
  eventCount: number;
  /** Hash of the newest event. */
  headHash: string;
  headId: string | null;
  firstBroken: { id: string; problem: "prev_hash_mismatch" | "hash_mismatch" } | null;
  /** The checks against the checkpoints kept outside the database (audit-checkpoint.ts). */
  checkpoints: { checked: number; newest: { seq: number; at: string } | null; problem: CheckpointProblem | null };
}

// Rows per round trip: large enough to keep the walk fast, small enough to bound memory.
const BATCH = 5_000;

/**
 * Recomputes the whole chain in id order and names the first event that does not fit, then
 * holds it against every checkpoint: each checkpointed event must still be there with the same
 * hash, so a cut or rewritten tail shows even though the chain itself is consistent.
 */
export async function verifyAuditChain(options: { checkpointFile?: string } = {}): Promise<AuditChainReport> {
  const file = await readAuditCheckpoints(options.checkpointFile);
  const chain = await walkChain(new Set(file.checkpoints.map((point) => point.seq)));
  const newest = file.checkpoints.reduce<AuditCheckpoint | null>((a, b) => (a && a.seq >= b.seq ? a : b), null);
  // A broken chain is reported by itself: the walk stopped there, so later anchors were not seen.
  const problem: CheckpointProblem | null = file.badLines.length
    ? { kind: "tampered_file", lines: file.badLines }
    : chain.firstBroken
      ? null
      : checkpointProblem(file.checkpoints, chain);
  return {
    ok: chain.firstBroken === null && problem === null,
    eventCount: chain.eventCount,
    headHash: chain.headHash,
    headId: chain.headId,
    firstBroken: chain.firstBroken,
    checkpoints: { checked: file.checkpoints.length, newest: newest && { seq: newest.seq, at: newest.at }, problem },
  };
}

interface ChainWalk {
  eventCount: number;
  headHash: string;
  headId: string | null;
  firstBroken: AuditChainReport["firstBroken"];
  /** Hashes of the checkpointed ids found in the table. */
  anchored: Map<number, string>;
}

function checkpointProblem(checkpoints: AuditCheckpoint[], chain: ChainWalk): CheckpointProblem | null {
  // The highest checkpoint first: a cut tail is the most telling thing to report.
  for (const point of [...checkpoints].sort((a, b) => b.seq - a.seq)) {
    const found = chain.anchored.get(point.seq);
    if (found === undefined) {
      const beyondHead = chain.headId === null || point.seq > Number(chain.headId);
      return { kind: beyondHead ? "missing_after" : "missing", seq: point.seq, at: point.at };
    }
    if (found !== point.hash) return { kind: "changed", seq: point.seq, at: point.at };
  }
  return null;
}

async function walkChain(anchoredIds: Set<number>): Promise<ChainWalk> {
  let expectedPrev = GENESIS_HASH;
  let afterId = -1n;
  let eventCount = 0;
  let headId: string | null = null;
  const anchored = new Map<number, string>();
  const broken = (id: string, problem: "prev_hash_mismatch" | "hash_mismatch"): ChainWalk => ({
    eventCount,
    headHash: expectedPrev,
    headId,
    firstBroken: { id, problem },
    anchored,
  });
  for (;;) {
    const rows = await db.auditEvent.findMany({ where: { id: { gt: afterId } }, orderBy: { id: "asc" }, take: BATCH });
    if (rows.length === 0) break;
    for (const row of rows) {
      eventCount += 1;
      const id = row.id.toString();
      if (anchoredIds.has(Number(row.id))) anchored.set(Number(row.id), row.hash);
      if (row.prevHash !== expectedPrev) return broken(id, "prev_hash_mismatch");
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
      if (recomputed !== row.hash) return broken(id, "hash_mismatch");
      expectedPrev = row.hash;
      headId = id;
    }
    afterId = rows[rows.length - 1]!.id;
  }
  return { eventCount, headHash: expectedPrev, headId, firstBroken: null, anchored };
}
