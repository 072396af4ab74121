"use client";

import { DialogLauncher } from "@/components/ui/dialog-launcher.tsx";
import { Field, fieldAria, inputClass } from "@/components/ui/field.tsx";
import { DialogFormFooter } from "@/components/ui/modal-dialog.tsx";
import { useActionForm, type FormAction } from "@/components/ui/use-action-form.ts";
import { formatCount } from "@/lib/format.ts";
import { FOLLOW_UP_STATUSES, FOLLOW_UP_STATUS_LABELS } from "@/lib/leads/follow-up.ts";
import { ActivityFields } from "./record-activity-form.tsx";

// Baru is where a lead starts, not a move.
const TARGET_STATUSES = FOLLOW_UP_STATUSES.filter((status) => status !== "BARU");

/**
 * "Ubah status yang dipilih" in the selection bar: one activity and status move recorded on each
 * picked lead, by the rule of one lead's "Catat kegiatan". Only the officer's own leads change;
 * the answer names the others and why.
 */
export function BulkStatusDialog({ businessIds, action, onDone }: { businessIds: readonly string[]; action: FormAction; onDone: (message: string) => void }) {
  return (
    <DialogLauncher label="Ubah status yang dipilih" title="Ubah status prospek yang dipilih" onDone={onDone}>
      {({ close, done }) => <BulkStatusForm businessIds={businessIds} action={action} onCancel={close} onDone={done} />}
    </DialogLauncher>
  );
}

function BulkStatusForm({
  businessIds,
  action,
  onCancel,
  onDone,
}: {
  businessIds: readonly string[];
  action: FormAction;
  onCancel: () => void;
  onDone: (message: string) => void;
}) {
  const { state, pending, onSubmit, formMessage, fieldError } = useActionForm(action, (s) => onDone(s.message ?? "Status diubah."));
  const count = formatCount(businessIds.length);
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Ubah status prospek yang dipilih">
      {businessIds.map((id) => (
        <input key={id} type="hidden" name="businessIds" value={id} />
      ))}
      <Field id="massal-status" label="Status baru" error={fieldError("newStatus")}>
        <select name="newStatus" defaultValue="" className={inputClass} {...fieldAria("massal-status", fieldError("newStatus"))}>
          <option value="" disabled>
            Pilih…
          </option>
          {TARGET_STATUSES.map((status) => (
            <option key={status} value={status}>
              {FOLLOW_UP_STATUS_LABELS[status]}
            </option>
          ))}
        </select>
      </Field>
      <ActivityFields fieldError={fieldError} />
      <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
        Kegiatan ini dicatat pada {count} prospek yang dipilih. Hanya prospek yang ditugaskan kepada Anda dan masih terbuka yang berubah, dan status
        hanya maju; prospek lain disebutkan setelah disimpan.
      </p>
      <DialogFormFooter status={state.status} message={formMessage} pending={pending} onCancel={onCancel} pendingLabel="Menyimpan…" submitLabel={`Ubah status ${count} prospek`} />
    </form>
  );
}
