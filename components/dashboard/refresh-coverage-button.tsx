"use client";

import { DialogLauncher } from "@/components/ui/dialog-launcher.tsx";
import { DialogFormFooter } from "@/components/ui/modal-dialog.tsx";
import { useActionForm, type FormAction } from "@/components/ui/use-action-form.ts";

/**
 * An admin's "Segarkan statistik": confirmed in a dialog, then queued for a worker. For when
 * reference data changed without a match run; every match run refreshes the figures itself.
 */
export function RefreshCoverageButton({ action }: { action: FormAction<{ jobId: string }> }) {
  return (
    <DialogLauncher label="Segarkan statistik" title="Segarkan statistik dasbor?" variant="secondary">
      {({ close, done }) => <RefreshForm action={action} onCancel={close} onDone={done} />}
    </DialogLauncher>
  );
}

function RefreshForm({ action, onCancel, onDone }: { action: FormAction<{ jobId: string }>; onCancel: () => void; onDone: (message: string) => void }) {
  const { state, pending, onSubmit, formMessage } = useActionForm(action, (done) => onDone(done.message ?? ""));
  return (
    <form onSubmit={onSubmit} className="space-y-4">
      <p className="text-sm text-slate-700">
        Statistik dasbor dihitung ulang dari badan usaha hasil pencocokan terakhir, di latar belakang, setelah pencocokan yang sedang berjalan
        selesai. Perlu hanya bila data acuan (wilayah, KBLI) berubah tanpa pencocokan baru: setiap pencocokan sudah menyegarkannya sendiri.
      </p>
      <DialogFormFooter status={state.status} message={formMessage} pending={pending} onCancel={onCancel} pendingLabel="Mengantrekan…" submitLabel="Ya, segarkan" />
    </form>
  );
}
