"use client";

import { useState } from "react";
import { Button, type ButtonVariant } from "./button.tsx";
import { ModalDialog } from "./modal-dialog.tsx";

/**
 * A button that opens a form in a modal dialog; the form's success note stays on the page after
 * the dialog closes. `children` gets `close` (Batal) and `done(message)` (saved).
 */
export function DialogLauncher({
  label,
  title = label,
  variant,
  onDone,
  children,
}: {
  /** The button's text, also the dialog's title unless `title` says otherwise. */
  label: string;
  title?: string;
  variant?: ButtonVariant;
  /** Takes the success note instead of showing it here: for a launcher the success removes from the page. */
  onDone?: (message: string) => void;
  children: (actions: { close: () => void; done: (message: string) => void }) => React.ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const [notice, setNotice] = useState("");
  const close = () => setOpen(false);
  return (
    <div className="flex flex-col items-end gap-2">
      <Button
        variant={variant}
        onClick={() => {
          setNotice("");
          setOpen(true);
        }}
      >
        {label}
      </Button>
      <div aria-live="polite">
        {notice && (
          <p role="status" className="rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-800">
            {notice}
          </p>
        )}
      </div>
      <ModalDialog open={open} onClose={close} title={title}>
        {children({
          close,
          done: (message) => {
            setOpen(false);
            if (onDone) onDone(message);
            else setNotice(message);
          },
        })}
      </ModalDialog>
    </div>
  );
}
