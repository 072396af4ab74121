"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { FormMessage, ModalDialog } from "@/components/ui/modal-dialog.tsx";
import { useActionForm, type FormAction } from "@/components/ui/use-action-form.ts";

/** "Kirim ke SFTP" for one delivery, confirmed in a dialog naming the file and where it goes. */
export function PushBalikanButton({
  deliveryId,
  fileName,
  targetLabel,
  pushAction,
}: {
  deliveryId: string;
  fileName: string;
  /** "kemnaker-sftp: /masuk", or null when no target is set. */
  targetLabel: string | null;
  pushAction: FormAction;
}) {
  const [open, setOpen] = useState(false);
  const { state, pending, onSubmit, formMessage } = useActionForm(pushAction, () => setOpen(false));
  return (
    <div className="flex flex-col items-start gap-1">
      <Button variant="secondary" onClick={() => setOpen(true)} disabled={!targetLabel} title={targetLabel ? undefined : "Atur Tujuan SFTP terlebih dahulu"}>
        Kirim ke SFTP
      </Button>
      <div aria-live="polite">{!open && state.status !== "idle" && <FormMessage status={state.status} message={state.message} />}</div>
      <ModalDialog open={open} onClose={() => setOpen(false)} title="Kirim data balikan ke SFTP mitra">
        <form onSubmit={onSubmit} className="space-y-4">
          <input type="hidden" name="deliveryId" value={deliveryId} />
          <p className="text-sm text-slate-700">
            Kirim <span className="font-mono">{fileName}</span> ke <strong>{targetLabel}</strong>? Berkas dengan nama yang sama di folder itu akan
            ditimpa. Pengiriman tercatat di jejak audit.
          </p>
          {state.status === "error" && <FormMessage status="error" message={formMessage} />}
          <div className="flex justify-end gap-2">
            <Button variant="ghost" onClick={() => setOpen(false)}>
              Batal
            </Button>
            <Button type="submit" disabled={pending} aria-busy={pending || undefined}>
              {pending ? "Mengirim…" : "Kirim"}
            </Button>
          </div>
        </form>
      </ModalDialog>
    </div>
  );
}
