"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { DataTable, dataTableColumns } from "@/components/data-table/data-table.tsx";
import { EntityKindBadge } from "@/components/leads/lead-badges.tsx";
import { formatDay } from "@/lib/format.ts";
import { BUSINESS_STATUS_LABELS } from "@/lib/leads/business-status.ts";
import {
  ACTIVITY_KIND_LABELS,
  FOLLOW_UP_SORT_FIRST_DIRECTION,
  FOLLOW_UP_SORTS,
  FOLLOW_UP_STATUS_LABELS,
  followUpQueryHref,
  type FollowUpQuery,
  type FollowUpSort,
} from "@/lib/leads/follow-up.ts";
import type { FollowUpRow } from "@/server/followup/find-follow-ups.ts";

const helper = dataTableColumns<FollowUpRow>();

// Column ids are the URL's sort names, so a header click names its sort directly.
const columns = helper.columns([
  helper.accessor("name", {
    id: "nama",
    header: "Badan usaha",
    enableHiding: false,
    cell: ({ row: { original: row } }) => (
      <>
        {/* Not prefetched: a page of rows would ask the server once per row as it scrolls into view. */}
        <Link href={`/prospek/${row.businessId}`} prefetch={false} className="font-medium text-brand-700 underline">
          {row.name}
        </Link>{" "}
        <EntityKindBadge kind={row.kind} />
        <div className="text-xs text-slate-500">
          {row.regionName ?? "—"} · {BUSINESS_STATUS_LABELS[row.businessStatus]}
        </div>
      </>
    ),
  }),
  helper.accessor("status", {
    id: "status",
    header: "Status",
    cell: ({ row: { original: row } }) => (
      <>
        {FOLLOW_UP_STATUS_LABELS[row.status]}
        {row.closedNote && <div className="text-xs text-green-800">{row.closedNote}</div>}
      </>
    ),
  }),
  helper.accessor("dueDate", {
    id: "tenggat",
    header: "Tenggat",
    cell: ({ row: { original: row } }) => (
      <span className={row.overdue ? "font-semibold text-red-700" : undefined}>
        {row.dueDate ? formatDay(row.dueDate) : "—"}
        {row.overdue && <span className="block text-xs">Lewat tenggat</span>}
      </span>
    ),
  }),
  helper.accessor("assignedToName", { id: "petugas", header: "Petugas", cell: ({ getValue }) => getValue() ?? "—" }),
  helper.accessor((row) => row.lastActivity?.occurredOn ?? null, {
    id: "kegiatan",
    header: "Kegiatan terakhir",
    cell: ({ row: { original: row } }) => (
      <span className="text-slate-700">
        {row.lastActivity
          ? `${ACTIVITY_KIND_LABELS[row.lastActivity.kind]} · ${formatDay(row.lastActivity.occurredOn)}${row.lastActivity.outcome ? ` · ${row.lastActivity.outcome}` : ""}`
          : "—"}
      </span>
    ),
  }),
]);

const ALL_COLUMNS = columns.map((column) => column.id!);
const isSort = (column: string): column is FollowUpSort => (FOLLOW_UP_SORTS as readonly string[]).includes(column);

/**
 * Tindak Lanjut's list: the one DataTable, sorted by the server as the URL says (a header click
 * is a new URL, back at page one); an officer's own list leaves out the officer column.
 */
export function FollowUpTable({ rows, query, basePath, showOfficer }: { rows: FollowUpRow[]; query: FollowUpQuery; basePath: string; showOfficer: boolean }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <DataTable
      columns={columns}
      data={rows}
      getRowId={(row) => row.businessId}
      caption="Daftar tindak lanjut. Klik judul kolom untuk mengurutkan."
      sort={{ column: query.sort, direction: query.direction }}
      sortable={FOLLOW_UP_SORT_FIRST_DIRECTION}
      onSort={(column, direction) => {
        if (!isSort(column)) return;
        const href = followUpQueryHref(basePath, { ...query, sort: column, direction, page: 1 });
        startTransition(() => router.push(href, { scroll: false }));
      }}
      visibleColumns={showOfficer ? ALL_COLUMNS : ALL_COLUMNS.filter((id) => id !== "petugas")}
      rowHeader="nama"
      rowProps={(row) => ({ className: row.overdue ? "bg-red-50" : undefined })}
      pending={pending}
    />
  );
}
