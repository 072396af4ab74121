import type { ChartTable } from "./chart-tables.ts";
import { dashboardHref } from "./coverage.ts";

/**
 * The dashboard's notary figures (server/dashboard/get-notary-coverage.ts): notaries by JKN
 * status and the leads among them an officer works, for the view and per region of it.
 */
export interface NotaryFigures {
  total: number;
  active: number;
  inactive: number;
  unregistered: number;
  /** Notary leads (not active) assigned to an officer. */
  assigned: number;
}

export interface NotaryCoverage {
  total: NotaryFigures;
  /** Per region of the view; null below regency/city (notaries have no district). */
  units: { code: string; name: string; figures: NotaryFigures }[] | null;
}

const HEADERS = ["Wilayah", "Notaris", "Terdaftar aktif", "Tidak aktif", "Tidak terdaftar", "Prospek ditugaskan"];

/** The per-region table, regions with notaries only, each opening its own dashboard. */
export function notaryTable(coverage: NotaryCoverage): ChartTable | null {
  if (!coverage.units) return null;
  const cells = (f: NotaryFigures) => [f.total, f.active, f.inactive, f.unregistered, f.assigned];
  return {
    headers: HEADERS,
    kinds: ["text", "count", "count", "count", "count", "count"],
    rows: coverage.units
      .filter((u) => u.figures.total > 0)
      .map((u) => ({ key: u.code, cells: [u.name, ...cells(u.figures)], href: dashboardHref({ wilayah: u.code }) })),
    footer: ["Jumlah", ...cells(coverage.total)],
  };
}
