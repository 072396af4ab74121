"use client";

import { DataTable, dataTableColumns } from "@/components/data-table/data-table.tsx";
import { cn } from "@/components/ui/cn.ts";
import { formatCount, formatWib } from "@/lib/format.ts";
import type { ImportHistoryEntry } from "@/server/ingest/find-import-history.ts";
import { CopyButton } from "./copy-button.tsx";
import { CHANNEL_LABELS, JOB_STATUS_LABELS, shortSha256, shortSourceLabel, sourceLabel } from "./labels.ts";

const STATUS_STYLES: Record<string, string> = {
  IMPORTED: "bg-brand-100 text-brand-800",
  RUNNING: "bg-sky-100 text-sky-900",
  REFUSED: "bg-amber-100 text-amber-900",
  FAILED: "bg-red-100 text-red-800",
};

const muted = <span className="text-slate-400">—</span>;

function StatusBadge({ status }: { status: keyof typeof STATUS_STYLES }) {
  return (
    <span className={cn("inline-block whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium", STATUS_STYLES[status])}>
      {status === "IMPORTED" ? "Diimpor" : JOB_STATUS_LABELS[status]}
    </span>
  );
}

function Sha256({ value }: { value: string | null }) {
  if (!value) return muted;
  return (
    <span className="inline-flex items-center gap-1 whitespace-nowrap">
      <code className="font-mono text-xs" title={value}>
        {shortSha256(value)}…
      </code>
      <CopyButton value={value} label="Salin SHA-256 lengkap" />
    </span>
  );
}

const helper = dataTableColumns<ImportHistoryEntry>();
const nowrap = (text: React.ReactNode, extra?: string) => <span className={cn("whitespace-nowrap", extra)}>{text}</span>;
/** A batch's count; an attempt without a batch has none (its message spans these columns). */
const batchCount = (pick: (entry: Extract<ImportHistoryEntry, { kind: "batch" }>) => number) => (entry: ImportHistoryEntry) =>
  entry.kind === "batch" ? pick(entry) : null;
const countCell = ({ getValue }: { getValue: () => number | null }) => {
  const value = getValue();
  return value === null ? null : nowrap(formatCount(value));
};

const columns = helper.columns([
  helper.accessor("at", {
    id: "at",
    header: "Waktu (WIB)",
    cell: ({ getValue }) => {
      const at = new Date(getValue());
      return (
        <time className="whitespace-nowrap" dateTime={at.toISOString()} title={`${at.toISOString()} (UTC)`}>
          {formatWib(at)}
        </time>
      );
    },
  }),
  helper.display({
    id: "status",
    header: "Status",
    cell: ({ row: { original: entry } }) => <StatusBadge status={entry.kind === "batch" ? "IMPORTED" : entry.status} />,
  }),
  helper.accessor("source", {
    id: "source",
    header: "Sumber",
    cell: ({ getValue }) => (
      // The agreement's annex stays in the title: the table is wide enough already.
      <span className="block min-w-40 max-w-56" title={sourceLabel(getValue())}>
        {shortSourceLabel(getValue())}
        <code className="block font-mono text-xs text-slate-500">{getValue()}</code>
      </span>
    ),
  }),
  helper.accessor("period", { id: "period", header: "Periode", cell: ({ getValue }) => nowrap(getValue(), "font-mono text-xs") }),
  helper.accessor("channel", { id: "channel", header: "Saluran", cell: ({ getValue }) => nowrap(CHANNEL_LABELS[getValue()] ?? getValue()) }),
  helper.accessor("fileName", { id: "fileName", header: "Berkas", cell: ({ getValue }) => <span className="block min-w-32 max-w-64 [overflow-wrap:anywhere]">{getValue() ?? muted}</span> }),
  helper.accessor("fileSha256", { id: "sha256", header: "SHA-256", cell: ({ getValue }) => <Sha256 value={getValue()} /> }),
  helper.accessor("actorUsername", { id: "actor", header: "Oleh", cell: ({ getValue }) => nowrap(getValue(), "font-mono text-xs") }),
  helper.accessor(batchCount((e) => e.dataRows), {
    id: "dataRows",
    header: "Baris data",
    cell: ({ row: { original: entry }, getValue }) =>
      entry.kind === "batch" ? (
        nowrap(formatCount(getValue()!))
      ) : entry.status === "RUNNING" ? (
        <span className="block max-w-xl text-slate-700">
          Sedang {entry.phase}
          {entry.rowsRead > 0 && <> · {formatCount(entry.rowsRead)} baris terbaca</>}
        </span>
      ) : (
        <span className={cn("block max-w-xl", entry.status === "FAILED" ? "text-red-800" : "text-amber-900")}>{entry.message ?? "Tanpa keterangan."}</span>
      ),
  }),
  helper.accessor(batchCount((e) => e.accepted), { id: "accepted", header: "Diterima", cell: countCell }),
  helper.accessor(batchCount((e) => e.rejected), { id: "rejected", header: "Ditolak", cell: countCell }),
  helper.accessor(batchCount((e) => e.duplicates), { id: "duplicates", header: "Duplikat", cell: countCell }),
  helper.accessor(batchCount((e) => e.warnings), { id: "warnings", header: "Peringatan", cell: countCell }),
  helper.display({
    id: "report",
    header: "Laporan",
    cell: ({ row: { original: entry } }) =>
      entry.kind !== "batch" ? (
        muted
      ) : entry.hasRejectReport ? (
        <a href={`/impor/laporan/${entry.id}`} className="whitespace-nowrap font-medium text-brand-700 underline" download>
          Unduh laporan
        </a>
      ) : (
        <span className="text-slate-500">Tidak ada</span>
      ),
  }),
]);

const NUMERIC: ReadonlySet<string> = new Set(["dataRows", "accepted", "rejected", "duplicates", "warnings"]);
const COUNT_COLUMNS = new Set(["accepted", "rejected", "duplicates", "warnings"]);

/**
 * Riwayat impor: batches and the attempts that left none (running, refused, failed), newest first
 * and paged by the URL, so no header sorts within a page. Times are stored in UTC and shown in
 * WIB; counts in id-ID digits.
 */
export function ImportHistoryTable({ entries }: { entries: ImportHistoryEntry[] }) {
  return (
    <DataTable
      columns={columns}
      data={entries}
      getRowId={(entry) => `${entry.kind}-${entry.id}`}
      caption="Riwayat impor"
      numericColumns={NUMERIC}
      // An attempt without a batch: its message takes the five count columns.
      cellSpan={(entry, column) => (entry.kind === "batch" ? 1 : column === "dataRows" ? 5 : COUNT_COLUMNS.has(column) ? 0 : 1)}
      rowProps={(entry) => ({ "data-testid": `riwayat-${entry.kind}`, "data-id": entry.id })}
    />
  );
}
