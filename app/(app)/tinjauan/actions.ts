"use server";

import { revalidatePath } from "next/cache";
import { decideReviewSchema, type ReviewDecisionOutcome } from "@/lib/match-review.ts";
import { hasPermission } from "@/lib/permissions.ts";
import { defineAction, formText } from "@/server/actions/define-action.ts";
import { decideReview } from "@/server/matching/decide-review.ts";

// Every export is an action built with defineAction, permission `matches.review`; the
// route × role matrix test reads `.permission` off each one.

const REVIEW_PATH = "/tinjauan";
/** Where background jobs are listed (Impor Data → Pekerjaan latar), for those who may open it. */
const JOBS_LIST_HREF = "/impor#pekerjaan-latar";

export const decideReviewAction = defineAction<typeof decideReviewSchema, ReviewDecisionOutcome>({
  permission: "matches.review",
  schema: decideReviewSchema,
  input: (form) => ({ reviewId: formText(form, "reviewId"), decision: formText(form, "decision"), note: formText(form, "note") }),
  handler: async ({ data, scope, actor, auditActor, context }) => {
    const result = await decideReview({ input: data, scope, actor: auditActor, context });
    revalidatePath(REVIEW_PATH);
    const saved =
      result.decision === "CONFIRMED"
        ? "Keputusan disimpan: kedua catatan digabungkan sebagai satu badan usaha."
        : "Keputusan disimpan: kedua catatan dipisahkan sebagai badan usaha yang berbeda.";
    if (result.rematchRunId === null) {
      return { message: `${saved} Pencocokan ulang belum dapat diantrekan; keputusan diterapkan pada pencocokan berikutnya.` };
    }
    return {
      message: `${saved} Pencocokan ulang #${result.rematchRunId} diantrekan; prospek diperbarui begitu selesai.`,
      result: { jobsHref: hasPermission(actor.role, "imports.manage") ? JOBS_LIST_HREF : null },
    };
  },
});
