"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Field, fieldAria, inputClass } from "@/components/ui/field.tsx";
import { FormMessage, ModalDialog } from "@/components/ui/modal-dialog.tsx";
import { useActionForm, type FormAction } from "@/components/ui/use-action-form.ts";
import { REVIEW_NOTE_MAX, type ReviewDecision, type ReviewDecisionOutcome } from "@/lib/match-review.ts";
import { useAnnounce } from "./review-announcer.tsx";

const CHOICES: Record<ReviewDecision, { button: string; title: string; confirm: string; pending: string; explain: string }> = {
  CONFIRMED: {
    button: "Sama (gabungkan)",
    title: "Gabungkan kedua catatan?",
    confirm: "Ya, gabungkan",
    pending: "Menggabungkan…",
    explain:
      "Kedua catatan akan diperlakukan sebagai satu badan usaha, juga setelah impor ulang atau periode baru. Keputusan tercatat di jejak audit atas nama Anda.",
  },
  REJECTED: {
    button: "Berbeda (pisahkan)",
    title: "Pisahkan kedua catatan?",
    confirm: "Ya, pisahkan",
    pending: "Memisahkan…",
    explain:
      "Kedua catatan tidak akan pernah digabungkan menjadi satu badan usaha, juga setelah impor ulang atau periode baru. Keputusan tercatat di jejak audit atas nama Anda.",
  },
};

const NOTE_HINT = "Misalnya alasan keputusan. Jangan tulis NIK atau data pribadi lain.";

/** The two verdicts on a pair, each confirmed in a dialog with an optional note. */
export function ReviewDecisionButtons({ pair, decideAction }: { pair: { id: string; title: string }; decideAction: FormAction<ReviewDecisionOutcome> }) {
  const [open, setOpen] = useState<ReviewDecision | null>(null);
  return (
    <div className="flex flex-wrap gap-2">
      {(Object.keys(CHOICES) as ReviewDecision[]).map((decision) => (
        <Button key={decision} variant={decision === "CONFIRMED" ? "primary" : "secondary"} onClick={() => setOpen(decision)}>
          {CHOICES[decision].button}
          <span className="sr-only">: {pair.title}</span>
        </Button>
      ))}
      <ModalDialog open={open !== null} onClose={() => setOpen(null)} title={open ? CHOICES[open].title : ""}>
        {open && <DecisionForm pair={pair} decision={open} decideAction={decideAction} onCancel={() => setOpen(null)} />}
      </ModalDialog>
    </div>
  );
}

function DecisionForm({
  pair,
  decision,
  decideAction,
  onCancel,
}: {
  pair: { id: string; title: string };
  decision: ReviewDecision;
  decideAction: FormAction<ReviewDecisionOutcome>;
  onCancel: () => void;
}) {
  const announce = useAnnounce();
  const { state, pending, onSubmit, formMessage, fieldError } = useActionForm(decideAction, (done) => {
    onCancel();
    // The re-match runs in the background: those who may see the jobs list can follow it there.
    const jobsHref = done.result?.jobsHref;
    announce(done.message ?? "Keputusan disimpan.", jobsHref ? { href: jobsHref, label: "Lihat di Pekerjaan latar" } : undefined);
  });
  const noteId = useId();
  const choice = CHOICES[decision];
  return (
    <form onSubmit={onSubmit} className="space-y-4">
      <input type="hidden" name="reviewId" value={pair.id} />
      <input type="hidden" name="decision" value={decision} />
      <p className="text-sm font-medium text-slate-900">{pair.title}</p>
      <p className="text-sm text-slate-700">{choice.explain}</p>
      <Field id={noteId} label="Catatan (opsional)" hint={NOTE_HINT} error={fieldError("note")}>
        <textarea
          name="note"
          rows={3}
          maxLength={REVIEW_NOTE_MAX}
          className={inputClass}
          {...fieldAria(noteId, fieldError("note"), NOTE_HINT)}
        />
      </Field>
      <FormMessage status={state.status} message={formMessage} />
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onCancel}>
          Batal
        </Button>
        <Button type="submit" disabled={pending} aria-busy={pending || undefined}>
          {pending ? choice.pending : choice.confirm}
        </Button>
      </div>
    </form>
  );
}
