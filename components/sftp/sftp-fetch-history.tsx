"use client";

import { DataTable, dataTableColumns } from "@/components/data-table/data-table.tsx";
import { shortSha256 } from "@/components/imports/labels.ts";
import { cn } from "@/components/ui/cn.ts";
import { formatBytes, formatWib } from "@/lib/format.ts";
import { SFTP_FETCH_STATUS_LABELS, type SftpFetchStatus } from "@/lib/sftp.ts";
import type { SftpFetchDto } from "@/server/sftp/list-sftp-fetches.ts";

/** The server's DTO minus what the table does not show. */
export type SftpFetchRow = Omit<SftpFetchDto, "endpointId">;

const STATUS_CLASSES: Record<SftpFetchStatus, string> = {
  IMPORTED: "bg-brand-100 text-brand-800",
  ALREADY_IMPORTED: "bg-slate-200 text-slate-700",
  REFUSED: "bg-red-100 text-red-800",
  FAILED: "bg-amber-100 text-amber-900",
};

const helper = dataTableColumns<SftpFetchRow>();
const nowrap = (text: React.ReactNode) => <span className="whitespace-nowrap">{text}</span>;

const columns = helper.columns([
  helper.accessor("fetchedAt", {
    id: "fetchedAt",
    header: "Diambil",
    cell: ({ row: { original: fetch } }) => (
      <span className="whitespace-nowrap">
        {formatWib(fetch.fetchedAt)}
        <span className="block text-xs text-slate-500">{fetch.actorUsername}</span>
      </span>
    ),
  }),
  helper.accessor("endpointName", { id: "endpoint", header: "Sumber", cell: ({ getValue }) => <span className="whitespace-nowrap font-mono">{getValue()}</span> }),
  helper.accessor("remotePath", { id: "remotePath", header: "Berkas", cell: ({ getValue }) => <span className="block min-w-48 break-all font-mono">{getValue()}</span> }),
  helper.accessor("size", { id: "size", header: "Ukuran", cell: ({ getValue }) => nowrap(formatBytes(getValue())) }),
  helper.accessor("remoteMtime", { id: "remoteMtime", header: "Diubah di server", cell: ({ getValue }) => nowrap(formatWib(getValue())) }),
  helper.accessor("period", { id: "period", header: "Periode", cell: ({ getValue }) => nowrap(getValue() ?? "—") }),
  helper.accessor("status", {
    id: "status",
    header: "Hasil",
    cell: ({ row: { original: fetch } }) => (
      <span className="whitespace-nowrap">
        <span className={cn("inline-block rounded-full px-2 py-0.5 text-xs font-medium", STATUS_CLASSES[fetch.status])}>{SFTP_FETCH_STATUS_LABELS[fetch.status]}</span>
        {fetch.batchId && <span className="block font-mono text-xs text-slate-500">batch {fetch.batchId.slice(0, 8)}</span>}
      </span>
    ),
  }),
  helper.accessor("sha256", {
    id: "sha256",
    header: "SHA-256",
    cell: ({ getValue }) => {
      const sha256 = getValue();
      return <span className="font-mono text-xs">{sha256 ? <span title={sha256}>{shortSha256(sha256)}…</span> : "—"}</span>;
    },
  }),
  helper.accessor("message", { id: "message", header: "Keterangan", cell: ({ getValue }) => <span className="text-slate-600">{getValue() ?? ""}</span> }),
]);

const SORTABLE = { fetchedAt: "desc", endpoint: "asc", remotePath: "asc", size: "desc", remoteMtime: "desc", period: "desc", status: "asc" } as const;

/** Every file a pull fetched, newest first: what it was, its hash, and what became of it. */
export function SftpFetchHistory({ fetches }: { fetches: SftpFetchRow[] }) {
  return (
    <DataTable
      columns={columns}
      data={fetches}
      getRowId={(fetch) => fetch.id}
      caption="Riwayat pengambilan berkas SFTP"
      sortable={SORTABLE}
      rowHeader="remotePath"
    />
  );
}
