"use client";

import Link from "next/link";
import { useMemo } from "react";
import { DataTable, dataTableColumns, type SortDirection } from "@/components/data-table/data-table.tsx";
import { formatCell, type ChartTable as ChartTableData } from "@/lib/dashboard/chart-tables.ts";

type ChartRow = ChartTableData["rows"][number];
const helper = dataTableColumns<ChartRow>();
const columnId = (i: number) => `k${i}`;

/**
 * A dashboard chart's figures as the one DataTable: the first column names the row (a region
 * opens its own dashboard), every figure column sorts, largest first.
 */
export function ChartTable({ caption, table }: { caption: string; table: ChartTableData }) {
  const { columns, numeric, sortable, footer } = useMemo(() => {
    const columns = table.headers.map((header, i) =>
      helper.accessor((row) => row.cells[i] ?? null, {
        id: columnId(i),
        header,
        cell: ({ row, getValue }) => {
          const text = formatCell(getValue(), table.kinds[i]!);
          // Not prefetched: a page of rows would ask the server once per row as it scrolls into view.
          return i === 0 && row.original.href ? (
            <Link href={row.original.href} prefetch={false} className="font-medium text-brand-700 underline">
              {text}
            </Link>
          ) : (
            text
          );
        },
      }),
    );
    const numeric = new Set(table.kinds.flatMap((kind, i) => (kind === "text" ? [] : [columnId(i)])));
    const sortable: Partial<Record<string, SortDirection>> = Object.fromEntries(
      table.kinds.map((kind, i) => [columnId(i), kind === "text" ? "asc" : "desc"] as const),
    );
    const footer = table.footer && Object.fromEntries(table.footer.map((cell, i) => [columnId(i), formatCell(cell, table.kinds[i]!)]));
    return { columns, numeric, sortable, footer };
  }, [table]);
  return (
    <div className="mt-4">
      <DataTable
        columns={columns}
        data={table.rows}
        getRowId={(row) => row.key}
        caption={caption}
        sortable={sortable}
        numericColumns={numeric}
        rowHeader={columnId(0)}
        footer={footer}
      />
    </div>
  );
}
