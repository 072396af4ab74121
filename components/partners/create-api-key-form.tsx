"use client";

import { useId, useRef, useState } from "react";
import { FormMessage } from "@/components/ui/modal-dialog.tsx";
import { useActionForm, type FormAction } from "@/components/ui/use-action-form.ts";
import { Button } from "@/components/ui/button.tsx";
import { Field, fieldAria, inputClass } from "@/components/ui/field.tsx";

export interface PartnerOption {
  id: string;
  label: string;
  sources: string[];
}

/** The secret of a key just created, as the create action returns it. */
export interface CreatedKeyView {
  secret: string;
  prefix: string;
  partnerLabel: string;
  name: string;
}

/**
 * "Buat kunci": partner and name. The answer carries the secret, shown here once — it is stored
 * only as a hash — with a copy button; leaving or reloading the page loses it for good.
 */
export function CreateApiKeyForm({ partners, createAction }: { partners: PartnerOption[]; createAction: FormAction<CreatedKeyView> }) {
  const [created, setCreated] = useState<CreatedKeyView | null>(null);
  // A new form after each key, so its fields start empty.
  const [formKey, setFormKey] = useState(0);
  return (
    <div className="space-y-4">
      {created && <CreatedKeyPanel created={created} onDone={() => setCreated(null)} />}
      <CreateForm
        key={formKey}
        partners={partners}
        createAction={createAction}
        onCreated={(key) => {
          setCreated(key);
          setFormKey((n) => n + 1);
        }}
      />
    </div>
  );
}

const NAME_HINT = "Untuk membedakan kunci, mis. “Server WLKP produksi”.";

function CreateForm({
  partners,
  createAction,
  onCreated,
}: {
  partners: PartnerOption[];
  createAction: FormAction<CreatedKeyView>;
  onCreated: (key: CreatedKeyView) => void;
}) {
  const id = useId();
  const { state, pending, onSubmit, formMessage, fieldError } = useActionForm(createAction, (done) => {
    if (done.result) onCreated(done.result);
  });
  const [partner, setPartner] = useState("");
  const sources = partners.find((p) => p.id === partner)?.sources;
  const partnerHint = sources ? `Boleh mengirim ke: ${sources.join(", ")}.` : "Kunci hanya boleh mengirim ke sumber data mitra ini.";
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4 sm:grid-cols-[minmax(0,14rem)_minmax(0,1fr)_auto] sm:items-start">
      <Field id={`${id}-partner`} label="Mitra" hint={partnerHint} error={fieldError("partner")}>
        <select
          name="partner"
          value={partner}
          onChange={(event) => setPartner(event.target.value)}
          className={inputClass}
          {...fieldAria(`${id}-partner`, fieldError("partner"), partnerHint)}
        >
          <option value="">Pilih mitra…</option>
          {partners.map((option) => (
            <option key={option.id} value={option.id}>
              {option.label}
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${id}-name`} label="Nama kunci" hint={NAME_HINT} error={fieldError("name")}>
        <input name="name" type="text" maxLength={80} autoComplete="off" className={inputClass} {...fieldAria(`${id}-name`, fieldError("name"), NAME_HINT)} />
      </Field>
      <div className="sm:pt-6">
        <Button type="submit" disabled={pending} aria-busy={pending || undefined}>
          {pending ? "Membuat…" : "Buat kunci"}
        </Button>
      </div>
      {state.status === "error" && (
        <div className="sm:col-span-3">
          <FormMessage status="error" message={formMessage} />
        </div>
      )}
    </form>
  );
}

function CreatedKeyPanel({ created, onDone }: { created: CreatedKeyView; onDone: () => void }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copyNote, setCopyNote] = useState("");

  async function copy() {
    try {
      await navigator.clipboard.writeText(created.secret);
      setCopyNote("Kunci tersalin ke clipboard.");
    } catch {
      // No clipboard access (plain http, a browser policy): select it for Ctrl+C instead.
      input.current?.select();
      setCopyNote("Tidak dapat menyalin otomatis; kunci sudah dipilih, tekan Ctrl+C.");
    }
  }

  return (
    <section aria-labelledby={`${id}-title`} className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-4">
      <h3 id={`${id}-title`} className="text-sm font-semibold text-amber-950">
        Kunci baru untuk {created.partnerLabel}: {created.name}
      </h3>
      <p role="alert" className="text-sm text-amber-950">
        Salin kunci ini sekarang dan serahkan kepada mitra lewat saluran yang aman. Kunci ini <strong>tidak akan ditampilkan lagi</strong>:
        Jangkau hanya menyimpan sidiknya. Bila hilang, cabut kunci ini dan buat yang baru.
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor={`${id}-secret`} className="sr-only">
          Kunci API baru
        </label>
        <input
          ref={input}
          id={`${id}-secret`}
          readOnly
          value={created.secret}
          onFocus={(event) => event.currentTarget.select()}
          className={`${inputClass} min-w-0 flex-1 font-mono`}
        />
        <Button variant="secondary" onClick={copy}>
          Salin kunci
        </Button>
        <Button variant="ghost" onClick={onDone}>
          Selesai
        </Button>
      </div>
      <div aria-live="polite" className="text-xs text-amber-900">
        {copyNote}
      </div>
    </section>
  );
}
