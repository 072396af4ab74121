import "server-only";
import { IDEMPOTENCY_RETENTION_MS } from "@/lib/partner-api.ts";
import { db, type Prisma } from "@/server/db/client.ts";
import { ApiProblem } from "@/server/http/api-problem.ts";

/**
 * `Idempotency-Key` for the partner web service: a client that lost the answer to a call sends it
 * again with the same key and gets the same answer, without a second import. Per API key, kept
 * 24 hours. Only successful answers are kept: a refused call changed nothing, so the partner may
 * fix the body and retry under the same key.
 */

export type IdempotencyStart =
  | { kind: "new"; recordId: string }
  | { kind: "replay"; status: number; body: unknown };

interface StartInput {
  keyId: string;
  idempotencyKey: string;
  /** Hex SHA-256 of what makes the request this request (source and body bytes). */
  requestHash: string;
}

// Expired records are deleted at most this often per process; lookups ignore them meanwhile.
// (Per process on purpose: only how often to clean up, so several instances agree on every answer.)
const PRUNE_INTERVAL_MS = 10 * 60_000;
// A claim without an answer after this long belongs to a process that died mid-call (its batch
// rolled back): the key is free again. An import of 10,000 records takes seconds.
const STALE_CLAIM_MS = 15 * 60_000;
const globalForPrune = globalThis as unknown as { jangkauIdempotencyPrunedAt?: number };

/**
 * Claims the Idempotency-Key for this request, or tells what to answer instead: the stored answer
 * (same body), 422 (another body under the same key) or 409 (the first request is still running).
 */
export async function startIdempotentRequest(input: StartInput): Promise<IdempotencyStart> {
  await pruneExpired();
  const cutoff = new Date(Date.now() - IDEMPOTENCY_RETENTION_MS);
  const staleClaim = new Date(Date.now() - STALE_CLAIM_MS);
  for (let attempt = 0; attempt < 2; attempt++) {
    const existing = await db.idempotencyRecord.findUnique({
      where: { keyId_idempotencyKey: { keyId: input.keyId, idempotencyKey: input.idempotencyKey } },
    });
    if (existing && (existing.createdAt < cutoff || (existing.responseStatus === null && existing.createdAt < staleClaim))) {
      await db.idempotencyRecord.deleteMany({ where: { id: existing.id, createdAt: existing.createdAt } });
    } else if (existing) {
      if (existing.requestHash !== input.requestHash) {
        throw new ApiProblem(
          422,
          "idempotency_key_reused",
          "Idempotency-Key dipakai untuk permintaan lain",
          "Idempotency-Key ini sudah dipakai dalam 24 jam terakhir untuk permintaan dengan isi berbeda. Gunakan kunci baru untuk kiriman baru.",
        );
      }
      if (existing.responseStatus === null) {
        throw new ApiProblem(
          409,
          "idempotency_in_progress",
          "Permintaan yang sama sedang diproses",
          "Permintaan dengan Idempotency-Key ini masih diproses. Ulangi sebentar lagi untuk mendapatkan jawabannya.",
          { headers: { "Retry-After": "5" } },
        );
      }
      return { kind: "replay", status: existing.responseStatus, body: existing.responseBody };
    }
    try {
      const created = await db.idempotencyRecord.create({
        data: { keyId: input.keyId, idempotencyKey: input.idempotencyKey, requestHash: input.requestHash },
        select: { id: true },
      });
      return { kind: "new", recordId: created.id };
    } catch (error) {
      // A concurrent request with the same key claimed it first: look again.
      if (!isUniqueViolation(error)) throw error;
    }
  }
  throw new ApiProblem(409, "idempotency_in_progress", "Permintaan yang sama sedang diproses", "Permintaan dengan Idempotency-Key ini masih diproses.", {
    headers: { "Retry-After": "5" },
  });
}

/** Keeps the answer for replay (successful answers only; see above). */
export async function completeIdempotentRequest(recordId: string, status: number, body: Prisma.InputJsonValue): Promise<void> {
  await db.idempotencyRecord.update({ where: { id: recordId }, data: { responseStatus: status, responseBody: body } });
}

/** Releases the key after a refusal or a failure, so the same key may be used again. */
export async function abandonIdempotentRequest(recordId: string): Promise<void> {
  await db.idempotencyRecord.deleteMany({ where: { id: recordId, responseStatus: null } });
}

async function pruneExpired(): Promise<void> {
  const now = Date.now();
  if (now - (globalForPrune.jangkauIdempotencyPrunedAt ?? 0) < PRUNE_INTERVAL_MS) return;
  globalForPrune.jangkauIdempotencyPrunedAt = now;
  await db.idempotencyRecord.deleteMany({ where: { createdAt: { lt: new Date(now - IDEMPOTENCY_RETENTION_MS) } } });
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}
