"use client";

import { DataTable, dataTableColumns } from "@/components/data-table/data-table.tsx";
import { cn } from "@/components/ui/cn.ts";
import { WORKER_STATUS_LABELS, type WorkerStatusValue } from "@/lib/leads/worker-status.ts";
import type { BusinessWorkerDto } from "@/server/leads/find-business-workers.ts";
import { formatDay } from "@/lib/format.ts";
import { Personal } from "./personal-data.tsx";

const STATUS_STYLES: Record<WorkerStatusValue, string> = {
  BELUM_TERDAFTAR: "bg-red-100 text-red-800",
  SEGMEN_LAIN: "bg-amber-100 text-amber-900",
  TERDAFTAR_DI_LAIN: "bg-sky-100 text-sky-900",
  TERDAFTAR_DI_SINI: "bg-brand-100 text-brand-800",
};

export function WorkerStatusBadge({ status }: { status: WorkerStatusValue }) {
  return <span className={cn("inline-flex rounded-full px-2 py-0.5 text-xs font-medium", STATUS_STYLES[status])}>{WORKER_STATUS_LABELS[status]}</span>;
}

const dash = <span className="text-slate-400">—</span>;
const helper = dataTableColumns<BusinessWorkerDto>();

const columns = helper.columns([
  helper.accessor("name", {
    id: "name",
    header: "Nama",
    cell: ({ row }) => (
      <span className="block min-w-36 font-medium text-slate-900">
        {row.original.name ?? dash}
        {row.original.citizenship === "WNA" && <span className="ml-1 text-xs font-normal text-slate-500">(WNA)</span>}
      </span>
    ),
  }),
  helper.accessor("status", { id: "status", header: "Status JKN", cell: ({ getValue }) => <WorkerStatusBadge status={getValue()} /> }),
  helper.accessor("segment", {
    id: "segment",
    header: "Segmen",
    cell: ({ row }) =>
      row.original.segment ? (
        <span className="whitespace-nowrap">
          {row.original.segment}
          {row.original.active === false && <span className="text-slate-500"> (nonaktif)</span>}
        </span>
      ) : (
        dash
      ),
  }),
  helper.accessor("nik", {
    id: "nik",
    header: "NIK",
    cell: ({ getValue }) => (
      <span className="whitespace-nowrap font-mono">
        <Personal value={getValue()} />
      </span>
    ),
  }),
  helper.accessor("position", { id: "position", header: "Jabatan", cell: ({ getValue }) => getValue() ?? dash }),
  helper.accessor("startDate", {
    id: "startDate",
    header: "Mulai bekerja",
    cell: ({ getValue }) => {
      const day = getValue();
      return day === null ? dash : <span className="whitespace-nowrap">{/^\d{4}-\d{2}-\d{2}$/.test(day) ? formatDay(day) : day}</span>;
    },
  }),
]);

/** The Kemnaker workers of one business (one page of them), NIKs masked until "Tampilkan". */
export function WorkerTable({ rows, caption }: { rows: BusinessWorkerDto[]; caption: string }) {
  return <DataTable columns={columns} data={rows} getRowId={(row) => row.id} caption={caption} />;
}
