import "server-only";
import { regionScopeFor, regionScopeWhere } from "@/server/access/region-scope.ts";
import { db } from "@/server/db/client.ts";
import { activeUsersWith, notifyUsers } from "./notify-users.ts";

/**
 * After a match run: tells each reviewer how many pairs the run added to the review queue inside
 * their own regions (a supervisor of Jawa Barat hears nothing of Papua's pairs). One notice per
 * reviewer and run.
 */
export async function notifyWaitingReviews(runId: number, since: Date): Promise<number> {
  return db.$transaction(async (tx) => {
    const reviewerIds = await activeUsersWith(tx, "matches.review");
    const reviewers = await tx.user.findMany({
      where: { id: { in: reviewerIds } },
      select: { id: true, role: true, regions: { select: { regionCode: true } } },
    });
    let notified = 0;
    for (const reviewer of reviewers) {
      const scope = regionScopeFor(reviewer.role, reviewer.regions.map((r) => r.regionCode));
      const waiting = await tx.matchReview.count({
        where: { status: "PENDING", createdAt: { gte: since }, ...regionScopeWhere(scope, { code: "regencyCode" }) },
      });
      if (waiting === 0) continue;
      notified += await notifyUsers(tx, [reviewer.id], {
        kind: "REVIEW_WAITING",
        title: `${waiting.toLocaleString("id-ID")} pasangan entitas baru menunggu tinjauan`,
        body: "Pencocokan menemukan nama yang mirip tetapi belum cukup yakin untuk digabung.",
        href: "/tinjauan",
        dedupeKey: `review:${runId}`,
      });
    }
    return notified;
  });
}
