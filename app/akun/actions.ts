"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { changePasswordSchema } from "@/lib/password-policy.ts";
import { defineAction, formText } from "@/server/actions/define-action.ts";
import { changeOwnPassword } from "@/server/auth/change-own-password.ts";
import { confirmTotpEnrolment } from "@/server/auth/confirm-totp-enrolment.ts";
import { disableOwnSecondFactor } from "@/server/auth/disable-own-second-factor.ts";
import { reauthenticate } from "@/server/auth/reauthenticate.ts";
import { db } from "@/server/db/client.ts";
import { markNotificationsRead } from "@/server/notifications/mark-notifications-read.ts";
import { setNotifyEmail } from "@/server/notifications/set-notify-email.ts";

// Every export is an action built with defineAction, permission `account.self` (every role acts
// on their own account only: the ids come from the session, never from the form); the route ×
// role matrix test reads `.permission` off each one.

const codeSchema = z.object({ code: z.string().trim().min(1, "Masukkan kode dari aplikasi autentikator.").max(20) });
const reauthSchema = z.object({ secret: z.string().min(1, "Masukkan kata sandi atau kode autentikator.").max(200) });

export const confirmTotpEnrolmentAction = defineAction<typeof codeSchema, { recoveryCodes: string[] }>({
  permission: "account.self",
  // An admin without a factor is sent here before anything else, so this must let them in.
  allowPendingStep: true,
  schema: codeSchema,
  handler: async ({ data, actor, auditActor, context }) => {
    const { recoveryCodes } = await confirmTotpEnrolment({ code: data.code, actor: { ...auditActor, id: actor.userId }, context });
    return { message: "Autentikator aktif.", result: { recoveryCodes } };
  },
});

export const disableOwnSecondFactorAction = defineAction({
  permission: "account.self",
  schema: z.object({}),
  handler: async ({ actor, auditActor, context }) => {
    await disableOwnSecondFactor({ actor: { ...auditActor, id: actor.userId }, session: actor, context });
    revalidatePath("/akun/keamanan");
    return { message: "Autentikator dinonaktifkan." };
  },
});

export const changeOwnPasswordAction = defineAction({
  permission: "account.self",
  // The forced change after an admin set the password happens here.
  allowPendingStep: true,
  schema: changePasswordSchema,
  input: (form) => ({
    currentPassword: formText(form, "currentPassword"),
    newPassword: formText(form, "newPassword"),
    confirmPassword: formText(form, "confirmPassword"),
  }),
  handler: async ({ data, actor, context }) => {
    const { endedSessions } = await changeOwnPassword({ input: data, sessionId: actor.sessionId, userId: actor.userId, context });
    return {
      message: `Kata sandi diganti.${endedSessions ? ` ${endedSessions} sesi lain diakhiri.` : ""}`,
    };
  },
});

export const reauthenticateAction = defineAction({
  permission: "account.self",
  schema: reauthSchema,
  input: (form) => ({ secret: formText(form, "secret") }),
  handler: async ({ data, actor, context }) => {
    await reauthenticate({ sessionId: actor.sessionId, secret: data.secret, context });
    return { message: "Identitas dikonfirmasi untuk 5 menit. Silakan ulangi tindakan Anda." };
  },
});

const notificationIdSchema = z.object({ id: z.string().regex(/^\d{1,18}$/, "Pemberitahuan tidak dikenal.") });

/** Opens one of the user's own notices: marks it read, then goes where it points. */
export const openNotificationAction = defineAction<typeof notificationIdSchema, { href: string }>({
  permission: "account.self",
  schema: notificationIdSchema,
  handler: async ({ data, actor }) => {
    const id = BigInt(data.id);
    await markNotificationsRead(actor.userId, [id]);
    const notice = await db.notification.findFirst({ where: { id, userId: actor.userId }, select: { href: true } });
    // Only paths inside Jangkau: a notice never sends anyone elsewhere.
    const href = notice?.href?.startsWith("/") && !notice.href.startsWith("//") ? notice.href : "/akun/pemberitahuan";
    revalidatePath("/", "layout");
    return { result: { href } };
  },
});

export const markAllNotificationsReadAction = defineAction({
  permission: "account.self",
  schema: z.object({}),
  handler: async ({ actor }) => {
    const count = await markNotificationsRead(actor.userId, "all");
    revalidatePath("/", "layout");
    return { message: count ? `${count.toLocaleString("id-ID")} pemberitahuan ditandai sudah dibaca.` : "Tidak ada pemberitahuan yang belum dibaca." };
  },
});

const notifyEmailSchema = z.object({
  email: z.union([z.literal(""), z.email("Alamat surel tidak sah.").max(254, "Alamat surel terlalu panjang.")]),
});

/** The address the user's notices are mailed to; empty stops the mail. */
export const setNotifyEmailAction = defineAction({
  permission: "account.self",
  schema: notifyEmailSchema,
  input: (form) => ({ email: formText(form, "email").trim() }),
  handler: async ({ data, actor, auditActor, context }) => {
    await setNotifyEmail({ ...auditActor, id: actor.userId }, data.email || null, context);
    revalidatePath("/akun/pemberitahuan");
    return { message: data.email ? "Alamat surel pemberitahuan disimpan." : "Pemberitahuan tidak lagi dikirim lewat surel." };
  },
});
