"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { FormMessage, ModalDialog } from "@/components/ui/modal-dialog.tsx";
import type { RegionOption } from "./region-label.ts";
import { useActionForm, type FormAction } from "@/components/ui/use-action-form.ts";
import { UserFormFields } from "./user-form-fields.tsx";

/** "Tambah pengguna": the create form in a modal dialog; the success note stays on the page. */
export function CreateUserDialog({
  createAction,
  searchRegionsAction,
}: {
  createAction: FormAction;
  searchRegionsAction: FormAction<RegionOption[]>;
}) {
  const [open, setOpen] = useState(false);
  const [notice, setNotice] = useState("");
  return (
    <div className="flex flex-col items-end gap-2">
      <Button
        onClick={() => {
          setNotice("");
          setOpen(true);
        }}
      >
        Tambah pengguna
      </Button>
      <div aria-live="polite">
        {notice && (
          <p role="status" className="rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-800">
            {notice}
          </p>
        )}
      </div>
      <ModalDialog open={open} onClose={() => setOpen(false)} title="Tambah pengguna">
        <CreateUserForm
          createAction={createAction}
          searchRegionsAction={searchRegionsAction}
          onCancel={() => setOpen(false)}
          onCreated={(message) => {
            setOpen(false);
            setNotice(message);
          }}
        />
      </ModalDialog>
    </div>
  );
}

function CreateUserForm({
  createAction,
  searchRegionsAction,
  onCancel,
  onCreated,
}: {
  createAction: FormAction;
  searchRegionsAction: FormAction<RegionOption[]>;
  onCancel: () => void;
  onCreated: (message: string) => void;
}) {
  const { state, pending, onSubmit, formMessage, fieldError } = useActionForm(createAction, (done) => onCreated(done.message ?? "Pengguna dibuat."));
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <UserFormFields
        mode="create"
        defaults={{ name: "", role: "", regions: [] }}
        fieldError={fieldError}
        searchRegionsAction={searchRegionsAction}
      />
      <FormMessage status={state.status} message={formMessage} />
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onCancel}>
          Batal
        </Button>
        <Button type="submit" disabled={pending}>
          {pending ? "Menyimpan…" : "Simpan"}
        </Button>
      </div>
    </form>
  );
}
