"use client";

import { Button } from "@/components/ui/button.tsx";
import { Field, fieldAria, inputClass } from "@/components/ui/field.tsx";
import { FormMessage } from "@/components/ui/modal-dialog.tsx";
import { useActionForm, type FormAction } from "@/components/ui/use-action-form.ts";
import {
  ACTIVITY_KIND_LABELS,
  FOLLOW_UP_STATUS_LABELS,
  nextStatuses,
  RECORDABLE_ACTIVITY_KINDS,
  todayWib,
  type FollowUpStatusValue,
} from "@/lib/leads/follow-up.ts";

/** "Catat kegiatan": kind, date (not in the future), outcome, note and an optional status move. */
export function RecordActivityForm({
  businessId,
  status,
  action,
  anyStatus = false,
}: {
  businessId: string;
  status: FollowUpStatusValue;
  action: FormAction;
  /** Admins may correct a status in any direction. */
  anyStatus?: boolean;
}) {
  const { state, pending, onSubmit, formMessage, fieldError } = useActionForm(action, () => undefined);
  const targets = anyStatus
    ? (Object.keys(FOLLOW_UP_STATUS_LABELS) as FollowUpStatusValue[]).filter((s) => s !== status)
    : nextStatuses(status);
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Catat kegiatan tindak lanjut" key={state.status === "success" ? state.message : "form"}>
      <input type="hidden" name="businessId" value={businessId} />
      <ActivityFields fieldError={fieldError} />
      <Field id="kegiatan-status" label="Ubah status" error={fieldError("newStatus")} hint={`Status sekarang: ${FOLLOW_UP_STATUS_LABELS[status]}.`}>
        <select name="newStatus" defaultValue="" className={inputClass} {...fieldAria("kegiatan-status", fieldError("newStatus"), "x")}>
          <option value="">Tetap {FOLLOW_UP_STATUS_LABELS[status]}</option>
          {targets.map((s) => (
            <option key={s} value={s}>
              {FOLLOW_UP_STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </Field>
      <FormMessage status={state.status} message={formMessage} />
      <div className="flex justify-end">
        <Button type="submit" disabled={pending}>
          {pending ? "Menyimpan…" : "Simpan kegiatan"}
        </Button>
      </div>
    </form>
  );
}

/** What an activity is — kind, date (not in the future), outcome, note — for one lead or for picked ones. */
export function ActivityFields({ fieldError }: { fieldError: (name: string) => string | undefined }) {
  const today = todayWib();
  return (
    <>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="kegiatan-jenis" label="Jenis kegiatan" error={fieldError("kind")}>
          <select name="kind" defaultValue="" className={inputClass} {...fieldAria("kegiatan-jenis", fieldError("kind"))}>
            <option value="" disabled>
              Pilih…
            </option>
            {RECORDABLE_ACTIVITY_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {ACTIVITY_KIND_LABELS[kind]}
              </option>
            ))}
          </select>
        </Field>
        <Field id="kegiatan-tanggal" label="Tanggal" error={fieldError("occurredOn")}>
          <input type="date" name="occurredOn" defaultValue={today} max={today} className={inputClass} {...fieldAria("kegiatan-tanggal", fieldError("occurredOn"))} />
        </Field>
      </div>
      <Field id="kegiatan-hasil" label="Hasil" error={fieldError("outcome")} hint="Mis. diterima HRD, bersedia mendaftar bulan depan.">
        <input name="outcome" maxLength={200} autoComplete="off" className={inputClass} {...fieldAria("kegiatan-hasil", fieldError("outcome"), "x")} />
      </Field>
      <Field id="kegiatan-catatan" label="Catatan (opsional)" error={fieldError("note")}>
        <textarea name="note" rows={3} maxLength={2000} className={inputClass} {...fieldAria("kegiatan-catatan", fieldError("note"))} />
      </Field>
    </>
  );
}
