"use client";

import { useEffect, useId, useState } from "react";
import { buttonClass, Button } from "@/components/ui/button.tsx";
import { DialogLauncher } from "@/components/ui/dialog-launcher.tsx";
import { exportColumnsForList, LEAD_COLUMNS, LEAD_EXPORT_FORMATS, type LeadExportFormat } from "@/lib/leads/lead-columns.ts";
import { LEAD_EXPORT_PARAMS } from "@/lib/leads/lead-export.ts";
import { LEAD_SELECTION_PARAM } from "@/lib/leads/lead-selection.ts";
import { emptyLeadListState, leadListSearchParams, type LeadListState } from "@/lib/leads/lead-url-state.ts";
import { formatCount } from "@/lib/format.ts";

// Excel set to Indonesian splits a CSV on ";" and turns long digit runs (NPWP, NIB) into rounded
// numbers: XLSX is what opens right there.
const FORMAT_LABELS: Record<LeadExportFormat, { label: string; hint: string }> = {
  xlsx: { label: "XLSX", hint: "disarankan untuk Excel: NPWP, NIB dan kode tetap utuh, lebar kolom menyesuaikan isi" },
  "csv-id": { label: "CSV (Excel Indonesia)", hint: "pemisah titik koma (;) dan koma desimal, untuk Excel berbahasa Indonesia" },
  csv: { label: "CSV", hint: "pemisah koma, untuk aplikasi lain (Google Sheets, LibreOffice, program pengolah data)" },
};

type CountState =
  | { kind: "loading" }
  | { kind: "ready"; rows: number; overCap: boolean; maxRows: number }
  | { kind: "error"; message: string };

/**
 * "Ekspor" on the Prospek page: the list's current filter and sort as a CSV or XLSX file, with
 * the columns ticked here (the table's visible columns to start with). Opening it counts the rows
 * the file would hold against the role's cap; the download itself is a plain link to
 * /prospek/ekspor, so the browser streams the file to disk however large it is. With `selectedIds`
 * ("Ekspor yang dipilih" in the selection bar) the file holds those leads alone, in the list's
 * sort: the same dialog, count, formats, masking and audit.
 */
export function ExportDialog({ state, selectedIds }: { state: LeadListState; selectedIds?: readonly string[] }) {
  return (
    <DialogLauncher
      label={selectedIds ? "Ekspor yang dipilih" : "Ekspor"}
      title={selectedIds ? "Ekspor prospek yang dipilih" : "Ekspor prospek"}
      variant="secondary"
    >
      {({ close, done }) => <ExportForm state={state} selectedIds={selectedIds} onCancel={close} onStarted={done} />}
    </DialogLauncher>
  );
}

/** The export's leads as URL parameters: the list's filter and sort, or the picked ids in the list's sort. */
function exportQuery(state: LeadListState, selectedIds: readonly string[] | undefined): string {
  // The file covers the whole filtered list, not the page on screen: no page position.
  if (!selectedIds) return leadListSearchParams({ ...state, cursor: null }).toString();
  const params = leadListSearchParams({ ...emptyLeadListState(), sort: state.sort, direction: state.direction });
  params.set(LEAD_SELECTION_PARAM, selectedIds.join(","));
  return params.toString();
}

function ExportForm({
  state,
  selectedIds,
  onCancel,
  onStarted,
}: {
  state: LeadListState;
  selectedIds: readonly string[] | undefined;
  onCancel: () => void;
  onStarted: (message: string) => void;
}) {
  const [format, setFormat] = useState<LeadExportFormat>("xlsx");
  const [columns, setColumns] = useState<ReadonlySet<string>>(() => new Set(exportColumnsForList(state.columns)));
  const [count, setCount] = useState<CountState>({ kind: "loading" });
  const formatName = useId();
  const countId = useId();

  const listQuery = exportQuery(state, selectedIds);

  useEffect(() => {
    const controller = new AbortController();
    fetch(`/prospek/ekspor/jumlah${listQuery ? `?${listQuery}` : ""}`, { signal: controller.signal, cache: "no-store" })
      .then(async (response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const body = (await response.json()) as { rows: number; overCap: boolean; maxRows: number };
        setCount({ kind: "ready", ...body });
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        setCount({ kind: "error", message: error instanceof Error ? error.message : String(error) });
      });
    return () => controller.abort();
  }, [listQuery]);

  const chosen = LEAD_COLUMNS.filter((column) => columns.has(column.key)).map((column) => column.key);
  const href = (() => {
    const params = new URLSearchParams(listQuery);
    params.set(LEAD_EXPORT_PARAMS.format, format);
    params.set(LEAD_EXPORT_PARAMS.columns, chosen.join(","));
    return `/prospek/ekspor?${params.toString()}`;
  })();
  const blocked = count.kind !== "ready" || count.overCap || count.rows === 0 || chosen.length === 0;

  const toggle = (key: string, on: boolean) =>
    setColumns((previous) => {
      const next = new Set(previous);
      if (on) next.add(key);
      else next.delete(key);
      return next;
    });

  return (
    <div className="flex flex-col gap-5 text-sm">
      <p id={countId} className="rounded-md bg-slate-50 px-3 py-2 text-slate-700" aria-live="polite">
        {count.kind === "loading" && "Menghitung baris…"}
        {count.kind === "error" && <span role="alert" className="text-red-700">Jumlah baris tidak dapat dihitung ({count.message}). Coba lagi.</span>}
        {count.kind === "ready" &&
          count.rows === 0 &&
          (selectedIds ? "Tidak ada prospek yang dipilih di wilayah Anda: tidak ada yang diekspor." : "Tidak ada prospek pada filter ini: tidak ada yang diekspor.")}
        {count.kind === "ready" && count.rows > 0 && !count.overCap && (
          <>
            <strong className="font-semibold text-slate-900">{formatCount(count.rows)} baris</strong> akan diekspor (batas peran Anda:{" "}
            {formatCount(count.maxRows)} baris).
            {selectedIds && count.rows < selectedIds.length && ` ${formatCount(selectedIds.length - count.rows)} prospek yang dipilih tidak ada lagi di wilayah Anda.`}
          </>
        )}
        {count.kind === "ready" && count.overCap && (
          <span role="alert" className="text-red-700">
            Filter ini mencakup lebih dari {formatCount(count.maxRows)} baris, batas ekspor untuk peran Anda. Persempit filter (misalnya wilayah,
            status, atau skala usaha) lalu ekspor lagi.
          </span>
        )}
      </p>

      <fieldset>
        <legend className="mb-2 font-medium text-slate-900">Format</legend>
        <div className="flex flex-col gap-2">
          {LEAD_EXPORT_FORMATS.map((value) => (
            <label key={value} className="flex items-start gap-2">
              <input type="radio" name={formatName} value={value} checked={format === value} onChange={() => setFormat(value)} className="mt-0.5" />
              <span>
                <span className="font-medium">{FORMAT_LABELS[value].label}</span>{" "}
                <span className="text-slate-500">— {FORMAT_LABELS[value].hint}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>

      <fieldset>
        <legend className="mb-2 font-medium text-slate-900">Kolom</legend>
        <div className="mb-2 flex gap-2">
          <Button variant="ghost" className="px-2 py-1" onClick={() => setColumns(new Set(LEAD_COLUMNS.map((c) => c.key)))}>
            Pilih semua
          </Button>
          <Button variant="ghost" className="px-2 py-1" onClick={() => setColumns(new Set(exportColumnsForList(state.columns)))}>
            Seperti tabel
          </Button>
        </div>
        <div className="grid max-h-64 grid-cols-1 gap-x-4 gap-y-1 overflow-y-auto sm:grid-cols-2">
          {LEAD_COLUMNS.map((column) => (
            <label key={column.key} className="flex items-center gap-2">
              <input type="checkbox" checked={columns.has(column.key)} onChange={(event) => toggle(column.key, event.target.checked)} />
              {column.header}
            </label>
          ))}
        </div>
        {chosen.length === 0 && (
          <p role="alert" className="mt-2 text-red-700">
            Pilih sedikitnya satu kolom.
          </p>
        )}
        <p className="mt-2 text-slate-500">
          Data pribadi disamarkan seperti di layar (NPWP berbentuk NIK, email pribadi). Setiap ekspor tercatat di jejak audit.
        </p>
      </fieldset>

      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onCancel}>
          Batal
        </Button>
        {blocked ? (
          <Button disabled aria-describedby={countId}>
            Unduh {FORMAT_LABELS[format].label}
          </Button>
        ) : (
          <a
            href={href}
            download
            className={buttonClass("primary")}
            aria-describedby={countId}
            onClick={() => {
              const message = `Unduhan ${FORMAT_LABELS[format].label} dimulai: ${formatCount(count.kind === "ready" ? count.rows : 0)} baris.`;
              // After the click's own work: a link removed from the page mid-click would not download.
              setTimeout(() => onStarted(message), 0);
            }}
          >
            Unduh {FORMAT_LABELS[format].label}
          </a>
        )}
      </div>
    </div>
  );
}
