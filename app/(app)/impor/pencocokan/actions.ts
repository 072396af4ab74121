"use server";

import { z } from "zod";
import { defineAction } from "@/server/actions/define-action.ts";
import { startFullMatch } from "@/server/matching/start-full-match.ts";

// Every export is an action built with defineAction; the route × role matrix test reads
// `.permission` off each one. The run writes its own audit event (match.run) when it commits.

const noFields = z.object({});

export const startFullMatchAction = defineAction<typeof noFields, { runId: number }>({
  permission: "imports.manage",
  schema: noFields,
  handler: async ({ auditActor }) => {
    const { runId } = await startFullMatch({ actor: auditActor });
    return {
      message: `Pencocokan ulang #${runId} dimulai di latar belakang. Daftar prospek tetap menampilkan hasil sebelumnya sampai selesai.`,
      result: { runId },
    };
  },
});
