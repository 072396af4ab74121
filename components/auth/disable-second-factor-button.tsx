"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { DialogFormFooter, ModalDialog } from "@/components/ui/modal-dialog.tsx";
import { useActionForm, type FormAction } from "@/components/ui/use-action-form.ts";

/** For roles where the authenticator is optional; the server also asks for a recent identity confirmation. */
export function DisableSecondFactorButton({ action }: { action: FormAction }) {
  const [open, setOpen] = useState(false);
  const { state, pending, onSubmit, formMessage } = useActionForm(action, () => setOpen(false));
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Nonaktifkan autentikator
      </Button>
      <ModalDialog open={open} onClose={() => setOpen(false)} title="Nonaktifkan autentikator?">
        <form onSubmit={onSubmit} className="space-y-4">
          <p className="text-sm text-slate-700">
            Setelah ini Anda masuk hanya dengan kata sandi, dan kode pemulihan Anda tidak berlaku lagi.
          </p>
          <DialogFormFooter
            status={state.status}
            message={formMessage}
            pending={pending}
            onCancel={() => setOpen(false)}
            submitLabel="Nonaktifkan"
            danger
          />
        </form>
      </ModalDialog>
    </>
  );
}
