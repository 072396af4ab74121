"use client";

import { useId, useState } from "react";
import { formatCount } from "@/lib/format.ts";
import { CopyButton } from "@/components/imports/copy-button.tsx";
import { Button, buttonClass } from "@/components/ui/button.tsx";
import { inputClass } from "@/components/ui/field.tsx";
import { FormMessage } from "@/components/ui/modal-dialog.tsx";
import { useActionForm, type FormAction } from "@/components/ui/use-action-form.ts";
import type { GeneratedBalikanView } from "@/lib/balikan.ts";

/**
 * "Buat berkas balikan" for one partner: a period (those with data received) and the button.
 * The new file's password is shown once in a panel above the form, with a copy button; it is
 * stored only as argon2id, so leaving the page loses it (generate again for a new one).
 */
export function GenerateBalikanForm({
  partner,
  periods,
  generateAction,
}: {
  partner: string;
  periods: string[];
  generateAction: FormAction<GeneratedBalikanView>;
}) {
  const id = useId();
  const [generated, setGenerated] = useState<GeneratedBalikanView | null>(null);
  const { state, pending, onSubmit, formMessage } = useActionForm(generateAction, (done) => {
    if (done.result) setGenerated(done.result);
  });
  return (
    <div className="space-y-3">
      {generated && <GeneratedPanel generated={generated} onDone={() => setGenerated(null)} />}
      <form onSubmit={onSubmit} noValidate className="flex flex-wrap items-end gap-3">
        <input type="hidden" name="partner" value={partner} />
        <div>
          <label htmlFor={`${id}-period`} className="mb-1 block text-sm font-medium text-slate-700">
            Periode
          </label>
          <select id={`${id}-period`} name="period" className={inputClass} defaultValue={periods[0]} disabled={!periods.length}>
            {periods.map((period) => (
              <option key={period} value={period}>
                {period}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" disabled={pending || !periods.length} aria-busy={pending || undefined}>
          {pending ? "Membuat berkas…" : "Buat berkas balikan"}
        </Button>
      </form>
      {state.status === "error" && <FormMessage status="error" message={formMessage} />}
    </div>
  );
}

function GeneratedPanel({ generated, onDone }: { generated: GeneratedBalikanView; onDone: () => void }) {
  const id = useId();
  return (
    <section aria-labelledby={`${id}-title`} className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-4">
      <h3 id={`${id}-title`} className="text-sm font-semibold text-amber-950">
        Berkas balikan {generated.partnerLabel} periode {generated.period} dibuat: {formatCount(generated.rows)} baris
      </h3>
      <ul className="text-sm text-amber-950">
        {generated.entries.map((entry) => (
          <li key={entry.name}>
            {entry.name}: {formatCount(entry.rows)} baris (batch menerima {formatCount(entry.batchAccepted)})
          </li>
        ))}
      </ul>
      <p role="alert" className="text-sm text-amber-950">
        Kata sandi ZIP di bawah ini <strong>hanya ditampilkan sekali</strong>. Serahkan kepada mitra lewat saluran lain (telepon atau surat
        resmi), bukan bersama berkasnya. Jangkau hanya menyimpan sidiknya; bila hilang, buat berkas baru.
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor={`${id}-password`} className="text-sm font-medium text-amber-950">
          Kata sandi ZIP
        </label>
        <input
          id={`${id}-password`}
          readOnly
          value={generated.password}
          onFocus={(event) => event.currentTarget.select()}
          className={`${inputClass} min-w-0 flex-1 font-mono`}
        />
        <CopyButton value={generated.password} label="Salin kata sandi ZIP" />
        <a href={`/balikan/unduh/${generated.deliveryId}`} className={buttonClass("secondary")} download>
          Unduh ZIP
        </a>
        <Button variant="ghost" onClick={onDone}>
          Selesai
        </Button>
      </div>
      <p className="break-all font-mono text-xs text-amber-900">SHA-256 {generated.sha256}</p>
    </section>
  );
}
