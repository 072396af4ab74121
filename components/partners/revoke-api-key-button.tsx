"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { ModalDialog, DialogFormFooter } from "@/components/ui/modal-dialog.tsx";
import { useActionForm, type FormAction } from "@/components/ui/use-action-form.ts";

/** "Cabut" for one key, confirmed in a dialog: revoking is final. */
export function RevokeApiKeyButton({
  apiKey,
  revokeAction,
}: {
  apiKey: { id: string; prefix: string; name: string; partnerLabel: string };
  revokeAction: FormAction;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="secondary" className="px-2.5 py-1.5" onClick={() => setOpen(true)}>
        Cabut<span className="sr-only"> kunci {apiKey.prefix}</span>
      </Button>
      <ModalDialog open={open} onClose={() => setOpen(false)} title={`Cabut kunci ${apiKey.prefix}…?`}>
        <RevokeForm apiKey={apiKey} revokeAction={revokeAction} onCancel={() => setOpen(false)} onDone={() => setOpen(false)} />
      </ModalDialog>
    </>
  );
}

function RevokeForm({
  apiKey,
  revokeAction,
  onCancel,
  onDone,
}: {
  apiKey: { id: string; prefix: string; name: string; partnerLabel: string };
  revokeAction: FormAction;
  onCancel: () => void;
  onDone: () => void;
}) {
  const { state, pending, onSubmit, formMessage } = useActionForm(revokeAction, onDone);
  return (
    <form onSubmit={onSubmit} className="space-y-4">
      <input type="hidden" name="keyId" value={apiKey.id} />
      <p className="text-sm text-slate-700">
        Kunci “{apiKey.name}” milik {apiKey.partnerLabel} tidak dapat dipakai lagi sejak saat ini: setiap permintaan dengannya ditolak
        (401). Pencabutan tidak dapat dibatalkan; mitra memerlukan kunci baru. Data yang sudah dikirim tetap tersimpan.
      </p>
      <DialogFormFooter status={state.status} message={formMessage} pending={pending} onCancel={onCancel} pendingLabel="Mencabut…" submitLabel="Cabut kunci" danger />
    </form>
  );
}
