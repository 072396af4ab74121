"use client";

import { Button } from "@/components/ui/button.tsx";
import { Field, fieldAria, inputClass } from "@/components/ui/field.tsx";
import { FormMessage } from "@/components/ui/modal-dialog.tsx";
import { useActionForm, type FormAction } from "@/components/ui/use-action-form.ts";

const HINT = "Kosongkan lalu simpan untuk berhenti menerima surel. Surel hanya memuat judul pemberitahuan dan tautannya.";

/** The address notices are mailed to. The stored one is shown masked, like every personal value. */
export function NotifyEmailForm({ action, maskedCurrent, mailEnabled }: { action: FormAction; maskedCurrent: string | null; mailEnabled: boolean }) {
  const { state, pending, onSubmit, formMessage, fieldError } = useActionForm(action);
  return (
    <form onSubmit={onSubmit} noValidate className="max-w-xl space-y-3">
      {!mailEnabled && (
        <p role="note" className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700">
          Server ini belum diatur untuk mengirim surel (SMTP): pemberitahuan hanya tampil di halaman ini. Alamat yang Anda simpan dipakai begitu admin
          mengaturnya.
        </p>
      )}
      <p className="text-sm text-slate-700" data-testid="notify-email-current">
        {maskedCurrent ? <>Alamat tersimpan: <span className="font-mono">{maskedCurrent}</span></> : "Belum ada alamat: pemberitahuan tidak dikirim lewat surel."}
      </p>
      <Field id="email" label="Alamat surel baru" hint={HINT} error={fieldError("email")}>
        <input {...fieldAria("email", fieldError("email"), HINT)} name="email" type="email" autoComplete="email" maxLength={254} className={inputClass} />
      </Field>
      <FormMessage status={state.status} message={formMessage} />
      <Button type="submit" disabled={pending}>
        {pending ? "Menyimpan…" : "Simpan"}
      </Button>
    </form>
  );
}
