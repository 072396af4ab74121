"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { DialogLauncher } from "@/components/ui/dialog-launcher.tsx";
import { ModalDialog, DialogFormFooter } from "@/components/ui/modal-dialog.tsx";
import { useActionForm, type FormAction } from "@/components/ui/use-action-form.ts";
import { NEW_ENDPOINT_DEFAULTS, SftpEndpointFields, type SftpEndpointFormDefaults } from "./sftp-endpoint-fields.tsx";

/** "Tambah sumber SFTP": the add form in a modal dialog; the success note stays on the page. */
export function CreateSftpEndpointDialog({ createAction }: { createAction: FormAction }) {
  return (
    <DialogLauncher label="Tambah sumber SFTP">
      {({ close, done }) => (
        <EndpointForm mode="create" action={createAction} defaults={NEW_ENDPOINT_DEFAULTS} onCancel={close} onSaved={done} />
      )}
    </DialogLauncher>
  );
}

/** "Ubah": the edit form of one endpoint; secrets show as "tersimpan", never their value. */
export function EditSftpEndpointDialog({
  endpointId,
  defaults,
  updateAction,
  onSaved,
}: {
  endpointId: string;
  defaults: SftpEndpointFormDefaults;
  updateAction: FormAction;
  onSaved: (message: string) => void;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Ubah
      </Button>
      <ModalDialog open={open} onClose={() => setOpen(false)} title={`Ubah sumber SFTP ${defaults.name}`}>
        <EndpointForm
          mode="edit"
          endpointId={endpointId}
          action={updateAction}
          defaults={defaults}
          onCancel={() => setOpen(false)}
          onSaved={(message) => {
            setOpen(false);
            onSaved(message);
          }}
        />
      </ModalDialog>
    </>
  );
}

function EndpointForm({
  mode,
  endpointId,
  action,
  defaults,
  onCancel,
  onSaved,
}: {
  mode: "create" | "edit";
  endpointId?: string;
  action: FormAction;
  defaults: SftpEndpointFormDefaults;
  onCancel: () => void;
  onSaved: (message: string) => void;
}) {
  const { state, pending, onSubmit, formMessage, fieldError } = useActionForm(action, (done) => onSaved(done.message ?? "Disimpan."));
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {endpointId && <input type="hidden" name="endpointId" value={endpointId} />}
      <SftpEndpointFields mode={mode} defaults={defaults} fieldError={fieldError} />
      <DialogFormFooter status={state.status} message={formMessage} pending={pending} onCancel={onCancel} pendingLabel="Menyimpan…" submitLabel="Simpan" />
    </form>
  );
}
