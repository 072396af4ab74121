/**
 * Prepare step of the dashboard's charts: coverage rows and follow-up figures into the data and
 * series the chart components draw. Pure, so the shapes are unit-tested; "missing" stays a gap.
 */
import { BUSINESS_STATUS_LABELS } from "@/lib/leads/business-status.ts";
import type { Measure } from "./coverage.ts";
import { STACK_ORDER, type CoverageRow } from "./coverage-table.ts";
import { FUNNEL_STAGE_LABELS, type FunnelStage, type OfficerRow, type TrendRow } from "./chart-tables.ts";

export interface Series {
  key: string;
  label: string;
  color: string;
}
export type Datum = Record<string, string | number | null> & { label: string; href?: string | null };

/** Registered in blues, leads in warm colours: readable for the common colour-vision deficiencies. */
const STATUS_COLORS: Readonly<Record<(typeof STACK_ORDER)[number], string>> = {
  TERDAFTAR_AKTIF: "#1d4ed8",
  DAFTAR_SEBAGIAN: "#60a5fa",
  TERDAFTAR_NONAKTIF: "#f59e0b",
  BELUM_TERDAFTAR: "#dc2626",
};

const STATUS_SERIES: readonly Series[] = STACK_ORDER.map((s) => ({ key: s, label: BUSINESS_STATUS_LABELS[s], color: STATUS_COLORS[s] }));

const WORKER_SERIES: readonly Series[] = [
  { key: "registeredWorkers", label: "Terdaftar JKN (BU aktif)", color: "#1d4ed8" },
  { key: "inactiveWorkers", label: "Terdaftar di BU nonaktif", color: "#f59e0b" },
  { key: "workerGap", label: "Potensi (belum terdaftar)", color: "#dc2626" },
];

/** Kemnaker's worker rows by their JKN status; together they are the listed workers. */
const WORKER_STATUS_SERIES: readonly Series[] = [
  { key: "workersHere", label: "Terdaftar di pemberi kerja ini", color: "#1d4ed8" },
  { key: "workersElsewhere", label: "Terdaftar di pemberi kerja lain", color: "#60a5fa" },
  { key: "workersOtherSegment", label: "Terdaftar segmen lain", color: "#f59e0b" },
  { key: "workersUnregistered", label: "Belum terdaftar", color: "#dc2626" },
];

const COVERAGE_SERIES: Readonly<Record<Measure, readonly Series[]>> = {
  "badan-usaha": STATUS_SERIES,
  pekerja: WORKER_SERIES,
  "tenaga-kerja": WORKER_STATUS_SERIES,
};

/**
 * Stacked bars: businesses per status; workers registered / at inactive businesses / not
 * registered; or Kemnaker's worker rows per JKN status. In the worker-status view a group
 * without worker rows has no bar (missing is a gap, not a zero).
 */
export function coverageChart(rows: readonly CoverageRow[], measure: Measure): { data: Datum[]; series: readonly Series[] } {
  const series = COVERAGE_SERIES[measure];
  if (measure === "tenaga-kerja") rows = rows.filter((row) => row.workersListed > 0);
  return {
    series,
    data: rows.map((row) => ({
      label: row.label,
      href: row.href,
      ...Object.fromEntries(series.map((s) => [s.key, row[s.key as keyof CoverageRow] as number])),
    })),
  };
}

/** One line per status across periods: businesses, or their Kemnaker workers. */
export function trendChart(points: readonly TrendRow[], measure: Measure): { data: Datum[]; series: readonly Series[] } {
  const field = measure === "badan-usaha" ? "businesses" : "workers";
  return {
    series: STATUS_SERIES,
    data: points.map((p) => ({ label: p.period, ...Object.fromEntries(STACK_ORDER.map((s) => [s, p.byStatus[s]?.[field] ?? null])) })),
  };
}

export function funnelChart(stages: readonly FunnelStage[]): { data: Datum[]; series: readonly Series[] } {
  return {
    series: [{ key: "count", label: "Prospek", color: "#0f7a43" }],
    data: stages.map((s) => ({ label: FUNNEL_STAGE_LABELS[s.stage], count: s.count })),
  };
}

export function officerChart(officers: readonly OfficerRow[]): { data: Datum[]; series: readonly Series[] } {
  return {
    series: [
      { key: "assigned", label: "Ditugaskan", color: "#94a3b8" },
      { key: "contacted", label: "Dihubungi", color: "#60a5fa" },
      { key: "visited", label: "Dikunjungi", color: "#1d4ed8" },
      { key: "converted", label: "Terdaftar", color: "#0f7a43" },
    ],
    data: officers.map((o) => ({ label: o.name, assigned: o.assigned, contacted: o.contacted, visited: o.visited, converted: o.converted })),
  };
}
