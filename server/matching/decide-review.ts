import "server-only";
import { decideReviewSchema, REVIEW_STATUS_LABELS, type DecideReviewInput, type ReviewDecision } from "@/lib/match-review.ts";
import { regionScopeWhere, type RegionScope } from "@/server/access/region-scope.ts";
import { appendAuditEvent, type AuditActor } from "@/server/audit/append-audit-event.ts";
import { db } from "@/server/db/client.ts";
import { DomainError } from "@/server/errors.ts";
import type { RequestContext } from "@/server/http/request-context.ts";
import { MatchBusyError, runMatch } from "./run-match.ts";

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
  /** Whether the re-match of the pair's businesses ran; when it failed, the next run applies the decision. */
  rematched: boolean;
}

/**
 * A reviewer's verdict on a grey-zone pair: the same business (CONFIRMED) or two (REJECTED).
 * The pair must still be pending and inside the reviewer's regions; the decision and its audit
 * event commit together. Decisions are stored by the records' fingerprints, so every later run
 * applies them, re-imports and new periods included. Then the businesses of the two records are
 * re-resolved at once, so the queue and the leads reflect the decision; a failure there is
 * logged and does not undo the decision.
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

  let rematched = true;
  try {
    // Never queue a web request behind a long full run: the next run applies the decision anyway.
    await runMatch({ kind: "INCREMENTAL", seedRecordIds: [review.leftRecordId, review.rightRecordId], actor, skipIfBusy: true });
  } catch (error) {
    rematched = false;
    // Another run is busy: expected, and it or the next run applies the decision. Only a real failure is logged.
    if (!(error instanceof MatchBusyError)) {
      console.error(`[match] pencocokan ulang setelah keputusan tinjauan ${reviewId} gagal (request ${context.requestId ?? "-"})`, error);
    }
  }
  return { reviewId, decision, rematched };
}

/** "kemnaker-bu/w/…" → "kemnaker-bu" (server/matching/fingerprint.ts). */
function sourceOf(fingerprint: string): string {
  return fingerprint.split("/", 1)[0]!;
}
