"use server";

import { revalidatePath } from "next/cache";
import { decideReviewSchema } from "@/lib/match-review.ts";
import { defineAction, formText } from "@/server/actions/define-action.ts";
import { decideReview } from "@/server/matching/decide-review.ts";

// Every export is an action built with defineAction, permission `matches.review`; the
// route × role matrix test reads `.permission` off each one.

const REVIEW_PATH = "/tinjauan";

export const decideReviewAction = defineAction({
  permission: "matches.review",
  schema: decideReviewSchema,
  input: (form) => ({ reviewId: formText(form, "reviewId"), decision: formText(form, "decision"), note: formText(form, "note") }),
  handler: async ({ data, scope, auditActor, context }) => {
    const result = await decideReview({ input: data, scope, actor: auditActor, context });
    revalidatePath(REVIEW_PATH);
    const saved =
      result.decision === "CONFIRMED"
        ? "Keputusan disimpan: kedua catatan digabungkan sebagai satu badan usaha."
        : "Keputusan disimpan: kedua catatan dipisahkan sebagai badan usaha yang berbeda.";
    return {
      message: result.rematched
        ? saved
        : `${saved} Pencocokan ulang belum berhasil; keputusan diterapkan pada pencocokan berikutnya.`,
    };
  },
});
