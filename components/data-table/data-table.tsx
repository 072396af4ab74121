"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";
import {
  columnResizingFeature,
  columnSizingFeature,
  columnVisibilityFeature,
  createColumnHelper,
  createSortedRowModel,
  rowSelectionFeature,
  rowSortingFeature,
  sortFn_alphanumeric,
  sortFn_basic,
  sortFn_datetime,
  sortFn_text,
  tableFeatures,
  useTable,
  type CellContext,
  type CellData,
  type Column,
  type ColumnDef,
  type ColumnSizingState,
  type ColumnVisibilityState,
  type RowData,
  type RowSelectionState,
  type SortingState,
  type Table,
  type Row as TableRow,
} from "@tanstack/react-table";
import { cn } from "@/components/ui/cn.ts";

/**
 * The one table component: every list of the app is this TanStack table. Where the page is a
 * list (prospek, audit, tindak lanjut) it runs in manual mode — the server sorted, filtered and
 * paged the rows, the URL holds that state, and a sort click becomes a callback (the caller
 * navigates to the new URL). A short list the server hands over whole (API keys, match runs,
 * a dashboard table) sorts itself in the browser. Either way a fix to the markup — keyboard
 * access, resizing, selection, the scroll box — lands on every list at once.
 */
export const dataTableFeatures = tableFeatures({
  rowSortingFeature,
  columnVisibilityFeature,
  columnSizingFeature,
  columnResizingFeature,
  rowSelectionFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { alphanumeric: sortFn_alphanumeric, basic: sortFn_basic, datetime: sortFn_datetime, text: sortFn_text },
});
export type DataTableFeatures = typeof dataTableFeatures;

/** The column helper for a DataTable's rows. */
export function dataTableColumns<Row extends RowData>() {
  return createColumnHelper<DataTableFeatures, Row>();
}

export type SortDirection = "asc" | "desc";

/** Opt-in row selection: checkboxes in a first column, the selected ids owned by the caller. */
export interface DataTableSelection<Row> {
  selectedIds: readonly string[];
  onChange: (ids: string[]) => void;
  /** Names the row for its checkbox ("Pilih PT Maju"). */
  rowLabel: (row: Row) => string;
  /** Names the header checkbox, which picks the rows shown ("Pilih semua baris" when absent). */
  selectAllLabel?: string;
}

export interface DataTableProps<Row extends RowData> {
  /**
   * From `dataTableColumns<Row>().columns([…])` at module scope or in a memo (a stable array),
   * with string headers: they also name the sort buttons and resize handles. Each column's value
   * type is its own, hence `any` here, as in the helper's own signature.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  columns: ReadonlyArray<ColumnDef<DataTableFeatures, Row, any>>;
  data: Row[];
  getRowId: (row: Row) => string;
  /** For screen readers: what the table lists (and how to sort it, when it sorts). */
  caption: string;
  /** The column the rows are sorted by, as the URL says (manual mode, with `onSort`). */
  sort?: { column: string; direction: SortDirection } | null;
  /** Columns whose header sorts, with the direction a first click sorts in. */
  sortable?: Readonly<Partial<Record<string, SortDirection>>>;
  /** Manual mode: the caller sorts (a new URL). Without it, sortable columns sort in the browser. */
  onSort?: (column: string, direction: SortDirection) => void;
  /** Ids of the columns shown; every column when absent. */
  visibleColumns?: readonly string[];
  /** Columns of counts: right-aligned, tabular digits. */
  numericColumns?: ReadonlySet<string>;
  /** The column whose cells name their row (`<th scope="row">`). */
  rowHeader?: string;
  /** Extra attributes of a row: a muted style, a test id. */
  rowProps?: (row: Row) => { className?: string } & Record<`data-${string}`, string | undefined>;
  /**
   * A cell that spans the next columns (a failed import's message across the count columns):
   * how many columns the cell takes, 0 for a cell a span to its left covers; 1 when absent.
   */
  cellSpan?: (row: Row, columnId: string) => number;
  /** A closing row (a total), by column id. */
  footer?: Readonly<Partial<Record<string, React.ReactNode>>>;
  selection?: DataTableSelection<Row>;
  /** True while the next URL's page is on its way: the rows dim. */
  pending?: boolean;
}

// One arrow-key press widens or narrows a column by this much: a few characters of table text.
const RESIZE_STEP = 24;
const MIN_COLUMN_WIDTH = 48;

function SelectAllCheckbox({ label, checked, indeterminate, onChange }: { label: string; checked: boolean; indeterminate: boolean; onChange: () => void }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = indeterminate;
  }, [indeterminate]);
  return <input ref={ref} type="checkbox" aria-label={label} className="size-5" checked={checked} onChange={onChange} />;
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
  rowHeader,
  rowProps,
  cellSpan,
  footer,
  selection,
  pending = false,
}: DataTableProps<Row>) {
  const manual = onSort !== undefined;
  const [localSorting, setLocalSorting] = useState<SortingState>([]);
  const [columnSizing, setColumnSizing] = useState<ColumnSizingState>({});
  const sorting: SortingState = manual ? (sort ? [{ id: sort.column, desc: sort.direction === "desc" }] : []) : localSorting;
  const columnVisibility: ColumnVisibilityState = visibleColumns
    ? Object.fromEntries(columns.map((c) => c.id).filter((id): id is string => id !== undefined).map((id) => [id, visibleColumns.includes(id)]))
    : {};
  const rowSelection: RowSelectionState = Object.fromEntries((selection?.selectedIds ?? []).map((id) => [id, true]));

  const table = useTable({
    features: dataTableFeatures,
    columns,
    data,
    getRowId,
    manualSorting: manual,
    enableMultiSort: false,
    enableSortingRemoval: false,
    enableRowSelection: selection !== undefined,
    columnResizeMode: "onChange",
    state: { sorting, columnVisibility, columnSizing, rowSelection },
    onColumnSizingChange: setColumnSizing,
    onRowSelectionChange: (updater) => {
      const next = typeof updater === "function" ? updater(rowSelection) : updater;
      selection?.onChange(Object.keys(next).filter((id) => next[id]));
    },
    onSortingChange: (updater) => {
      const next = typeof updater === "function" ? updater(sorting) : updater;
      const first = next[0];
      if (!first || !sortable[first.id]) return;
      if (manual) onSort(first.id, first.desc ? "desc" : "asc");
      else setLocalSorting([first]);
    },
  });
  // The header checkbox speaks for the rows shown: the caller's selection may hold rows of other
  // pages, which neither tick it nor make it half-ticked, and which toggling it leaves alone.
  const shownSelected = selection ? data.filter((row) => rowSelection[getRowId(row)]).length : 0;
  const allShownSelected = data.length > 0 && shownSelected === data.length;
  const numeric = (id: string) => numericColumns?.has(id) ?? false;
  const width = (id: string) => (columnSizing[id] === undefined ? undefined : { width: columnSizing[id], minWidth: columnSizing[id] });
  const visible = table.getVisibleLeafColumns();

  return (
    // `relative`: screen-reader-only labels in cells are absolutely positioned; without a positioned
    // scroll box they escape it and widen the whole page on a narrow screen. Focusable and named
    // (a group, not a landmark: the page's own sections are those): a keyboard user scrolls a
    // wide table with the arrow keys.
    <div
      role="group"
      aria-label={caption}
      tabIndex={0}
      className={cn(
        "relative overflow-x-auto rounded-lg border border-slate-200 bg-white transition-opacity focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600",
        pending && "opacity-60",
      )}
      aria-busy={pending}
    >
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {selection && (
                <th scope="col" className="w-10 px-3 py-2 align-bottom">
                  <SelectAllCheckbox
                    label={selection.selectAllLabel ?? "Pilih semua baris"}
                    checked={allShownSelected}
                    indeterminate={shownSelected > 0 && !allShownSelected}
                    onChange={() => table.toggleAllRowsSelected(!allShownSelected)}
                  />
                </th>
              )}
              {group.headers.map((header) => {
                const id = header.column.id;
                const firstDirection = sortable[id];
                const sorted = header.column.getIsSorted();
                const label = typeof header.column.columnDef.header === "string" ? header.column.columnDef.header : id;
                const size = header.getSize();
                return (
                  <th
                    key={header.id}
                    scope="col"
                    aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                    style={width(id)}
                    className={cn("group relative px-3 py-2 align-bottom", numeric(id) && "text-right")}
                  >
                    {firstDirection ? (
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
                    {header.column.getCanResize() && (
                      // A drag handle for the mouse and finger, arrow keys for the keyboard; a double
                      // click gives the column its natural width back.
                      <div
                        role="separator"
                        aria-orientation="vertical"
                        aria-label={`Lebar kolom ${label}`}
                        aria-valuenow={Math.round(size)}
                        aria-valuemin={MIN_COLUMN_WIDTH}
                        tabIndex={0}
                        onMouseDown={header.getResizeHandler()}
                        onTouchStart={header.getResizeHandler()}
                        onDoubleClick={() => header.column.resetSize()}
                        onKeyDown={(event) => {
                          if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
                          event.preventDefault();
                          const from = columnSizing[id] ?? event.currentTarget.parentElement?.getBoundingClientRect().width ?? size;
                          const to = Math.max(MIN_COLUMN_WIDTH, Math.round(from + (event.key === "ArrowRight" ? RESIZE_STEP : -RESIZE_STEP)));
                          setColumnSizing((current) => ({ ...current, [id]: to }));
                        }}
                        className="absolute inset-y-0 right-0 w-2 cursor-col-resize touch-none select-none opacity-0 hover:bg-brand-200 hover:opacity-100 focus:opacity-100 focus:outline-none focus-visible:bg-brand-600 group-hover:opacity-100"
                      />
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody className="divide-y divide-slate-100">
          {table.getRowModel().rows.map((row) => {
            const { className, ...attributes } = rowProps?.(row.original) ?? {};
            return (
              <tr key={row.id} className={cn("hover:bg-slate-50", row.getIsSelected() && "bg-brand-50", className)} {...attributes}>
                {selection && (
                  <td className="px-3 py-2 align-top">
                    <input
                      type="checkbox"
                      className="size-5"
                      aria-label={`Pilih ${selection.rowLabel(row.original)}`}
                      checked={row.getIsSelected()}
                      onChange={row.getToggleSelectedHandler()}
                    />
                  </td>
                )}
                {visible.map((column) => {
                  const id = column.id;
                  const span = cellSpan?.(row.original, id) ?? 1;
                  if (span === 0) return null;
                  const Cell = id === rowHeader ? "th" : "td";
                  return (
                    <Cell
                      key={id}
                      scope={id === rowHeader ? "row" : undefined}
                      colSpan={span > 1 ? span : undefined}
                      style={width(id)}
                      className={cn("px-3 py-2 align-top", id === rowHeader && "text-left font-normal", numeric(id) && span === 1 && "text-right tabular-nums")}
                    >
                      <CellContent render={column.columnDef.cell} context={cellContext(table, row, column)} />
                    </Cell>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
        {footer && (
          <tfoot className="border-t-2 border-slate-200 bg-slate-50 font-semibold">
            <tr>
              {selection && <td />}
              {visible.map((column) => {
                const Cell = column.id === rowHeader ? "th" : "td";
                return (
                  <Cell key={column.id} scope={column.id === rowHeader ? "row" : undefined} className={cn("px-3 py-2 text-left", numeric(column.id) && "text-right tabular-nums")}>
                    {footer[column.id]}
                  </Cell>
                );
              })}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}

/**
 * What a column's `cell` definition is called with: TanStack's cell context, built here from the
 * row and the column instead of through `row.getVisibleCells()` and `cell.getContext()`. Those
 * give every row its cell objects, each with its own memoised methods, on every render — a
 * third of a 50-row table's server render, for a context whose definitions read only `row` and
 * `getValue`. The cell object itself is still there for a definition that asks for it.
 */
function cellContext<Row extends RowData>(
  table: Table<DataTableFeatures, Row>,
  row: TableRow<DataTableFeatures, Row>,
  column: Column<DataTableFeatures, Row, CellData>,
): CellContext<DataTableFeatures, Row, CellData> {
  return {
    table,
    row,
    column,
    getValue: () => row.getValue(column.id),
    renderValue: () => row.renderValue(column.id),
    get cell() {
      return row.getAllCellsByColumnId()[column.id]!;
    },
  };
}

/**
 * Renders a cell by calling its definition inside this one stable component. TanStack's
 * FlexRender renders the definition itself as the component, so columns rebuilt on a server
 * refresh (a page's actions arrive as new functions each time) would remount every cell, losing a
 * row's open dialog or its notice. Hooks in a definition still belong to one cell, as before.
 */
function CellContent<Row extends RowData>({ render, context }: { render: unknown; context: CellContext<DataTableFeatures, Row, CellData> }) {
  return typeof render === "function" ? (render as (context: unknown) => ReactNode)(context) : ((render ?? null) as ReactNode);
}
