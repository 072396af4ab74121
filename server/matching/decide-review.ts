import "server-only";
import { decideReviewSchema, REVIEW_STATUS_LABELS, type DecideReviewInput, type ReviewDecision } from "@/lib/match-review.ts";
import { regionScopeWhere, type RegionScope } from "@/server/access/region-scope.ts";
import { appendAuditEvent, type AuditActor } from "@/server/audit/append-audit-event.ts";
import { db } from "@/server/db/client.ts";
import { DomainError } from "@/server/errors.ts";
import type { RequestContext } from "@/server/http/request-context.ts";
import { enqueueMatchRun } from "./enqueue-match-run.ts";

export interface DecideReviewOptions {
  input: DecideReviewInput;
  /** The reviewer's region scope: a pair outside it is not found. */
  scope: RegionScope;
  actor: AuditActor;
  context: RequestContext;
}

export interface DecideReviewResult {
  reviewId: string;
  decision: ReviewDecision;
  /**
   * The queued re-match of the pair's businesses (its match_run id); null when it could not be
   * queued — the next run applies the decision all the same.
   */
  rematchRunId: number | null;
}

/**
 * A reviewer's verdict on a grey-zone pair: the same business (CONFIRMED) or two (REJECTED).
 * The pair must still be pending and inside the reviewer's regions; the decision and its audit
 * event commit together. Decisions are stored by the records' fingerprints, so every later run
 * applies them, re-imports and new periods included. Then an incremental match run of the two
 * records' businesses is queued, as the reviewer, so the leads reflect the decision within moments:
 * a worker runs it (after any run in progress), never the reviewer's request, which a long full
 * run would otherwise hold up. A failure to queue it is logged and does not undo the decision.
 */
export async function decideReview({ input, scope, actor, context }: DecideReviewOptions): Promise<DecideReviewResult> {
  const { reviewId, decision, note } = decideReviewSchema.parse(input);
  const id = BigInt(reviewId);
  const inScope = { id, ...regionScopeWhere(scope, { code: "regencyCode" }) };

  const review = await db.$transaction(async (tx) => {
    // Conditional on PENDING, so of two reviewers deciding at once only the first one counts.
    const { count } = await tx.matchReview.updateMany({
      where: { ...inScope, status: "PENDING" },
      data: { status: decision, decidedBy: actor.username, decidedAt: new Date(), note, updatedAt: new Date() },
    });
    const row = await tx.matchReview.findFirst({
      where: inScope,
      select: { score: true, regencyCode: true, leftFingerprint: true, rightFingerprint: true, leftRecordId: true, rightRecordId: true, status: true, decidedBy: true },
    });
    if (!row) {
      // A full run renumbers pending pairs, so a page opened before it may name a gone id.
      throw new DomainError("Pasangan ini tidak ditemukan di wilayah Anda. Muat ulang halaman untuk melihat antrean terbaru.");
    }
    if (count === 0) {
      const label = row.status === "PENDING" ? "" : ` (${REVIEW_STATUS_LABELS[row.status].toLowerCase()})`;
      throw new DomainError(`Pasangan ini sudah diputuskan${label}${row.decidedBy ? ` oleh ${row.decidedBy}` : ""}.`);
    }
    await appendAuditEvent(tx, {
      action: decision === "CONFIRMED" ? "match.review_confirm" : "match.review_reject",
      actor,
      objectType: "match_review",
      objectId: reviewId,
      region: row.regencyCode ?? undefined,
      // The fingerprints themselves may carry a name or an identifier: only their sources.
      details: {
        score: row.score,
        leftSource: sourceOf(row.leftFingerprint),
        rightSource: sourceOf(row.rightFingerprint),
        withNote: note !== null,
      },
      context,
    });
    return row;
  });

  let rematchRunId: number | null = null;
  try {
    rematchRunId = await enqueueMatchRun({ kind: "INCREMENTAL", seedRecordIds: [review.leftRecordId, review.rightRecordId], actor });
  } catch (error) {
    console.error(`[match] pencocokan ulang setelah keputusan tinjauan ${reviewId} tidak dapat diantrekan (request ${context.requestId ?? "-"})`, error);
  }
  return { reviewId, decision, rematchRunId };
}

/** "kemnaker-bu/w/…" → "kemnaker-bu" (server/matching/fingerprint.ts). */
function sourceOf(fingerprint: string): string {
  return fingerprint.split("/", 1)[0]!;
}
