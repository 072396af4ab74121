"use client";

import Link from "next/link";
import { useOptimistic } from "react";
import { formatCount } from "@/lib/format.ts";
import { DataTable, dataTableColumns, type DataTableSelection } from "@/components/data-table/data-table.tsx";
import { BUSINESS_SCALE_LABELS, isBusinessScale } from "@/lib/identifiers/business-scale.ts";
import {
  LEAD_COLUMN_SORTS,
  LEAD_LIST_COLUMN_LABELS,
  LEAD_LIST_COLUMNS,
  LEAD_SORT_DEFAULT_DIRECTION,
  type LeadListColumn,
  type LeadListState,
  type LeadSort,
  type SortDirection,
} from "@/lib/leads/lead-url-state.ts";
import { isSourceId, SOURCE_LABELS } from "@/lib/sources.ts";
import type { LeadListRow } from "@/server/leads/find-leads.ts";
import { BusinessStatusBadge, EntityKindBadge, FollowUpBadge } from "./lead-badges.tsx";
import { useLeadNavigation } from "./use-lead-navigation.ts";

const helper = dataTableColumns<LeadListRow>();

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
      <span className="inline-flex flex-wrap items-center gap-x-2 gap-y-1">
        {/* Not prefetched: a page of rows would ask the server once per row as it scrolls into view. */}
        <Link href={`/prospek/${row.original.id}`} prefetch={false} className="font-medium text-brand-700 underline-offset-2 hover:underline">
          {row.original.name}
        </Link>
        <EntityKindBadge kind={row.original.kind} />
      </span>
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
/** Each sortable column with the direction its sort starts in. */
const SORTABLE: Readonly<Partial<Record<string, SortDirection>>> = Object.fromEntries(
  (Object.entries(LEAD_COLUMN_SORTS) as [LeadListColumn, LeadSort][]).map(([column, sort]) => [column, LEAD_SORT_DEFAULT_DIRECTION[sort]]),
);

/**
 * The lead table: the one DataTable, its sort clicks and the visible columns going through the
 * URL; with `selection`, a checkbox per row (selectable-lead-table.tsx owns the picked ids).
 */
export function LeadTable({ rows, state, selection }: { rows: LeadListRow[]; state: LeadListState; selection?: DataTableSelection<LeadListRow> }) {
  const { pending, go } = useLeadNavigation(state);
  const sortedColumn = SORT_COLUMN.get(state.sort);
  return (
    <DataTable
      columns={columns}
      data={rows}
      getRowId={(row) => row.id}
      caption="Daftar prospek. Klik judul kolom untuk mengurutkan."
      sort={sortedColumn ? { column: sortedColumn, direction: state.direction } : null}
      sortable={SORTABLE}
      onSort={(column, direction) => {
        const sort = LEAD_COLUMN_SORTS[column as LeadListColumn];
        if (sort) go({ sort, direction });
      }}
      visibleColumns={state.columns}
      numericColumns={NUMERIC}
      selection={selection}
      pending={pending}
    />
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
