"use client";

import {
  columnVisibilityFeature,
  createColumnHelper,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnVisibilityState,
  type SortingState,
} from "@tanstack/react-table";
import Link from "next/link";
import { useOptimistic } from "react";
import { formatCount } from "@/components/audit/format-time.ts";
import { cn } from "@/components/ui/cn.ts";
import { BUSINESS_SCALE_LABELS, isBusinessScale } from "@/lib/identifiers/business-scale.ts";
import {
  LEAD_COLUMN_SORTS,
  LEAD_LIST_COLUMN_LABELS,
  LEAD_LIST_COLUMNS,
  LEAD_SORT_DEFAULT_DIRECTION,
  type LeadListColumn,
  type LeadListState,
  type LeadSort,
} from "@/lib/leads/lead-url-state.ts";
import { isSourceId, SOURCE_LABELS } from "@/lib/sources.ts";
import type { LeadListRow } from "@/server/leads/find-leads.ts";
import { BusinessStatusBadge, FollowUpBadge } from "./lead-badges.tsx";
import { useLeadNavigation } from "./use-lead-navigation.ts";

const features = tableFeatures({ rowSortingFeature, columnVisibilityFeature });
const helper = createColumnHelper<typeof features, LeadListRow>();

const dash = <span className="text-slate-400">—</span>;
const count = (value: number | null) => (value === null ? dash : formatCount(value));

function regionText(row: LeadListRow): string | null {
  const parts = [row.districtName, row.regencyName].filter(Boolean);
  return parts.length ? parts.join(", ") : row.provinceName;
}

const columns = helper.columns([
  helper.accessor("name", {
    id: "name",
    header: LEAD_LIST_COLUMN_LABELS.name,
    enableHiding: false,
    cell: ({ row }) => (
      <Link href={`/prospek/${row.original.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
        {row.original.name}
      </Link>
    ),
  }),
  helper.accessor((r) => regionText(r), {
    id: "region",
    header: LEAD_LIST_COLUMN_LABELS.region,
    cell: ({ row }) => (
      <span title={[row.original.villageName, row.original.districtName, row.original.regencyName, row.original.provinceName].filter(Boolean).join(", ")}>
        {regionText(row.original) ?? dash}
      </span>
    ),
  }),
  helper.accessor("businessScale", {
    id: "scale",
    header: LEAD_LIST_COLUMN_LABELS.scale,
    cell: ({ getValue }) => {
      const scale = getValue();
      return scale === null ? dash : isBusinessScale(scale) ? BUSINESS_SCALE_LABELS[scale].replace("Usaha ", "") : scale;
    },
  }),
  helper.accessor("kbli", { id: "kbli", header: LEAD_LIST_COLUMN_LABELS.kbli, cell: ({ getValue }) => getValue() ?? dash }),
  helper.accessor("workerCount", { id: "workers", header: LEAD_LIST_COLUMN_LABELS.workers, cell: ({ getValue }) => count(getValue()) }),
  helper.accessor("workerGap", { id: "gap", header: LEAD_LIST_COLUMN_LABELS.gap, cell: ({ getValue }) => count(getValue()) }),
  helper.accessor("status", { id: "status", header: LEAD_LIST_COLUMN_LABELS.status, cell: ({ getValue }) => <BusinessStatusBadge status={getValue()} /> }),
  helper.accessor("priority", { id: "priority", header: LEAD_LIST_COLUMN_LABELS.priority, cell: ({ getValue }) => formatCount(getValue()) }),
  helper.accessor("followUpStatus", { id: "followUp", header: LEAD_LIST_COLUMN_LABELS.followUp, cell: ({ getValue }) => <FollowUpBadge status={getValue()} /> }),
  helper.accessor("assigneeName", { id: "assignee", header: LEAD_LIST_COLUMN_LABELS.assignee, cell: ({ getValue }) => getValue() ?? dash }),
  helper.accessor((r) => r.sources.map((s) => (isSourceId(s) ? SOURCE_LABELS[s] : s)).join(", "), {
    id: "sources",
    header: LEAD_LIST_COLUMN_LABELS.sources,
    cell: ({ getValue }) => getValue() || dash,
  }),
  helper.accessor("npwp", { id: "npwp", header: LEAD_LIST_COLUMN_LABELS.npwp, cell: ({ getValue }) => <span className="font-mono text-xs">{getValue() ?? dash}</span> }),
  helper.accessor("nib", { id: "nib", header: LEAD_LIST_COLUMN_LABELS.nib, cell: ({ getValue }) => <span className="font-mono text-xs">{getValue() ?? dash}</span> }),
]);

const NUMERIC: ReadonlySet<string> = new Set(["workers", "gap", "priority"]);
const SORT_COLUMN: ReadonlyMap<LeadSort, LeadListColumn> = new Map(
  (Object.entries(LEAD_COLUMN_SORTS) as [LeadListColumn, LeadSort][]).map(([column, sort]) => [sort, column]),
);

/**
 * The lead table: TanStack Table in manual mode — the server sorted and paged the rows; the
 * table turns sort clicks and column toggles into new URLs (sorting and visibility are read from
 * the URL state, never kept on the side).
 */
export function LeadTable({ rows, state }: { rows: LeadListRow[]; state: LeadListState }) {
  const { pending, go } = useLeadNavigation(state);
  const sortedColumn = SORT_COLUMN.get(state.sort);
  const sorting: SortingState = sortedColumn ? [{ id: sortedColumn, desc: state.direction === "desc" }] : [];
  const columnVisibility: ColumnVisibilityState = Object.fromEntries(LEAD_LIST_COLUMNS.map((c) => [c, state.columns.includes(c)]));

  const table = useTable({
    features,
    columns,
    data: rows,
    getRowId: (row) => row.id,
    manualSorting: true,
    enableMultiSort: false,
    enableSortingRemoval: false,
    state: { sorting, columnVisibility },
    onSortingChange: (updater) => {
      const next = typeof updater === "function" ? updater(sorting) : updater;
      const first = next[0];
      const sort = first ? LEAD_COLUMN_SORTS[first.id as LeadListColumn] : undefined;
      if (sort) go({ sort, direction: first!.desc ? "desc" : "asc" });
    },
    onColumnVisibilityChange: (updater) => {
      const next = typeof updater === "function" ? updater(columnVisibility) : updater;
      go({ columns: LEAD_LIST_COLUMNS.filter((c) => next[c] !== false) });
    },
  });

  return (
    <div className={cn("overflow-x-auto rounded-lg border border-slate-200 bg-white transition-opacity", pending && "opacity-60")} aria-busy={pending}>
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Daftar prospek. Klik judul kolom untuk mengurutkan.</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const id = header.column.id as LeadListColumn;
                const sort = LEAD_COLUMN_SORTS[id];
                const sorted = header.column.getIsSorted();
                const label = LEAD_LIST_COLUMN_LABELS[id];
                return (
                  <th
                    key={header.id}
                    scope="col"
                    aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                    className={cn("px-3 py-2 align-bottom", NUMERIC.has(id) && "text-right")}
                  >
                    {sort ? (
                      <button
                        type="button"
                        onClick={() => {
                          // First click: the sort's usual direction; on the sorted column: the other one.
                          const direction = sorted ? (sorted === "asc" ? "desc" : "asc") : LEAD_SORT_DEFAULT_DIRECTION[sort];
                          header.column.toggleSorting(direction === "desc");
                        }}
                        className="inline-flex items-center gap-1 rounded font-semibold uppercase hover:text-slate-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600"
                        aria-label={`Urutkan menurut ${label}${sorted ? (sorted === "asc" ? " (sekarang naik)" : " (sekarang turun)") : ""}`}
                      >
                        {label}
                        <span aria-hidden="true">{sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}</span>
                      </button>
                    ) : (
                      label
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody className="divide-y divide-slate-100">
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id} className="hover:bg-slate-50">
              {row.getVisibleCells().map((cell) => (
                <td key={cell.id} className={cn("px-3 py-2 align-top", NUMERIC.has(cell.column.id) && "text-right tabular-nums")}>
                  <table.FlexRender cell={cell} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Column show/hide: a disclosure of checkboxes, each toggle a new URL. */
export function LeadColumnPicker({ state }: { state: LeadListState }) {
  const { go } = useLeadNavigation(state);
  // The box changes at once; the URL (and so the table) follows when the page arrives.
  const [shown, setShown] = useOptimistic(state.columns);
  return (
    <details className="relative">
      <summary className="inline-flex cursor-pointer items-center gap-2 rounded-md border border-slate-300 bg-white px-3.5 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50">
        Kolom
      </summary>
      <fieldset className="absolute right-0 z-10 mt-1 w-56 space-y-1 rounded-md border border-slate-200 bg-white p-3 text-sm shadow-lg">
        <legend className="sr-only">Kolom yang ditampilkan</legend>
        {LEAD_LIST_COLUMNS.map((column) => (
          <label key={column} className="flex items-center gap-2">
            <input
              type="checkbox"
              checked={shown.includes(column)}
              disabled={column === "name"}
              onChange={(event) => {
                const columns = event.target.checked ? [...shown, column] : shown.filter((c) => c !== column);
                go({ columns }, () => setShown(columns));
              }}
            />
            {LEAD_LIST_COLUMN_LABELS[column]}
          </label>
        ))}
      </fieldset>
    </details>
  );
}
