"use server";

import { z } from "zod";
import { defineAction } from "@/server/actions/define-action.ts";
import { queueCoverageRefresh } from "@/server/dashboard/queue-coverage-refresh.ts";

// Every export is an action built with defineAction; the route × role matrix test reads
// `.permission` off each one. Admins only (imports.manage): reference data is theirs to load.

const noFields = z.object({});

export const refreshCoverageAction = defineAction<typeof noFields, { jobId: string }>({
  permission: "imports.manage",
  schema: noFields,
  handler: async ({ auditActor, context }) => {
    const { jobId } = await queueCoverageRefresh({ actor: auditActor, context });
    return {
      message: "Penyegaran statistik diantrekan. Angka dasbor diperbarui begitu selesai; ikuti di Impor Data → Pekerjaan latar.",
      result: { jobId },
    };
  },
});
