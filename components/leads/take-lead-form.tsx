"use client";

import Link from "next/link";
import { Button } from "@/components/ui/button.tsx";
import { FormMessage } from "@/components/ui/modal-dialog.tsx";
import { useActionForm, type FormAction } from "@/components/ui/use-action-form.ts";
import { TAKE_DUE_DAYS } from "@/lib/leads/follow-up.ts";

/**
 * "Ambil prospek ini" on the lead page. The page keeps rendering it for the officer who just took
 * the lead (`canTake` false by then), so the answer stays in sight after the page refreshes.
 */
export function TakeLeadForm({ businessId, canTake, action }: { businessId: string; canTake: boolean; action: FormAction }) {
  const { state, pending, onSubmit, formMessage } = useActionForm(action);
  if (!canTake && state.status === "idle") return null;
  return (
    <section aria-label="Ambil prospek" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="mb-3 text-base font-semibold text-slate-900">Ambil prospek</h2>
      {canTake && (
        <form onSubmit={onSubmit} className="space-y-3" aria-label="Ambil prospek ini">
          <input type="hidden" name="businessId" value={businessId} />
          <p className="text-sm text-slate-600">
            Prospek ini belum ditugaskan dan wilayahnya mengizinkan petugas mengambil prospek sendiri. Bila Anda mengambilnya, prospek ini
            ditugaskan kepada Anda dengan tenggat {TAKE_DUE_DAYS} hari dari hari ini.
          </p>
          <FormMessage status={state.status} message={formMessage} />
          <div className="flex justify-end">
            <Button type="submit" disabled={pending} aria-busy={pending || undefined}>
              {pending ? "Mengambil…" : "Ambil prospek ini"}
            </Button>
          </div>
        </form>
      )}
      {!canTake && (
        <div className="space-y-3">
          <FormMessage status={state.status} message={formMessage} />
          {state.status === "success" && (
            <Link href="/tindak-lanjut" className="text-sm font-medium text-brand-700 underline">
              Buka Tindak Lanjut Saya
            </Link>
          )}
        </div>
      )}
    </section>
  );
}
