"use client";

import { useMemo } from "react";
import { DataTable, dataTableColumns } from "@/components/data-table/data-table.tsx";
import { cn } from "@/components/ui/cn.ts";
import type { ComparisonRow, Verdict } from "./comparison-rows.ts";

const VERDICT: Record<Exclude<Verdict, null>, { label: string; row: string; badge: string }> = {
  agree: { label: "Sama", row: "bg-emerald-50", badge: "bg-emerald-100 text-emerald-800" },
  disagree: { label: "Berbeda", row: "bg-amber-50", badge: "bg-amber-100 text-amber-900" },
};

const missing = <span className="text-slate-400">—</span>;
const helper = dataTableColumns<ComparisonRow>();

function comparisonColumns(leftHeader: string, rightHeader: string) {
  return helper.columns([
    helper.accessor("label", { id: "label", header: "Kolom", cell: ({ getValue }) => <span className="block w-32 font-medium text-slate-700">{getValue()}</span> }),
    helper.accessor("left", { id: "left", header: leftHeader, cell: ({ getValue }) => <span className="break-words text-slate-900">{getValue() ?? missing}</span> }),
    helper.accessor("right", { id: "right", header: rightHeader, cell: ({ getValue }) => <span className="break-words text-slate-900">{getValue() ?? missing}</span> }),
    helper.display({
      id: "verdict",
      header: "Pencocokan",
      cell: ({ row: { original: row } }) => (
        <span className="text-slate-600">
          {row.verdict && <span className={cn("mr-1 inline-block rounded px-1.5 py-0.5 text-xs font-medium", VERDICT[row.verdict].badge)}>{VERDICT[row.verdict].label}</span>}
          {row.note && <span className="text-xs">{row.note}</span>}
        </span>
      ),
    }),
  ]);
}

/**
 * A review pair's records side by side as the one DataTable: field by field in the matcher's
 * order (no sorting: the order is the comparison), agreeing and disagreeing fields tinted.
 */
export function ComparisonTable({ rows, caption, leftHeader, rightHeader }: { rows: ComparisonRow[]; caption: string; leftHeader: string; rightHeader: string }) {
  const columns = useMemo(() => comparisonColumns(leftHeader, rightHeader), [leftHeader, rightHeader]);
  return (
    <DataTable
      columns={columns}
      data={rows}
      getRowId={(row) => row.label}
      caption={caption}
      rowHeader="label"
      rowProps={(row) => ({ className: cn(row.verdict && VERDICT[row.verdict].row) })}
    />
  );
}
