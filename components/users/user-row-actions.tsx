"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import type { Role } from "@/lib/permissions.ts";
import { DialogFormFooter, FormMessage, ModalDialog } from "@/components/ui/modal-dialog.tsx";
import { PasswordInput } from "@/components/ui/password-input.tsx";
import type { RegionOption } from "./region-label.ts";
import { useActionForm, type FormAction } from "@/components/ui/use-action-form.ts";
import { UserFormFields } from "./user-form-fields.tsx";

/** What a row's actions need to know of a user: plain data, safe for the browser. */
export interface UserRowView {
  id: string;
  username: string;
  name: string;
  role: Role;
  active: boolean;
  locked: boolean;
  /** Has an authenticator (TOTP) enrolled: an admin may reset it. */
  secondFactor: boolean;
  regions: RegionOption[];
}

export interface UserActions {
  updateAction: FormAction;
  setActiveAction: FormAction;
  resetPasswordAction: FormAction;
  unlockAction: FormAction;
  resetSecondFactorAction: FormAction;
  searchRegionsAction: FormAction<RegionOption[]>;
}

type OpenDialog = "edit" | "active" | "password" | "second-factor" | null;

/**
 * Ubah, Nonaktifkan/Aktifkan, Atur ulang kata sandi and Buka kunci for one user. Every button's
 * name ends with the user name ("Ubah budi") so screen-reader users know which row they are on.
 * The rules (own role, last admin) are the server's: its refusals show in the dialog.
 */
export function UserRowActions({ user, isSelf, actions }: { user: UserRowView; isSelf: boolean; actions: UserActions }) {
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const [notice, setNotice] = useState("");
  const close = () => setDialog(null);
  const done = (message: string) => {
    setDialog(null);
    setNotice(message);
  };
  const forUser = <span className="sr-only"> {user.username}</span>;

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" className="px-2.5 py-1.5" onClick={() => setDialog("edit")}>
          Ubah{forUser}
        </Button>
        {/* An admin cannot lock himself out: the server refuses it, so the button is not offered. */}
        {!(isSelf && user.active) && (
          <Button variant="secondary" className="px-2.5 py-1.5" onClick={() => setDialog("active")}>
            {user.active ? "Nonaktifkan" : "Aktifkan"}
            {forUser}
          </Button>
        )}
        <Button variant="secondary" className="px-2.5 py-1.5" onClick={() => setDialog("password")}>
          Atur ulang kata sandi{forUser}
        </Button>
        {user.secondFactor && !isSelf && (
          <Button variant="secondary" className="px-2.5 py-1.5" onClick={() => setDialog("second-factor")}>
            Atur ulang autentikator{forUser}
          </Button>
        )}
        {user.locked && <UnlockButton user={user} unlockAction={actions.unlockAction} onDone={setNotice} forUser={forUser} />}
      </div>
      <div aria-live="polite">
        {notice && (
          <p role="status" className="text-xs text-brand-800">
            {notice}
          </p>
        )}
      </div>

      <ModalDialog open={dialog === "edit"} onClose={close} title={`Ubah pengguna ${user.username}`}>
        <EditUserForm user={user} isSelf={isSelf} actions={actions} onCancel={close} onDone={done} />
      </ModalDialog>
      <ModalDialog
        open={dialog === "active"}
        onClose={close}
        title={user.active ? `Nonaktifkan pengguna ${user.username}?` : `Aktifkan kembali pengguna ${user.username}?`}
      >
        <SetActiveForm user={user} setActiveAction={actions.setActiveAction} onCancel={close} onDone={done} />
      </ModalDialog>
      <ModalDialog open={dialog === "password"} onClose={close} title={`Atur ulang kata sandi ${user.username}`}>
        <ResetPasswordForm user={user} resetPasswordAction={actions.resetPasswordAction} onCancel={close} onDone={done} />
      </ModalDialog>
      <ModalDialog open={dialog === "second-factor"} onClose={close} title={`Atur ulang autentikator ${user.username}?`}>
        <ResetSecondFactorForm user={user} resetSecondFactorAction={actions.resetSecondFactorAction} onCancel={close} onDone={done} />
      </ModalDialog>
    </div>
  );
}

interface FormProps {
  user: UserRowView;
  onCancel: () => void;
  onDone: (message: string) => void;
}

function EditUserForm({ user, isSelf, actions, onCancel, onDone }: FormProps & { isSelf: boolean; actions: UserActions }) {
  const { state, pending, onSubmit, formMessage, fieldError } = useActionForm(actions.updateAction, (s) =>
    onDone(s.message ?? `Perubahan pengguna ${user.username} disimpan.`),
  );
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <input type="hidden" name="userId" value={user.id} />
      <UserFormFields
        mode="edit"
        defaults={{ name: user.name, role: user.role, regions: user.regions }}
        roleLocked={isSelf}
        fieldError={fieldError}
        searchRegionsAction={actions.searchRegionsAction}
      />
      <DialogFormFooter status={state.status} message={formMessage} pending={pending} onCancel={onCancel} submitLabel="Simpan" />
    </form>
  );
}

function SetActiveForm({ user, setActiveAction, onCancel, onDone }: FormProps & { setActiveAction: FormAction }) {
  const deactivate = user.active;
  const { state, pending, onSubmit, formMessage } = useActionForm(setActiveAction, () =>
    onDone(deactivate ? `Pengguna ${user.username} dinonaktifkan; semua sesinya diakhiri.` : `Pengguna ${user.username} diaktifkan.`),
  );
  return (
    <form onSubmit={onSubmit} className="space-y-4">
      <input type="hidden" name="userId" value={user.id} />
      <input type="hidden" name="active" value={deactivate ? "false" : "true"} />
      <p className="text-sm text-slate-700">
        {deactivate
          ? `${user.name} tidak dapat masuk lagi dan semua sesinya diakhiri seketika. Riwayat dan jejak auditnya tetap tersimpan; akun dapat diaktifkan kembali.`
          : `${user.name} dapat masuk kembali dengan kata sandinya yang sekarang.`}
      </p>
      <DialogFormFooter status={state.status} message={formMessage} pending={pending} onCancel={onCancel} submitLabel={deactivate ? "Nonaktifkan" : "Aktifkan"} danger={deactivate} />
    </form>
  );
}

function ResetPasswordForm({ user, resetPasswordAction, onCancel, onDone }: FormProps & { resetPasswordAction: FormAction }) {
  const id = useId();
  const { state, pending, onSubmit, formMessage, fieldError } = useActionForm(resetPasswordAction, () =>
    onDone(`Kata sandi ${user.username} diatur ulang; semua sesinya diakhiri.`),
  );
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <input type="hidden" name="userId" value={user.id} />
      <p className="text-sm text-slate-700">
        Kata sandi lama tidak berlaku lagi, semua sesi {user.name} diakhiri, dan kunci akun (bila ada) dibuka. Catat kata sandi
        baru sebelum menyimpan: kata sandi ini tidak ditampilkan lagi.
      </p>
      <PasswordInput id={`${id}-password`} label="Kata sandi baru" name="password" error={fieldError("password")} />
      <DialogFormFooter status={state.status} message={formMessage} pending={pending} onCancel={onCancel} submitLabel="Atur ulang" danger />
    </form>
  );
}

function ResetSecondFactorForm({ user, resetSecondFactorAction, onCancel, onDone }: FormProps & { resetSecondFactorAction: FormAction }) {
  const { state, pending, onSubmit, formMessage } = useActionForm(resetSecondFactorAction, (s) =>
    onDone(s.message ?? `Autentikator ${user.username} diatur ulang; semua sesinya diakhiri.`),
  );
  return (
    <form onSubmit={onSubmit} className="space-y-4">
      <input type="hidden" name="userId" value={user.id} />
      <p className="text-sm text-slate-700">
        Untuk pengguna yang kehilangan ponsel dan kode pemulihannya. Autentikator dan semua kode pemulihan {user.name} dihapus dan
        semua sesinya diakhiri. {user.role === "ADMIN" ? "Sebagai admin, ia wajib mendaftarkan autentikator baru saat masuk berikutnya." : "Ia dapat mendaftarkan autentikator baru di Keamanan akun."}{" "}
        Pastikan identitasnya sudah Anda periksa, mis. lewat telepon kantor.
      </p>
      <DialogFormFooter status={state.status} message={formMessage} pending={pending} onCancel={onCancel} submitLabel="Atur ulang" danger />
    </form>
  );
}

function UnlockButton({
  user,
  unlockAction,
  onDone,
  forUser,
}: {
  user: UserRowView;
  unlockAction: FormAction;
  onDone: (message: string) => void;
  forUser: React.ReactNode;
}) {
  const { state, pending, onSubmit, formMessage } = useActionForm(unlockAction, () => onDone(`Kunci akun ${user.username} dibuka.`));
  return (
    <form onSubmit={onSubmit} className="contents">
      <input type="hidden" name="userId" value={user.id} />
      <Button type="submit" variant="secondary" className="px-2.5 py-1.5" disabled={pending}>
        Buka kunci{forUser}
      </Button>
      {state.status === "error" && <FormMessage status="error" message={formMessage} />}
    </form>
  );
}
