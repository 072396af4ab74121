/**
 * The table beside each dashboard chart, as plain data: the page renders it as an HTML table
 * and the download writes the very same cells as CSV, so the two never disagree.
 */
import { BUSINESS_STATUS_LABELS } from "@/lib/leads/business-status.ts";
import type { Measure } from "./coverage.ts";
import { COVERAGE_COLUMNS, STACK_ORDER, WORKER_STATUS_COLUMNS, type CoverageRow } from "./coverage-table.ts";
import { formatCount, formatFixedDecimal } from "@/lib/format.ts";

export type Cell = string | number | null;
/** How a column prints: text as is, counts with id-ID grouping, percentages with one decimal. */
export type ColumnKind = "text" | "count" | "percent";

export interface ChartTable {
  headers: string[];
  kinds: ColumnKind[];
  rows: { key: string; cells: Cell[]; href?: string | null }[];
  /** A closing row (the total), when the rows add up to one. */
  footer?: Cell[];
}


/** A cell as the page shows it: "12.345", "87,5 %", "–" for nothing. */
export function formatCell(value: Cell, kind: ColumnKind): string {
  if (value === null || value === "") return "–";
  if (typeof value === "string") return value;
  return kind === "percent" ? `${formatFixedDecimal(value)} %` : formatCount(value);
}

/** A 0–1 share as the percentage the tables hold, one decimal (0.875 → 87.5); null stays null. */
export function sharePercent(share: number | null): number | null {
  return share === null ? null : Math.round(share * 1000) / 10;
}

const SHARES: ReadonlySet<keyof CoverageRow> = new Set(["coverage", "workerCoverage"]);

/**
 * Registered and potential businesses and workers per group (region, scale, KBLI section,
 * source); in the "tenaga-kerja" view, Kemnaker's worker rows by JKN status instead.
 */
export function coverageTable(firstHeader: string, rows: readonly CoverageRow[], total?: CoverageRow, measure: Measure = "badan-usaha"): ChartTable {
  const columns = measure === "tenaga-kerja" ? WORKER_STATUS_COLUMNS : COVERAGE_COLUMNS;
  const cells = (row: CoverageRow): Cell[] => [row.label, ...columns.map((c) => (SHARES.has(c.key) ? sharePercent(row[c.key] as number | null) : row[c.key]))];
  return {
    headers: [firstHeader, ...columns.map((c) => c.header)],
    kinds: ["text", ...columns.map((c): ColumnKind => (SHARES.has(c.key) ? "percent" : "count"))],
    rows: rows.map((row) => ({ key: row.key, cells: cells(row), href: row.href })),
    ...(total && { footer: cells({ ...total, label: "Jumlah" }) }),
  };
}

export interface TrendRow {
  period: string;
  byStatus: Partial<Record<string, { businesses: number; workers: number }>>;
}

/** Businesses per status and Kemnaker workers per delivery period. */
export function trendTable(points: readonly TrendRow[]): ChartTable {
  return {
    headers: ["Periode", ...STACK_ORDER.map((s) => `BU ${BUSINESS_STATUS_LABELS[s].toLowerCase()}`), "Jumlah BU", "Pekerja (Kemnaker)"],
    kinds: ["text", ...STACK_ORDER.map((): ColumnKind => "count"), "count", "count"],
    rows: points.map((p) => {
      const counts = STACK_ORDER.map((s) => p.byStatus[s]?.businesses ?? 0);
      const workers = STACK_ORDER.reduce((sum, s) => sum + (p.byStatus[s]?.workers ?? 0), 0);
      return { key: p.period, cells: [p.period, ...counts, counts.reduce((a, b) => a + b, 0), workers] };
    }),
  };
}

/**
 * The follow-up funnel's stages: leads without an officer, then the assigned ones and how far they
 * got — each stage holds the leads further along, on the definitions of the officers' progress
 * (server/dashboard/get-follow-up-progress.ts), so a stage is that column summed over officers.
 */
export const FUNNEL_STAGES = ["unassigned", "assigned", "contacted", "visited", "converted"] as const;
export type FunnelStageKey = (typeof FUNNEL_STAGES)[number];
export const FUNNEL_STAGE_LABELS: Readonly<Record<FunnelStageKey, string>> = {
  unassigned: "Belum ditugaskan",
  assigned: "Ditugaskan",
  contacted: "Dihubungi",
  visited: "Dikunjungi",
  converted: "Terdaftar",
};

export interface FunnelStage {
  stage: FunnelStageKey;
  count: number;
}

/** Leads per funnel stage, in the order the work goes. No total: the stages nest. */
export function funnelTable(stages: readonly FunnelStage[]): ChartTable {
  return {
    headers: ["Tahap tindak lanjut", "Jumlah prospek"],
    kinds: ["text", "count"],
    rows: stages.map((s) => ({ key: s.stage, cells: [FUNNEL_STAGE_LABELS[s.stage], s.count] })),
  };
}

/** One officer's progress on the leads of a view (server/dashboard/get-follow-up-progress.ts). */
export interface OfficerRow {
  officerId: string;
  name: string;
  username: string;
  assigned: number;
  contacted: number;
  visited: number;
  converted: number;
}

/** Each officer's assigned leads and how far they got. */
export function officerTable(officers: readonly OfficerRow[]): ChartTable {
  return {
    headers: ["Petugas", "Nama pengguna", "Ditugaskan", "Dihubungi", "Dikunjungi", "Terdaftar", "Konversi (%)"],
    kinds: ["text", "text", "count", "count", "count", "count", "percent"],
    rows: officers.map((o) => ({
      key: o.officerId,
      cells: [o.name, o.username, o.assigned, o.contacted, o.visited, o.converted, sharePercent(o.assigned ? o.converted / o.assigned : null)],
    })),
  };
}

/** The table as CSV records: headers, rows, footer; numbers stay numbers. */
export function tableCsvRecords(table: ChartTable): Cell[][] {
  return [table.headers, ...table.rows.map((r) => r.cells), ...(table.footer ? [table.footer] : [])];
}
