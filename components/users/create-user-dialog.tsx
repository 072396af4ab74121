"use client";

import { DialogLauncher } from "@/components/ui/dialog-launcher.tsx";
import { DialogFormFooter } from "@/components/ui/modal-dialog.tsx";
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
  return (
    <DialogLauncher label="Tambah pengguna">
      {({ close, done }) => (
        <CreateUserForm createAction={createAction} searchRegionsAction={searchRegionsAction} onCancel={close} onCreated={done} />
      )}
    </DialogLauncher>
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
      <DialogFormFooter status={state.status} message={formMessage} pending={pending} onCancel={onCancel} submitLabel="Simpan" pendingLabel="Menyimpan…" />
    </form>
  );
}
