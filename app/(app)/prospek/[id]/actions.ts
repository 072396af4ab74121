"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formatLongDay } from "@/lib/format.ts";
import { BUSINESS_ID_PATTERN, takeLeadSchema } from "@/lib/leads/follow-up.ts";
import type { RevealedValues } from "@/lib/personal-data.ts";
import { defineAction } from "@/server/actions/define-action.ts";
import { takeLead } from "@/server/followup/take-lead.ts";
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

/** "Ambil prospek ini": an officer assigns an unassigned lead of his regions to himself, where an admin allows it. */
export const takeLeadAction = defineAction({
  permission: "leads.take",
  schema: takeLeadSchema,
  handler: async ({ data, scope, auditActor, context }) => {
    const taken = await takeLead({ businessId: BigInt(data.businessId), scope, actor: auditActor, context });
    revalidatePath(`/prospek/${data.businessId}`);
    revalidatePath("/tindak-lanjut");
    return { message: `Prospek ${taken.name} kini ditugaskan kepada Anda, tenggat ${formatLongDay(taken.dueDate)}. Lihat di Tindak Lanjut.` };
  },
});
