"use client";

import Link from "next/link";
import { useState } from "react";
import { DialogLauncher } from "@/components/ui/dialog-launcher.tsx";
import { Field, fieldAria, inputClass } from "@/components/ui/field.tsx";
import { DialogFormFooter, ModalDialog } from "@/components/ui/modal-dialog.tsx";
import { useActionForm, type FormAction } from "@/components/ui/use-action-form.ts";
import { SAVED_VIEW_NAME_MAX } from "@/lib/leads/saved-view-schemas.ts";
import type { LeadViewDto } from "@/server/leads/find-lead-views.ts";

const NAME_HINT = "Nama yang sama menggantikan tampilan lama dengan nama itu.";

/** "Simpan tampilan": names the current URL's view and saves it for this user. */
export function SaveLeadViewButton({ query, saveAction }: { query: string; saveAction: FormAction }) {
  return (
    <DialogLauncher label="Simpan tampilan">
      {({ close, done }) => <SaveViewForm query={query} saveAction={saveAction} onCancel={close} onSaved={done} />}
    </DialogLauncher>
  );
}

function SaveViewForm({ query, saveAction, onCancel, onSaved }: { query: string; saveAction: FormAction; onCancel: () => void; onSaved: (message: string) => void }) {
  const { pending, onSubmit, formMessage, fieldError, state } = useActionForm(saveAction, (s) => onSaved(s.message ?? "Tampilan disimpan."));
  return (
    <form onSubmit={onSubmit} className="space-y-4">
      <input type="hidden" name="query" value={query} />
      <Field id="tampilan-nama" label="Nama tampilan" hint={NAME_HINT} error={fieldError("name")}>
        <input name="name" required maxLength={SAVED_VIEW_NAME_MAX} autoFocus className={inputClass} {...fieldAria("tampilan-nama", fieldError("name"), NAME_HINT)} />
      </Field>
      <DialogFormFooter status={state.status} message={formMessage} pending={pending} onCancel={onCancel} submitLabel="Simpan" pendingLabel="Menyimpan…" />
    </form>
  );
}

/** The user's saved views as links, each with a delete button confirmed in a dialog. */
export function SavedLeadViews({ views, currentQuery, deleteAction }: { views: LeadViewDto[]; currentQuery: string; deleteAction: FormAction }) {
  const [deleting, setDeleting] = useState<LeadViewDto | null>(null);
  const [notice, setNotice] = useState("");
  return (
    <section aria-labelledby="tampilan-tersimpan" className="mb-4">
      <h2 id="tampilan-tersimpan" className="mb-2 text-sm font-semibold text-slate-700">
        Tampilan tersimpan
      </h2>
      {views.length === 0 ? (
        <p className="text-sm text-slate-500">Belum ada. Atur filter, lalu pilih “Simpan tampilan”.</p>
      ) : (
        <ul className="flex flex-wrap gap-2">
          {views.map((view) => (
            <li key={view.id} className="inline-flex items-center rounded-full border border-slate-300 bg-white text-sm">
              <Link
                href={view.query ? `/prospek?${view.query}` : "/prospek"}
                aria-current={view.query === currentQuery ? "page" : undefined}
                className="rounded-l-full px-3 py-1 text-brand-700 hover:bg-slate-50 aria-[current=page]:font-semibold"
              >
                {view.name}
              </Link>
              <button
                type="button"
                onClick={() => {
                  setNotice("");
                  setDeleting(view);
                }}
                className="rounded-r-full border-l border-slate-300 px-2 py-1 text-slate-500 hover:bg-red-50 hover:text-red-700"
                aria-label={`Hapus tampilan ${view.name}`}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div aria-live="polite">
        {notice && (
          <p role="status" className="mt-2 text-sm text-brand-800">
            {notice}
          </p>
        )}
      </div>
      <ModalDialog open={deleting !== null} onClose={() => setDeleting(null)} title="Hapus tampilan?">
        {deleting && (
          <DeleteViewForm
            view={deleting}
            deleteAction={deleteAction}
            onCancel={() => setDeleting(null)}
            onDeleted={(message) => {
              setDeleting(null);
              setNotice(message);
            }}
          />
        )}
      </ModalDialog>
    </section>
  );
}

function DeleteViewForm({ view, deleteAction, onCancel, onDeleted }: { view: LeadViewDto; deleteAction: FormAction; onCancel: () => void; onDeleted: (message: string) => void }) {
  const { pending, onSubmit, formMessage, state } = useActionForm(deleteAction, (s) => onDeleted(s.message ?? "Tampilan dihapus."));
  return (
    <form onSubmit={onSubmit} className="space-y-4">
      <input type="hidden" name="viewId" value={view.id} />
      <p className="text-sm text-slate-700">
        Tampilan <strong>{view.name}</strong> akan dihapus dari daftar Anda. Data prospek tidak berubah.
      </p>
      <DialogFormFooter status={state.status} message={formMessage} pending={pending} onCancel={onCancel} submitLabel="Ya, hapus" pendingLabel="Menghapus…" danger />
    </form>
  );
}
