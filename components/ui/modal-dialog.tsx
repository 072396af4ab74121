"use client";

import { useEffect, useId, useRef } from "react";
import { Button } from "./button.tsx";

/**
 * A native modal `<dialog>`: the browser traps focus, closes it on Escape and returns focus to
 * the button that opened it. Its content is mounted only while open, so a page with a dialog
 * per row still has one "Nama lengkap" field at a time.
 */
export function ModalDialog({
  open,
  onClose,
  title,
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  children: React.ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  // The dialog's open state is the DOM's (showModal/close), kept in step with the prop.
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={onClose}
      className="m-auto w-[calc(100%-2rem)] max-w-lg rounded-lg border border-slate-200 bg-white p-0 text-left shadow-xl backdrop:bg-slate-900/40"
    >
      {open && (
        <div className="p-6">
          <h2 id={titleId} className="mb-4 text-lg font-semibold text-slate-900">
            {title}
          </h2>
          {children}
        </div>
      )}
    </dialog>
  );
}

/** The note a form shows for its last answer: refusals as alerts, successes as status. */
export function FormMessage({ status, message }: { status: "idle" | "success" | "error"; message?: string }) {
  if (!message || status === "idle") return null;
  return status === "error" ? (
    <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
      {message}
    </p>
  ) : (
    <p role="status" className="rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-800">
      {message}
    </p>
  );
}

/** The end of a dialog's form: its last answer, then Batal and the submit button. */
export function DialogFormFooter({
  status,
  message,
  pending,
  onCancel,
  submitLabel,
  pendingLabel,
  danger = false,
  disabled = false,
}: {
  status: "idle" | "success" | "error";
  message?: string;
  pending: boolean;
  onCancel: () => void;
  submitLabel: string;
  /** Shown while the action runs; the submit label stays when none is given. */
  pendingLabel?: string;
  danger?: boolean;
  /** Also keeps the submit button off (nothing chosen yet, over a limit). */
  disabled?: boolean;
}) {
  return (
    <>
      <FormMessage status={status} message={message} />
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onCancel}>
          Batal
        </Button>
        <Button type="submit" variant={danger ? "danger" : "primary"} disabled={pending || disabled} aria-busy={pending || undefined}>
          {pending && pendingLabel ? pendingLabel : submitLabel}
        </Button>
      </div>
    </>
  );
}
