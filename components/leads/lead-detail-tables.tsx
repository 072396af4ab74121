"use client";

import { DataTable, dataTableColumns } from "@/components/data-table/data-table.tsx";
import { formatDecimal } from "@/lib/format.ts";
import type { LeadOfficerDto } from "@/server/leads/get-lead-detail.ts";
import type { PriorityBreakdown } from "@/server/matching/priority.ts";
import { Personal } from "./personal-data.tsx";

const officerHelper = dataTableColumns<LeadOfficerDto>();
const officerColumns = officerHelper.columns([
  officerHelper.accessor("name", { id: "name", header: "Nama" }),
  officerHelper.accessor("position", { id: "position", header: "Jabatan", cell: ({ getValue }) => getValue() ?? "—" }),
  officerHelper.display({ id: "nik", header: "NIK", cell: ({ row }) => <span className="font-mono"><Personal value={row.original.nik} /></span> }),
  officerHelper.display({ id: "phone", header: "Nomor HP", cell: ({ row }) => <span className="font-mono"><Personal value={row.original.phone} link="tel" /></span> }),
  officerHelper.display({ id: "email", header: "Email", cell: ({ row }) => <Personal value={row.original.email} link="mailto" /> }),
  officerHelper.accessor("period", { id: "period", header: "Periode" }),
]);

/** The business's pengurus and sekutu from AHU, their NIK, mobile and email masked until "Tampilkan". */
export function LeadOfficersTable({ officers }: { officers: LeadOfficerDto[] }) {
  return (
    <DataTable
      columns={officerColumns}
      data={officers}
      getRowId={(officer) => officer.id}
      caption="Pengurus dan sekutu menurut AHU"
      sortable={{ name: "asc", position: "asc", period: "desc" }}
      rowHeader="name"
    />
  );
}

type PriorityPart = PriorityBreakdown["parts"][number];
const partHelper = dataTableColumns<PriorityPart>();
const partColumns = partHelper.columns([
  partHelper.accessor("label", { id: "label", header: "Unsur" }),
  partHelper.accessor("points", {
    id: "points",
    header: "Poin",
    cell: ({ row }) => (
      <span className="whitespace-nowrap">
        {formatDecimal(row.original.points)} / {row.original.max}
      </span>
    ),
  }),
  partHelper.accessor("basis", { id: "basis", header: "Dasar", cell: ({ getValue }) => <span className="text-slate-600">{getValue()}</span> }),
]);

/** How the priority score adds up, part by part. */
export function PriorityTable({ parts, caption }: { parts: PriorityPart[]; caption: string }) {
  return <DataTable columns={partColumns} data={parts} getRowId={(part) => part.key} caption={caption} sortable={{ points: "desc" }} numericColumns={new Set(["points"])} rowHeader="label" />;
}
