"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Field, fieldAria, inputClass } from "@/components/ui/field.tsx";
import { FormMessage, ModalDialog } from "@/components/ui/modal-dialog.tsx";
import { useActionForm, type FormAction } from "@/components/ui/use-action-form.ts";

/** "Periksa kata sandi": is the password the partner reads back the one of this file? */
export function CheckPasswordButton({ deliveryId, fileName, checkAction }: { deliveryId: string; fileName: string; checkAction: FormAction }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const { state, pending, onSubmit, formMessage, fieldError } = useActionForm(checkAction);
  const hint = "Kata sandi tidak disimpan; Jangkau hanya membandingkannya dengan sidik yang tersimpan.";
  return (
    <>
      <Button variant="ghost" onClick={() => setOpen(true)}>
        Periksa kata sandi
      </Button>
      <ModalDialog open={open} onClose={() => setOpen(false)} title="Periksa kata sandi berkas">
        <form onSubmit={onSubmit} noValidate className="space-y-4">
          <input type="hidden" name="deliveryId" value={deliveryId} />
          <p className="text-sm text-slate-700">
            Berkas <span className="font-mono">{fileName}</span>
          </p>
          <Field id={`${id}-password`} label="Kata sandi dari mitra" hint={hint} error={fieldError("password")}>
            <input name="password" type="text" autoComplete="off" spellCheck={false} className={`${inputClass} font-mono`} {...fieldAria(`${id}-password`, fieldError("password"), hint)} />
          </Field>
          <div aria-live="polite">
            <FormMessage status={state.status} message={formMessage} />
          </div>
          <div className="flex justify-end gap-2">
            <Button variant="ghost" onClick={() => setOpen(false)}>
              Tutup
            </Button>
            <Button type="submit" disabled={pending} aria-busy={pending || undefined}>
              {pending ? "Memeriksa…" : "Periksa"}
            </Button>
          </div>
        </form>
      </ModalDialog>
    </>
  );
}
