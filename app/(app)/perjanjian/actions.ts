"use server";

import { revalidatePath } from "next/cache";
import { CONTACT_FIELDS, CONTACT_SIDES, contactFieldName, updateAgreementSchema } from "@/lib/agreements.ts";
import { PARTNER_LABELS } from "@/lib/partner-api.ts";
import { defineAction, formText } from "@/server/actions/define-action.ts";
import { updatePartnerAgreement } from "@/server/agreements/update-partner-agreement.ts";

// Every export is an action built with defineAction, permission `agreements.manage`; the
// route × role matrix test reads `.permission` off each one.

export const updateAgreementAction = defineAction({
  permission: "agreements.manage",
  schema: updateAgreementSchema,
  input: (form) => ({
    partner: formText(form, "partner"),
    title: formText(form, "title"),
    bpjsNumber: formText(form, "bpjsNumber"),
    partnerNumber: formText(form, "partnerNumber"),
    signedOn: formText(form, "signedOn"),
    lastDay: formText(form, "lastDay"),
    termText: formText(form, "termText"),
    noticeMonths: formText(form, "noticeMonths"),
    contactChangeText: formText(form, "contactChangeText"),
    contacts: Object.fromEntries(
      CONTACT_SIDES.map((side) => [side, Object.fromEntries(CONTACT_FIELDS.map((field) => [field, formText(form, contactFieldName(side, field))]))]),
    ),
  }),
  handler: async ({ data, auditActor, context }) => {
    const { changes } = await updatePartnerAgreement({ input: data, actor: auditActor, context });
    revalidatePath("/perjanjian");
    revalidatePath("/impor/kunci-api");
    const label = PARTNER_LABELS[data.partner];
    return { message: Object.keys(changes).length === 0 ? `Tidak ada perubahan pada PKS ${label}.` : `Perubahan PKS ${label} disimpan.` };
  },
});
