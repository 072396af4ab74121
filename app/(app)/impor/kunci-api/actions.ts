"use server";

import { revalidatePath } from "next/cache";
import { createPartnerApiKeySchema, PARTNER_LABELS, revokePartnerApiKeySchema } from "@/lib/partner-api.ts";
import { defineAction, formText } from "@/server/actions/define-action.ts";
import { createPartnerApiKey } from "@/server/partners/create-partner-api-key.ts";
import { revokePartnerApiKey } from "@/server/partners/revoke-partner-api-key.ts";

// Every export is an action built with defineAction, permission `imports.manage`; the
// route × role matrix test reads `.permission` off each one.

const KEYS_PATH = "/impor/kunci-api";

/** What the create form shows once: the secret, never stored anywhere but the partner's system. */
export interface CreatedApiKey {
  secret: string;
  prefix: string;
  partnerLabel: string;
  name: string;
}

export const createPartnerApiKeyAction = defineAction<typeof createPartnerApiKeySchema, CreatedApiKey>({
  permission: "imports.manage",
  reauth: true,
  schema: createPartnerApiKeySchema,
  input: (form) => ({ partner: formText(form, "partner"), name: formText(form, "name") }),
  handler: async ({ data, auditActor, context }) => {
    const { key, secret } = await createPartnerApiKey({ input: data, actor: auditActor, context });
    revalidatePath(KEYS_PATH);
    return {
      message: `Kunci ${key.prefix}… untuk ${PARTNER_LABELS[key.partner]} dibuat.`,
      result: { secret, prefix: key.prefix, partnerLabel: PARTNER_LABELS[key.partner], name: key.name },
    };
  },
});

export const revokePartnerApiKeyAction = defineAction({
  permission: "imports.manage",
  schema: revokePartnerApiKeySchema,
  input: (form) => ({ keyId: formText(form, "keyId") }),
  handler: async ({ data, auditActor, context }) => {
    const key = await revokePartnerApiKey({ input: data, actor: auditActor, context });
    revalidatePath(KEYS_PATH);
    return { message: `Kunci ${key.prefix}… (${key.name}) dicabut; permintaan berikutnya dengan kunci ini ditolak.` };
  },
});
