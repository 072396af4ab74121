"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import type { FormAction } from "@/components/ui/use-action-form.ts";
import { formatCount } from "@/lib/format.ts";
import { checkLeadSelection, LEAD_SELECTION_MAX, leadSelectionKey } from "@/lib/leads/lead-selection.ts";
import type { LeadListState } from "@/lib/leads/lead-url-state.ts";
import type { LeadListRow } from "@/server/leads/find-leads.ts";
import type { OfficerOption } from "./assign-lead-form.tsx";
import { AssignSelectedDialog } from "./bulk-assign-dialog.tsx";
import { BulkStatusDialog } from "./bulk-status-dialog.tsx";
import { ExportDialog } from "./export-dialog.tsx";
import { LeadTable } from "./lead-table.tsx";

/** The bulk actions the page offers this user: each present only when the user's role may do it. */
export interface LeadBulkActions {
  assign?: { officers: readonly OfficerOption[]; action: FormAction };
  export?: true;
  status?: { action: FormAction };
}

/**
 * The lead table with a checkbox per row and, once a lead is picked, a bar with the count,
 * "Batalkan pilihan" and the user's bulk actions. The picked ids live here, in the browser: they
 * stay while the user pages or sorts the same list (the page's client components outlive a new
 * URL) and are dropped when the filter changes, since leads picked under another filter are not
 * the ones on screen. At most LEAD_SELECTION_MAX.
 */
export function SelectableLeadTable({
  rows,
  state,
  actions,
  empty,
}: {
  rows: LeadListRow[];
  state: LeadListState;
  actions: LeadBulkActions;
  /** Shown instead of the table when the page has no rows. */
  empty: React.ReactNode;
}) {
  const filterKey = leadSelectionKey(state.filter);
  const [selection, setSelection] = useState<{ filterKey: string; ids: string[] }>({ filterKey, ids: [] });
  const [notice, setNotice] = useState<{ text: string; tone: "done" | "limit" } | null>(null);
  // A new filter starts afresh, set while rendering so the old pick is never shown against it.
  if (selection.filterKey !== filterKey) {
    setSelection({ filterKey, ids: [] });
    setNotice(null);
  }
  const ids = selection.filterKey === filterKey ? selection.ids : [];

  const pick = (next: string[]) => {
    const checked = checkLeadSelection(next);
    if (!checked.ok) {
      setNotice({ text: checked.message, tone: "limit" });
      return;
    }
    setNotice(null);
    setSelection({ filterKey, ids: checked.ids });
  };
  // After an assignment or a status change the rows differ: the pick is done with.
  const finished = (message: string) => {
    setSelection({ filterKey, ids: [] });
    setNotice({ text: message, tone: "done" });
  };
  const onOtherPages = ids.length - rows.filter((row) => ids.includes(row.id)).length;

  return (
    <>
      <div aria-live="polite">
        {notice && (
          <p
            role={notice.tone === "limit" ? "alert" : "status"}
            className={notice.tone === "limit" ? "mb-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" : "mb-3 rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-800"}
          >
            {notice.text}
          </p>
        )}
      </div>
      {ids.length > 0 && (
        <section aria-label="Prospek yang dipilih" className="mb-3 flex flex-wrap items-center gap-x-4 gap-y-2 rounded-lg border border-brand-200 bg-brand-50 px-4 py-3 text-sm">
          <p className="text-slate-800">
            <strong className="font-semibold">{formatCount(ids.length)} prospek dipilih</strong>
            {onOtherPages > 0 && <span className="text-slate-600"> ({formatCount(onOtherPages)} di halaman lain)</span>}
            <span className="block text-xs text-slate-600">
              Pilihan tetap saat berpindah halaman atau urutan; mengganti filter mengosongkannya. Paling banyak {formatCount(LEAD_SELECTION_MAX)}.
            </span>
          </p>
          <div className="flex flex-wrap items-start gap-2">
            {actions.assign && <AssignSelectedDialog businessIds={ids} officers={actions.assign.officers} assignAction={actions.assign.action} onDone={finished} />}
            {actions.export && <ExportDialog state={state} selectedIds={ids} />}
            {actions.status && <BulkStatusDialog businessIds={ids} action={actions.status.action} onDone={finished} />}
            <Button variant="ghost" onClick={() => pick([])}>
              Batalkan pilihan
            </Button>
          </div>
        </section>
      )}
      {rows.length === 0 ? (
        empty
      ) : (
        <LeadTable
          rows={rows}
          state={state}
          selection={{ selectedIds: ids, onChange: pick, rowLabel: (row) => row.name, selectAllLabel: "Pilih semua di halaman ini" }}
        />
      )}
    </>
  );
}
