"use client";

import { useId } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Field, fieldAria, inputClass } from "@/components/ui/field.tsx";
import { FormMessage } from "@/components/ui/modal-dialog.tsx";
import { useActionForm, type FormAction } from "@/components/ui/use-action-form.ts";

/** "Tujuan SFTP": which of the partner's SFTP endpoints, and which folder on it, receives its data balikan. */
export function BalikanTargetForm({
  partner,
  endpoints,
  current,
  setTargetAction,
}: {
  partner: string;
  endpoints: { id: string; name: string; host: string }[];
  current: { endpointId: string; remoteDir: string } | null;
  setTargetAction: FormAction;
}) {
  const id = useId();
  const { state, pending, onSubmit, formMessage, fieldError } = useActionForm(setTargetAction);
  const dirHint = "Folder di server mitra tempat berkas ZIP diletakkan, mis. /masuk/balikan.";
  if (!endpoints.length) {
    return (
      <p className="text-sm text-slate-600">
        Belum ada sumber SFTP milik mitra ini. Tambahkan di <a className="text-brand-700 underline" href="/impor/sftp">Impor Data → Sumber SFTP</a>; kredensial
        dan kunci host yang disematkan di sana dipakai juga untuk mengirim.
      </p>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-3 sm:grid-cols-[minmax(0,16rem)_minmax(0,1fr)_auto] sm:items-start">
      <input type="hidden" name="partner" value={partner} />
      <Field id={`${id}-endpoint`} label="Server SFTP" error={fieldError("endpointId")}>
        <select name="endpointId" defaultValue={current?.endpointId ?? ""} className={inputClass} {...fieldAria(`${id}-endpoint`, fieldError("endpointId"))}>
          <option value="">Pilih sumber SFTP…</option>
          {endpoints.map((endpoint) => (
            <option key={endpoint.id} value={endpoint.id}>
              {endpoint.name} ({endpoint.host})
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${id}-dir`} label="Folder tujuan" hint={dirHint} error={fieldError("remoteDir")}>
        <input
          name="remoteDir"
          type="text"
          defaultValue={current?.remoteDir ?? ""}
          maxLength={500}
          className={inputClass}
          {...fieldAria(`${id}-dir`, fieldError("remoteDir"), dirHint)}
        />
      </Field>
      <div className="sm:pt-6">
        <Button type="submit" variant="secondary" disabled={pending} aria-busy={pending || undefined}>
          {pending ? "Menyimpan…" : "Simpan tujuan"}
        </Button>
      </div>
      <div className="sm:col-span-3" aria-live="polite">
        <FormMessage status={state.status} message={formMessage} />
      </div>
    </form>
  );
}
