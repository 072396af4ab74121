"use server";

import { z } from "zod";
import { BUSINESS_ID_PATTERN } from "@/lib/leads/follow-up.ts";
import type { RevealedValues } from "@/lib/personal-data.ts";
import { defineAction } from "@/server/actions/define-action.ts";
import { revealPersonalData } from "@/server/leads/reveal-personal-data.ts";

// Every export is an action built with defineAction; the route × role matrix reads `.permission`.

const revealSchema = z.object({ businessId: z.string().trim().regex(BUSINESS_ID_PATTERN, "Prospek tidak dikenal.") });

/** "Tampilkan": the clear NIK, mobile numbers and personal emails of this one lead, audited. */
export const revealPersonalDataAction = defineAction<typeof revealSchema, RevealedValues>({
  permission: "personal_data.reveal",
  schema: revealSchema,
  handler: async ({ data, scope, auditActor, context }) => ({
    result: await revealPersonalData({ businessId: BigInt(data.businessId), scope, actor: auditActor, context }),
  }),
});
