"use server";

import { z } from "zod";
import { BUSINESS_ID_PATTERN } from "@/lib/leads/follow-up.ts";
import type { RevealedValues } from "@/lib/personal-data.ts";
import { defineAction } from "@/server/actions/define-action.ts";
import { REVEAL_MAX_WORKERS, revealPersonalData } from "@/server/leads/reveal-personal-data.ts";

// Every export is an action built with defineAction; the route × role matrix reads `.permission`.

const revealSchema = z.object({
  businessId: z.string().trim().regex(BUSINESS_ID_PATTERN, "Prospek tidak dikenal."),
  // The record ids of the workers the page lists, comma-separated.
  workerIds: z
    .string()
    .trim()
    .regex(new RegExp(`^(\\d{1,18}(,\\d{1,18}){0,${REVEAL_MAX_WORKERS - 1}})?$`), "Daftar pekerja tidak valid.")
    .optional()
    .transform((text) => (text ? text.split(",").map(BigInt) : [])),
});

/** "Tampilkan": the clear NIK, mobile numbers and personal emails of this one lead and of the workers its page lists, audited. */
export const revealPersonalDataAction = defineAction<typeof revealSchema, RevealedValues>({
  permission: "personal_data.reveal",
  schema: revealSchema,
  handler: async ({ data, scope, auditActor, context }) => ({
    result: await revealPersonalData({ businessId: BigInt(data.businessId), workerIds: data.workerIds, scope, actor: auditActor, context }),
  }),
});
