"use server";

import { revalidatePath } from "next/cache";
import { BALIKAN_PARTNER_LABELS, checkBalikanPasswordSchema, generateBalikanSchema, type GeneratedBalikanView, pushBalikanSchema, setBalikanTargetSchema } from "@/lib/balikan.ts";
import { defineAction, formText } from "@/server/actions/define-action.ts";
import { DomainError } from "@/server/errors.ts";
import { checkBalikanPassword } from "@/server/balikan/check-balikan-password.ts";
import { generateBalikan } from "@/server/balikan/generate-balikan.ts";
import { enqueueBalikanPush } from "@/server/balikan/enqueue-balikan-push.ts";
import { setBalikanTarget } from "@/server/balikan/set-balikan-target.ts";
import { formatCount } from "@/lib/format.ts";

// Every export is an action built with defineAction, permission `balikan.manage` (ADMIN); the
// route × role matrix test reads `.permission` off each one.

const PAGE = "/balikan";

export const generateBalikanAction = defineAction<typeof generateBalikanSchema, GeneratedBalikanView>({
  permission: "balikan.manage",
  // Shows the ZIP password once: only right after "Konfirmasi identitas".
  reauth: true,
  schema: generateBalikanSchema,
  input: (form) => ({ partner: formText(form, "partner"), period: formText(form, "period") }),
  handler: async ({ data, auditActor, context }) => {
    const generated = await generateBalikan({ input: data, actor: auditActor, context });
    revalidatePath(PAGE);
    return {
      message: `Berkas balikan ${BALIKAN_PARTNER_LABELS[generated.partner]} periode ${generated.period} dibuat: ${formatCount(generated.rows)} baris.`,
      result: {
        deliveryId: generated.deliveryId,
        partnerLabel: BALIKAN_PARTNER_LABELS[generated.partner],
        period: generated.period,
        fileName: generated.fileName,
        rows: generated.rows,
        sha256: generated.sha256,
        password: generated.password,
        entries: generated.entries.map(({ name, rows, batchAccepted }) => ({ name, rows, batchAccepted })),
      },
    };
  },
});

export const pushBalikanAction = defineAction({
  permission: "balikan.manage",
  schema: pushBalikanSchema,
  input: (form) => ({ deliveryId: formText(form, "deliveryId") }),
  handler: async ({ data, auditActor, context }) => {
    await enqueueBalikanPush({ input: data, actor: auditActor, context });
    return { message: "Pengiriman diantrekan. Pekerja latar mengirimnya sebentar lagi; hasilnya tampil di riwayat pengiriman dan di daftar pekerjaan halaman Impor." };
  },
});

export const setBalikanTargetAction = defineAction({
  permission: "balikan.manage",
  schema: setBalikanTargetSchema,
  input: (form) => ({ partner: formText(form, "partner"), endpointId: formText(form, "endpointId"), remoteDir: formText(form, "remoteDir") }),
  handler: async ({ data, auditActor, context }) => {
    const target = await setBalikanTarget({ input: data, actor: auditActor, context });
    revalidatePath(PAGE);
    return { message: `Data balikan ${BALIKAN_PARTNER_LABELS[data.partner]} akan dikirim ke ${target.endpointName}, folder ${target.remoteDir}.` };
  },
});

export const checkBalikanPasswordAction = defineAction({
  permission: "balikan.manage",
  // An oracle for the ZIP password: as sensitive as showing it.
  reauth: true,
  schema: checkBalikanPasswordSchema,
  input: (form) => ({ deliveryId: formText(form, "deliveryId"), password: formText(form, "password") }),
  handler: async ({ data, auditActor, context }) => {
    const checked = await checkBalikanPassword({ input: data, actor: auditActor, context });
    if (!checked.matches) throw new DomainError(`Kata sandi TIDAK cocok dengan ${checked.fileName}.`);
    return { message: `Kata sandi cocok dengan ${checked.fileName}.` };
  },
});
