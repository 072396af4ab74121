import { z } from "zod";
import { passwordSchema } from "./password-policy.ts";
import { isRegionScoped, ROLES } from "./permissions.ts";
import { normalizeRegionCode } from "./region-code.ts";

/** Forms and server actions for users share these schemas, so the form and the server cannot disagree on what is valid. */

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, "Nama pengguna minimal 3 karakter.")
  .max(50, "Nama pengguna maksimal 50 karakter.")
  .regex(/^[a-z0-9._-]+$/, "Nama pengguna hanya boleh huruf kecil, angka, titik, garis bawah dan tanda hubung.");

const regionCodesSchema = z
  .array(z.string().trim())
  .transform((codes, ctx) => {
    const normalized = codes.filter(Boolean).map((code) => {
      const value = normalizeRegionCode(code);
      if (!value || value.split(".").length > 2) {
        ctx.addIssue({ code: "custom", message: `Kode wilayah tidak valid: ${code} (gunakan kode provinsi atau kabupaten/kota).` });
      }
      return value ?? code;
    });
    return [...new Set(normalized)].sort();
  });

const roleSchema = z.enum(ROLES, { message: "Pilih peran." });

function requireRegionsForScopedRoles(value: { role: (typeof ROLES)[number]; regionCodes: string[] }, ctx: z.RefinementCtx) {
  if (isRegionScoped(value.role) && value.regionCodes.length === 0) {
    ctx.addIssue({ code: "custom", path: ["regionCodes"], message: "Petugas dan supervisor wajib memiliki minimal satu wilayah." });
  }
}

export const createUserSchema = z
  .object({
    username: usernameSchema,
    name: z.string().trim().min(1, "Nama wajib diisi.").max(120),
    role: roleSchema,
    regionCodes: regionCodesSchema,
    password: passwordSchema,
  })
  .superRefine(requireRegionsForScopedRoles);
export type CreateUserInput = z.input<typeof createUserSchema>;

export const updateUserSchema = z
  .object({
    userId: z.uuid(),
    name: z.string().trim().min(1, "Nama wajib diisi.").max(120),
    role: roleSchema,
    regionCodes: regionCodesSchema,
  })
  .superRefine(requireRegionsForScopedRoles);
export type UpdateUserInput = z.input<typeof updateUserSchema>;

export const setUserActiveSchema = z.object({ userId: z.uuid(), active: z.boolean() });
export const resetPasswordSchema = z.object({ userId: z.uuid(), password: passwordSchema });
