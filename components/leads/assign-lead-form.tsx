"use client";

import { Button } from "@/components/ui/button.tsx";
import { Field, fieldAria, inputClass } from "@/components/ui/field.tsx";
import { FormMessage } from "@/components/ui/modal-dialog.tsx";
import { useActionForm, type FormAction } from "@/components/ui/use-action-form.ts";
import { todayWib } from "@/lib/leads/follow-up.ts";

export interface OfficerOption {
  id: string;
  name: string;
  username: string;
  regionCodes: string[];
}

/** Officer and due date; the leads come as hidden fields (one lead, picked ones, or a filter). */
export function AssignFields({
  officers,
  fieldError,
  defaultOfficerId,
  defaultDueDate,
}: {
  officers: readonly OfficerOption[];
  fieldError: (name: string) => string | undefined;
  defaultOfficerId?: string | null;
  defaultDueDate?: string | null;
}) {
  const today = todayWib();
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Field id="tugas-petugas" label="Petugas" error={fieldError("officerId")}>
        <select name="officerId" defaultValue={defaultOfficerId ?? ""} className={inputClass} {...fieldAria("tugas-petugas", fieldError("officerId"))}>
          <option value="" disabled>
            Pilih petugas…
          </option>
          {officers.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name} ({o.username}) — {o.regionCodes.join(", ")}
            </option>
          ))}
        </select>
      </Field>
      <Field id="tugas-tenggat" label="Tenggat" error={fieldError("dueDate")}>
        <input type="date" name="dueDate" min={today} defaultValue={defaultDueDate && defaultDueDate >= today ? defaultDueDate : ""} className={inputClass} {...fieldAria("tugas-tenggat", fieldError("dueDate"))} />
      </Field>
    </div>
  );
}

/** The detail page's "Tugaskan": this one lead to an officer. */
export function AssignLeadForm({
  businessId,
  officers,
  action,
  current,
}: {
  businessId: string;
  officers: readonly OfficerOption[];
  action: FormAction;
  current: { officerId: string | null; dueDate: string | null } | null;
}) {
  const { state, pending, onSubmit, formMessage, fieldError } = useActionForm(action);
  if (officers.length === 0) {
    return <p className="text-sm text-slate-600">Belum ada petugas aktif di wilayah Anda.</p>;
  }
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Tugaskan prospek">
      <input type="hidden" name="businessIds" value={businessId} />
      <AssignFields officers={officers} fieldError={fieldError} defaultOfficerId={current?.officerId} defaultDueDate={current?.dueDate} />
      <FormMessage status={state.status} message={formMessage} />
      <div className="flex justify-end">
        <Button type="submit" disabled={pending}>
          {pending ? "Menyimpan…" : current?.officerId ? "Tugaskan ulang" : "Tugaskan"}
        </Button>
      </div>
    </form>
  );
}
