"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { DialogLauncher } from "@/components/ui/dialog-launcher.tsx";
import { DialogFormFooter } from "@/components/ui/modal-dialog.tsx";
import { useActionCall } from "@/components/ui/use-action-call.ts";
import { useActionForm, type FormAction } from "@/components/ui/use-action-form.ts";
import { ASSIGN_MAX_LEADS } from "@/lib/leads/follow-up.ts";
import { AssignFields, type OfficerOption } from "./assign-lead-form.tsx";
import { formatCount } from "@/lib/format.ts";

type Preview = { count: number; overCap: boolean };

/**
 * "Tugaskan semua hasil filter": asks the server how many leads the list's current filter holds
 * (in the supervisor's scope), shows that count for confirmation, then assigns them all. The
 * server refuses when the count changed meanwhile, or past ASSIGN_MAX_LEADS.
 */
export function BulkAssignDialog({
  filterQuery,
  officers,
  previewAction,
  assignAction,
}: {
  /** The list's query string (its filter; sort and page are ignored). */
  filterQuery: string;
  officers: readonly OfficerOption[];
  previewAction: FormAction<Preview>;
  assignAction: FormAction;
}) {
  return (
    <DialogLauncher label="Tugaskan semua hasil filter">
      {({ close, done }) => (
        <BulkAssignForm filterQuery={filterQuery} officers={officers} previewAction={previewAction} assignAction={assignAction} onCancel={close} onDone={done} />
      )}
    </DialogLauncher>
  );
}

function BulkAssignForm({
  filterQuery,
  officers,
  previewAction,
  assignAction,
  onCancel,
  onDone,
}: {
  filterQuery: string;
  officers: readonly OfficerOption[];
  previewAction: FormAction<Preview>;
  assignAction: FormAction;
  onCancel: () => void;
  onDone: (message: string) => void;
}) {
  const [preview, setPreview] = useState<Preview | null>(null);
  const { call, pending: counting, error: previewError } = useActionCall(previewAction, setPreview, "Jumlah prospek tidak dapat dihitung.");
  const { state, pending, onSubmit, formMessage, fieldError } = useActionForm(assignAction, (s) => onDone(s.message ?? "Prospek ditugaskan."));

  const count = () => call({ filterQuery });

  if (officers.length === 0) return <p className="text-sm text-slate-600">Belum ada petugas aktif di wilayah Anda.</p>;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Tugaskan semua hasil filter">
      <input type="hidden" name="filterQuery" value={filterQuery} />
      {preview && <input type="hidden" name="expectedCount" value={preview.count} />}
      <AssignFields officers={officers} fieldError={fieldError} />
      {!preview ? (
        <div className="space-y-2">
          <p className="text-sm text-slate-600">Semua prospek pada filter daftar saat ini (di wilayah Anda) akan ditugaskan, bukan hanya halaman ini.</p>
          <Button variant="secondary" onClick={count} disabled={counting}>
            {counting ? "Menghitung…" : "Hitung prospek"}
          </Button>
          {previewError && (
            <p role="alert" className="text-sm text-red-800">
              {previewError}
            </p>
          )}
        </div>
      ) : preview.overCap ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          Filter ini memuat lebih dari {formatCount(ASSIGN_MAX_LEADS)} prospek. Persempit filter lalu tugaskan bertahap.
        </p>
      ) : preview.count === 0 ? (
        <p role="status" className="text-sm text-slate-700">Tidak ada prospek pada filter ini.</p>
      ) : (
        <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {formatCount(preview.count)} prospek akan ditugaskan. Prospek yang sudah ditugaskan berpindah ke petugas ini; yang sudah ditutup dibuka kembali.
        </p>
      )}
      <DialogFormFooter status={state.status} message={formMessage} pending={pending} onCancel={onCancel} pendingLabel="Menugaskan…" submitLabel={preview && preview.count > 0 ? `Tugaskan ${formatCount(preview.count)} prospek` : "Tugaskan"} disabled={!preview || preview.overCap || preview.count === 0} />
    </form>
  );
}

/**
 * "Tugaskan yang dipilih" in the selection bar: the leads picked on the list to one officer. The
 * count is known, so the confirmation is the button itself; the server refuses the whole pick
 * when one lead lies outside the supervisor's regions or the officer's.
 */
export function AssignSelectedDialog({
  businessIds,
  officers,
  assignAction,
  onDone,
}: {
  businessIds: readonly string[];
  officers: readonly OfficerOption[];
  assignAction: FormAction;
  onDone: (message: string) => void;
}) {
  return (
    <DialogLauncher label="Tugaskan yang dipilih" title="Tugaskan prospek yang dipilih" onDone={onDone}>
      {({ close, done }) => <AssignSelectedForm businessIds={businessIds} officers={officers} assignAction={assignAction} onCancel={close} onDone={done} />}
    </DialogLauncher>
  );
}

function AssignSelectedForm({
  businessIds,
  officers,
  assignAction,
  onCancel,
  onDone,
}: {
  businessIds: readonly string[];
  officers: readonly OfficerOption[];
  assignAction: FormAction;
  onCancel: () => void;
  onDone: (message: string) => void;
}) {
  const { state, pending, onSubmit, formMessage, fieldError } = useActionForm(assignAction, (s) => onDone(s.message ?? "Prospek ditugaskan."));
  if (officers.length === 0) return <p className="text-sm text-slate-600">Belum ada petugas aktif di wilayah Anda.</p>;
  const count = formatCount(businessIds.length);
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Tugaskan prospek yang dipilih">
      {businessIds.map((id) => (
        <input key={id} type="hidden" name="businessIds" value={id} />
      ))}
      <AssignFields officers={officers} fieldError={fieldError} />
      <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
        {count} prospek yang dipilih akan ditugaskan. Prospek yang sudah ditugaskan berpindah ke petugas ini; yang sudah ditutup dibuka kembali.
      </p>
      <DialogFormFooter status={state.status} message={formMessage} pending={pending} onCancel={onCancel} pendingLabel="Menugaskan…" submitLabel={`Tugaskan ${count} prospek`} />
    </form>
  );
}
