"use client";

import {
  columnVisibilityFeature,
  createColumnHelper,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnDef,
  type ColumnVisibilityState,
  type RowData,
  type SortingState,
} from "@tanstack/react-table";
import { cn } from "@/components/ui/cn.ts";

/**
 * The one table component: every list of the app is this TanStack table in manual mode — the
 * server sorted, filtered and paged the rows, the URL holds that state, and the table turns a
 * sort click into a callback (the caller navigates to the new URL). Sorting and column
 * visibility are read from the caller's URL state, never kept on the side, so a link
 * reproduces the view and a fix to the markup lands on every list at once.
 */
export const dataTableFeatures = tableFeatures({ rowSortingFeature, columnVisibilityFeature });
export type DataTableFeatures = typeof dataTableFeatures;

/** The column helper for a DataTable's rows. */
export function dataTableColumns<Row extends RowData>() {
  return createColumnHelper<DataTableFeatures, Row>();
}

export type SortDirection = "asc" | "desc";

export interface DataTableProps<Row extends RowData> {
  /**
   * From `dataTableColumns<Row>().columns([…])` at module scope (a stable array), with string
   * headers: they also name the sort buttons. Each column's value type is its own, hence `any`
   * here, as in the helper's own signature.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  columns: ReadonlyArray<ColumnDef<DataTableFeatures, Row, any>>;
  data: Row[];
  getRowId: (row: Row) => string;
  /** For screen readers: what the table lists (and how to sort it, when it sorts). */
  caption: string;
  /** The column the rows are sorted by, as the URL says. */
  sort?: { column: string; direction: SortDirection } | null;
  /** Columns whose header sorts, with the direction a first click sorts in. */
  sortable?: Readonly<Partial<Record<string, SortDirection>>>;
  onSort?: (column: string, direction: SortDirection) => void;
  /** Ids of the columns shown; every column when absent. */
  visibleColumns?: readonly string[];
  /** Columns of counts: right-aligned, tabular digits. */
  numericColumns?: ReadonlySet<string>;
  /** True while the next URL's page is on its way: the rows dim. */
  pending?: boolean;
}

export function DataTable<Row extends RowData>({
  columns,
  data,
  getRowId,
  caption,
  sort,
  sortable = {},
  onSort,
  visibleColumns,
  numericColumns,
  pending = false,
}: DataTableProps<Row>) {
  const sorting: SortingState = sort ? [{ id: sort.column, desc: sort.direction === "desc" }] : [];
  const columnVisibility: ColumnVisibilityState = visibleColumns
    ? Object.fromEntries(columns.map((c) => c.id).filter((id): id is string => id !== undefined).map((id) => [id, visibleColumns.includes(id)]))
    : {};

  const table = useTable({
    features: dataTableFeatures,
    columns,
    data,
    getRowId,
    manualSorting: true,
    enableMultiSort: false,
    enableSortingRemoval: false,
    state: { sorting, columnVisibility },
    onSortingChange: (updater) => {
      const first = (typeof updater === "function" ? updater(sorting) : updater)[0];
      if (first && sortable[first.id]) onSort?.(first.id, first.desc ? "desc" : "asc");
    },
  });
  const numeric = (id: string) => numericColumns?.has(id) ?? false;

  return (
    // `relative`: screen-reader-only labels in cells are absolutely positioned; without a positioned
    // scroll box they escape it and widen the whole page on a narrow screen.
    <div className={cn("relative overflow-x-auto rounded-lg border border-slate-200 bg-white transition-opacity", pending && "opacity-60")} aria-busy={pending}>
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const id = header.column.id;
                const firstDirection = sortable[id];
                const sorted = header.column.getIsSorted();
                const label = typeof header.column.columnDef.header === "string" ? header.column.columnDef.header : id;
                return (
                  <th
                    key={header.id}
                    scope="col"
                    aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                    className={cn("px-3 py-2 align-bottom", numeric(id) && "text-right")}
                  >
                    {firstDirection && onSort ? (
                      <button
                        type="button"
                        onClick={() => {
                          // First click: the column's usual direction; on the sorted column: the other one.
                          const direction = sorted ? (sorted === "asc" ? "desc" : "asc") : firstDirection;
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
                <td key={cell.id} className={cn("px-3 py-2 align-top", numeric(cell.column.id) && "text-right tabular-nums")}>
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
