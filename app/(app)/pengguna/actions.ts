"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { RegionOption } from "@/components/users/region-label.ts";
import { createUserSchema, resetPasswordSchema, setUserActiveSchema, updateUserSchema } from "@/lib/user-schemas.ts";
import { defineAction, formList, formText } from "@/server/actions/define-action.ts";
import { searchRegions } from "@/server/regions/search-regions.ts";
import { createUser } from "@/server/users/create-user.ts";
import { resetUserPassword } from "@/server/users/reset-user-password.ts";
import { resetSecondFactorSchema, resetUserSecondFactor } from "@/server/users/reset-user-second-factor.ts";
import { setUserActive } from "@/server/users/set-user-active.ts";
import { unlockUser, unlockUserSchema } from "@/server/users/unlock-user.ts";
import { updateUser } from "@/server/users/update-user.ts";

// Every export is an action built with defineAction, permission `users.manage`; the
// route × role matrix test reads `.permission` off each one.

const USERS_PATH = "/pengguna";

export const createUserAction = defineAction({
  permission: "users.manage",
  schema: createUserSchema,
  input: (form) => ({
    username: formText(form, "username"),
    name: formText(form, "name"),
    role: formText(form, "role"),
    regionCodes: formList(form, "regionCodes"),
    password: formText(form, "password"),
  }),
  handler: async ({ data, auditActor, context }) => {
    // The admin knows this password: the new user replaces it at first sign-in.
    const user = await createUser({ input: data, actor: auditActor, context, mustChangePassword: true });
    revalidatePath(USERS_PATH);
    return { message: `Pengguna ${user.username} dibuat.` };
  },
});

export const updateUserAction = defineAction({
  permission: "users.manage",
  schema: updateUserSchema,
  input: (form) => ({
    userId: formText(form, "userId"),
    name: formText(form, "name"),
    role: formText(form, "role"),
    regionCodes: formList(form, "regionCodes"),
  }),
  handler: async ({ data, actor, auditActor, context }) => {
    // A role change needs a recent "Konfirmasi identitas"; updateUser checks it.
    const user = await updateUser({ input: data, actor: auditActor, session: actor, context });
    revalidatePath(USERS_PATH);
    return { message: `Perubahan pengguna ${user.username} disimpan.` };
  },
});

export const setUserActiveAction = defineAction({
  permission: "users.manage",
  schema: setUserActiveSchema,
  input: (form) => ({ userId: formText(form, "userId"), active: formText(form, "active") === "true" }),
  handler: async ({ data, auditActor, context }) => {
    await setUserActive({ input: data, actor: auditActor, context });
    revalidatePath(USERS_PATH);
    return { message: data.active ? "Pengguna diaktifkan." : "Pengguna dinonaktifkan; semua sesinya diakhiri." };
  },
});

export const resetUserPasswordAction = defineAction({
  permission: "users.manage",
  schema: resetPasswordSchema,
  input: (form) => ({ userId: formText(form, "userId"), password: formText(form, "password") }),
  handler: async ({ data, auditActor, context }) => {
    await resetUserPassword({ input: data, actor: auditActor, context });
    revalidatePath(USERS_PATH);
    return { message: "Kata sandi diatur ulang; semua sesi pengguna diakhiri." };
  },
});

export const resetUserSecondFactorAction = defineAction({
  permission: "users.manage",
  schema: resetSecondFactorSchema,
  handler: async ({ data, auditActor, context }) => {
    const { username } = await resetUserSecondFactor({ input: data, actor: auditActor, context });
    revalidatePath(USERS_PATH);
    return { message: `Autentikator ${username} diatur ulang; semua sesinya diakhiri.` };
  },
});

export const unlockUserAction = defineAction({
  permission: "users.manage",
  schema: unlockUserSchema,
  handler: async ({ data, auditActor, context }) => {
    await unlockUser({ input: data, actor: auditActor, context });
    revalidatePath(USERS_PATH);
    return { message: "Kunci akun dibuka." };
  },
});

const regionQuerySchema = z.object({ query: z.string().trim().max(100, "Kata kunci terlalu panjang.") });

/** Backs the user form's region picker: provinces and regencies/cities only, the levels a user can be scoped to. */
export const searchAssignableRegionsAction = defineAction<typeof regionQuerySchema, RegionOption[]>({
  permission: "users.manage",
  schema: regionQuerySchema,
  input: (form) => ({ query: formText(form, "query") }),
  handler: async ({ data }) => {
    const regions = await searchRegions({ query: data.query, level: ["PROVINCE", "REGENCY"], limit: 10 });
    return { result: regions.map(({ code, name, level }) => ({ code, name, level })) };
  },
});
