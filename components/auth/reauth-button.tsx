"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Field, fieldAria, inputClass } from "@/components/ui/field.tsx";
import { DialogFormFooter, FormMessage, ModalDialog } from "@/components/ui/modal-dialog.tsx";
import { useActionForm, type FormAction } from "@/components/ui/use-action-form.ts";

/**
 * "Konfirmasi identitas": password or authenticator code again, before a sensitive action. The
 * server stores the time on the session; the sensitive actions check it themselves.
 */
export function ReauthButton({ action }: { action: FormAction }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState<string | undefined>();
  const { state, pending, onSubmit, formMessage, fieldError } = useActionForm(action, (answer) => {
    setOpen(false);
    setDone(answer.message);
    router.refresh();
  });
  return (
    <div className="space-y-2">
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Konfirmasi identitas
      </Button>
      <FormMessage status={done ? "success" : "idle"} message={done} />
      <ModalDialog open={open} onClose={() => setOpen(false)} title="Konfirmasi identitas">
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          <p className="text-sm text-slate-700">
            Masukkan kata sandi Anda atau kode dari aplikasi autentikator. Konfirmasi berlaku 5 menit untuk tindakan sensitif.
          </p>
          <Field id="reauth-secret" label="Kata sandi atau kode" error={fieldError("secret")}>
            <input
              {...fieldAria("reauth-secret", fieldError("secret"))}
              name="secret"
              type="password"
              autoComplete="current-password"
              required
              autoFocus
              className={inputClass}
            />
          </Field>
          <DialogFormFooter
            status={state.status}
            message={formMessage}
            pending={pending}
            onCancel={() => setOpen(false)}
            submitLabel="Konfirmasi"
            pendingLabel="Memeriksa…"
          />
        </form>
      </ModalDialog>
    </div>
  );
}
