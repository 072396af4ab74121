"use client";

import { useId } from "react";
import { Field, fieldAria, inputClass } from "@/components/ui/field.tsx";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/permissions.ts";
import { PasswordInput } from "@/components/ui/password-input.tsx";
import type { RegionOption } from "./region-label.ts";
import { RegionPicker } from "./region-picker.tsx";
import type { FormAction } from "@/components/ui/use-action-form.ts";

export interface UserFormDefaults {
  username?: string;
  name: string;
  role: Role | "";
  regions: RegionOption[];
}

const REGION_HINT =
  "Wajib untuk Supervisor dan Petugas: provinsi atau kabupaten/kota yang datanya boleh mereka lihat. Admin dan Auditor tidak dibatasi wilayah, jadi isian ini diabaikan untuk mereka. Cari nama atau ketik kode (mis. 32.73), lalu pilih atau tekan Enter.";
const USERNAME_HINT = "Huruf kecil, angka, titik, garis bawah atau tanda hubung; tidak dapat diubah nanti.";
const OWN_ROLE_HINT = "Anda tidak dapat mengubah peran Anda sendiri; minta admin lain bila perlu.";

/**
 * The fields of the create and edit forms. Names match `createUserSchema`/`updateUserSchema`
 * (lib/user-schemas.ts), whose messages come back per field through `fieldError`.
 */
export function UserFormFields({
  mode,
  defaults,
  roleLocked = false,
  fieldError,
  searchRegionsAction,
}: {
  mode: "create" | "edit";
  defaults: UserFormDefaults;
  /** The signed-in admin editing themself: the role is shown but cannot change. */
  roleLocked?: boolean;
  fieldError: (name: string) => string | undefined;
  searchRegionsAction: FormAction<RegionOption[]>;
}) {
  const id = useId();
  const ids = { username: `${id}-username`, name: `${id}-name`, role: `${id}-role`, regions: `${id}-regions`, password: `${id}-password` };
  const roleHint = roleLocked ? OWN_ROLE_HINT : undefined;

  return (
    <div className="space-y-4">
      {mode === "create" && (
        <Field id={ids.username} label="Nama pengguna" hint={USERNAME_HINT} error={fieldError("username")}>
          <input
            {...fieldAria(ids.username, fieldError("username"), USERNAME_HINT)}
            name="username"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            required
            defaultValue={defaults.username}
            className={inputClass}
          />
        </Field>
      )}
      <Field id={ids.name} label="Nama lengkap" error={fieldError("name")}>
        <input {...fieldAria(ids.name, fieldError("name"))} name="name" autoComplete="off" required defaultValue={defaults.name} className={inputClass} />
      </Field>
      <Field id={ids.role} label="Peran" hint={roleHint} error={fieldError("role")}>
        <select
          {...fieldAria(ids.role, fieldError("role"), roleHint)}
          name={roleLocked ? undefined : "role"}
          disabled={roleLocked}
          required
          defaultValue={defaults.role}
          className={inputClass}
        >
          {mode === "create" && (
            <option value="" disabled>
              Pilih peran
            </option>
          )}
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {ROLE_LABELS[role]}
            </option>
          ))}
        </select>
        {/* A disabled select is not submitted: send the unchanged role explicitly. */}
        {roleLocked && <input type="hidden" name="role" value={defaults.role} />}
      </Field>
      <RegionPicker
        id={ids.regions}
        label="Wilayah"
        name="regionCodes"
        initial={defaults.regions}
        searchAction={searchRegionsAction}
        hint={REGION_HINT}
        error={fieldError("regionCodes")}
      />
      {mode === "create" && <PasswordInput id={ids.password} label="Kata sandi awal" name="password" error={fieldError("password")} />}
    </div>
  );
}
