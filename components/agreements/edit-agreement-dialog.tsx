"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Field, fieldAria, inputClass } from "@/components/ui/field.tsx";
import { ModalDialog, DialogFormFooter } from "@/components/ui/modal-dialog.tsx";
import { useActionForm, type FormAction } from "@/components/ui/use-action-form.ts";
import {
  CONTACT_FIELDS,
  CONTACT_SIDE_LABELS,
  CONTACT_SIDES,
  agreementFieldLabel,
  agreementFormValues,
  contactFieldName,
  type ContactField,
} from "@/lib/agreements.ts";
import { formatLongDay } from "@/lib/format.ts";
import type { AgreementRow } from "./agreements-table.tsx";

const DAY_FIELDS = new Set(["signedOn", "lastDay"]);
const LONG_FIELDS = new Set(["title", "termText", "contactChangeText"]);
const CONTACT_INPUT_TYPES: Record<ContactField, string> = { unit: "text", position: "text", address: "text", phone: "tel", fax: "tel", email: "email" };

interface Change {
  name: string;
  from: string;
  to: string;
}

/** "Ubah" for one agreement: its fields and contacts in a dialog, saved after confirming the changes. */
export function EditAgreementDialog({ agreement, updateAction, onSaved }: { agreement: AgreementRow; updateAction: FormAction; onSaved: (message: string) => void }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="secondary" className="px-2.5 py-1.5" onClick={() => setOpen(true)}>
        Ubah<span className="sr-only"> PKS {agreement.partnerLabel}</span>
      </Button>
      <ModalDialog open={open} onClose={() => setOpen(false)} title={`Ubah PKS ${agreement.partnerLabel}`}>
        <AgreementForm
          agreement={agreement}
          action={updateAction}
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

/**
 * The form in two steps: "Periksa perubahan" lists each changed field, old → new, and only
 * "Simpan perubahan" sends it. Editing a field again takes the form back to the first step.
 */
function AgreementForm({ agreement, action, onCancel, onSaved }: { agreement: AgreementRow; action: FormAction; onCancel: () => void; onSaved: (message: string) => void }) {
  const { state, pending, onSubmit, formMessage, fieldError } = useActionForm(action, (done) => onSaved(done.message ?? "Disimpan."));
  const [changes, setChanges] = useState<Change[] | null>(null);
  const [unchanged, setUnchanged] = useState(false);
  const defaults = agreementFormValues(agreement);
  const id = useId();

  function submit(event: React.FormEvent<HTMLFormElement>) {
    if (changes) {
      onSubmit(event);
      return;
    }
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const found = Object.keys(defaults)
      .map((name) => ({ name, from: defaults[name] ?? "", to: String(form.get(name) ?? "").trim() }))
      .filter((change) => change.from !== change.to);
    setUnchanged(found.length === 0);
    setChanges(found.length === 0 ? null : found);
  }

  const input = (name: string, options: { type?: string; hint?: string; required?: boolean } = {}) => {
    const label = agreementFieldLabel(name, agreement.partnerLabel);
    const inputId = `${id}-${name}`;
    const error = fieldError(name);
    const common = {
      ...fieldAria(inputId, error, options.hint),
      name,
      defaultValue: defaults[name],
      className: inputClass,
      required: options.required,
    };
    return (
      <Field key={name} id={inputId} label={label} hint={options.hint} error={error}>
        {LONG_FIELDS.has(name) ? <textarea rows={3} {...common} /> : <input type={options.type ?? "text"} {...common} />}
      </Field>
    );
  };

  return (
    <form
      onSubmit={submit}
      onChange={() => {
        setChanges(null);
        setUnchanged(false);
      }}
      noValidate
      className="space-y-4"
    >
      <input type="hidden" name="partner" value={agreement.partner} />
      {input("title", { required: true })}
      <div className="grid gap-4 sm:grid-cols-2">
        {input("bpjsNumber", { required: true })}
        {input("partnerNumber", { required: true })}
        {input("signedOn", { type: "date", required: true })}
        {input("lastDay", { type: "date", hint: "Hari terakhir perjanjian berlaku. Kosongkan bila belum diketahui." })}
      </div>
      {input("termText", { required: true })}
      {input("noticeMonths", { type: "number", required: true })}
      {input("contactChangeText", { required: true })}
      {CONTACT_SIDES.map((side) => (
        <fieldset key={side} className="space-y-3 rounded-md border border-slate-200 p-3">
          <legend className="px-1 text-sm font-semibold text-slate-800">
            Kontak {side === "mitra" ? agreement.partnerLabel : CONTACT_SIDE_LABELS[side]}
          </legend>
          {CONTACT_FIELDS.map((field) =>
            input(contactFieldName(side, field), {
              type: CONTACT_INPUT_TYPES[field],
              required: field === "position" || field === "address",
            }),
          )}
        </fieldset>
      ))}

      {unchanged && (
        <p role="status" className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700">
          Belum ada yang diubah.
        </p>
      )}
      {changes && (
        <section aria-label="Periksa perubahan" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
          <h3 className="font-semibold text-slate-900">Simpan {changes.length} perubahan berikut?</h3>
          <ul className="mt-2 list-disc space-y-1 pl-5">
            {changes.map((change) => (
              <li key={change.name}>
                {agreementFieldLabel(change.name, agreement.partnerLabel)}: {shown(change.name, change.from)} → {shown(change.name, change.to)}
              </li>
            ))}
          </ul>
          <p className="mt-2 text-xs text-slate-600">Perubahan tercatat di jejak audit.</p>
        </section>
      )}
      <DialogFormFooter status={state.status} message={formMessage} pending={pending} onCancel={onCancel} pendingLabel="Menyimpan…" submitLabel={changes ? "Simpan perubahan" : "Periksa perubahan"} />
    </form>
  );
}

function shown(name: string, value: string): string {
  if (value === "") return "(kosong)";
  return DAY_FIELDS.has(name) && /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatLongDay(value) : value;
}
