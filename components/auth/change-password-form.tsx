"use client";

import Link from "next/link";
import { Button, buttonClass } from "@/components/ui/button.tsx";
import { Field, fieldAria, inputClass } from "@/components/ui/field.tsx";
import { FormMessage } from "@/components/ui/modal-dialog.tsx";
import { useActionForm, type FormAction } from "@/components/ui/use-action-form.ts";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "@/lib/password-policy.ts";

const HINT = `${MIN_PASSWORD_LENGTH}–${MAX_PASSWORD_LENGTH} karakter dan tidak mudah ditebak: hindari nama Anda, nama pengguna, "jangkau", "bpjs", kata umum dan karakter berulang. Beberapa kata acak yang panjang paling mudah diingat.`;

/** Self-service password change; the server judges the new password and explains a refusal. */
export function ChangePasswordForm({ action }: { action: FormAction }) {
  const { state, pending, onSubmit, formMessage, fieldError } = useActionForm(action);
  if (state.status === "success") {
    return (
      <div className="max-w-xl space-y-4">
        <FormMessage status="success" message={state.message} />
        <Link href="/" className={buttonClass("primary")}>
          Lanjutkan
        </Link>
      </div>
    );
  }
  const field = (name: string, label: string, autoComplete: string, hint?: string) => (
    <Field id={name} label={label} hint={hint} error={fieldError(name)}>
      <input
        {...fieldAria(name, fieldError(name), hint)}
        name={name}
        type="password"
        autoComplete={autoComplete}
        maxLength={MAX_PASSWORD_LENGTH}
        required
        className={inputClass}
      />
    </Field>
  );
  return (
    <form onSubmit={onSubmit} className="max-w-xl space-y-4" noValidate>
      {field("currentPassword", "Kata sandi saat ini", "current-password")}
      {field("newPassword", "Kata sandi baru", "new-password", HINT)}
      {field("confirmPassword", "Ulangi kata sandi baru", "new-password")}
      <FormMessage status={state.status} message={formMessage} />
      <Button type="submit" disabled={pending}>
        {pending ? "Menyimpan…" : "Ganti kata sandi"}
      </Button>
    </form>
  );
}
