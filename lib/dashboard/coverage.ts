/**
 * Shared vocabulary of the coverage dashboard (Dasbor Cakupan): how coverage_stat rows are
 * keyed, the charts a user can download, and the words the page uses. Safe on both sides.
 */
import type { BusinessSource } from "@/lib/sources.ts";

/**
 * How coverage_stat rows are keyed (server/dashboard/refresh-coverage.ts). Each row is one region
 * and status, and `business_scale` / `kbli_section` say what it breaks down:
 * - both `*`: the region's total;
 * - a scale (or NULL: unknown) with section `*`: per skala usaha;
 * - scale `*` with a section letter (or NULL: unknown): per KBLI section;
 * - scale `sumber:<source id>` with section `*`: the businesses holding a current record of that
 *   partner source (a business built from three sources counts in three rows).
 * Provinces and regencies have all four kinds, districts totals only. A read picks one kind.
 */
export const ALL = "*";

export const SOURCE_ROW_PREFIX = "sumber:";

/** Short names of the business sources, for chart axes (the dashboard counts per source). */
export const BUSINESS_SOURCE_LABELS: Readonly<Record<BusinessSource, string>> = {
  "kemnaker-bu": "Kemnaker (WLKP)",
  "ahu-entitas": "AHU (badan hukum)",
  "bpjs-bu": "BPJS (registri BU)",
};


/** The dashboard's charts, as `?grafik=` of the CSV download names them. */
const CHART_IDS = ["wilayah", "skala", "kbli", "sumber", "tren", "corong", "petugas"] as const;
export type ChartId = (typeof CHART_IDS)[number];

export function isChartId(value: unknown): value is ChartId {
  return typeof value === "string" && (CHART_IDS as readonly string[]).includes(value);
}

/**
 * What the coverage charts measure: businesses (default); their workers as the businesses'
 * counts give them (Kemnaker's Jumlah Pekerja against BPJS's registered count); or Kemnaker's
 * worker rows (kemnaker-tk, where sent) by each worker's own JKN status.
 */
export const MEASURES = ["badan-usaha", "pekerja", "tenaga-kerja"] as const;
export type Measure = (typeof MEASURES)[number];
export const MEASURE_LABELS: Readonly<Record<Measure, string>> = {
  "badan-usaha": "Badan usaha",
  pekerja: "Pekerja",
  "tenaga-kerja": "Tenaga kerja (status JKN)",
};

export function isMeasure(value: unknown): value is Measure {
  return typeof value === "string" && (MEASURES as readonly string[]).includes(value);
}

export interface DashboardQuery {
  /** The region drilled into (dotted code as typed; the page checks it exists and is in scope), or null: the top. */
  wilayah: string | null;
  ukuran: Measure;
}

/** The page's state from its URL, with safe defaults: `?wilayah=32.73&ukuran=pekerja`. */
export function parseDashboardQuery(params: URLSearchParams | Record<string, string | string[] | undefined>): DashboardQuery {
  const get = (key: string): string | undefined => {
    const value = params instanceof URLSearchParams ? params.get(key) : params[key];
    return (Array.isArray(value) ? value[0] : value) ?? undefined;
  };
  const wilayah = get("wilayah")?.trim() || null;
  const ukuran = get("ukuran");
  return { wilayah: wilayah && wilayah.length <= 20 ? wilayah : wilayah ? "" : null, ukuran: isMeasure(ukuran) ? ukuran : "badan-usaha" };
}

export function dashboardHref(query: { wilayah?: string | null; ukuran?: Measure }, basePath = "/dasbor"): string {
  const params = new URLSearchParams();
  if (query.wilayah) params.set("wilayah", query.wilayah);
  if (query.ukuran && query.ukuran !== "badan-usaha") params.set("ukuran", query.ukuran);
  const text = params.toString();
  return text ? `${basePath}?${text}` : basePath;
}

/** Charts whose table follows the measure: the coverage charts' "tenaga-kerja" view has a table of its own. */
export const COVERAGE_CHART_IDS: readonly ChartId[] = ["wilayah", "skala", "kbli", "sumber"];

/**
 * A chart's CSV. The businesses' and the workers' views share one table (every figure is in
 * it), so only the worker-status view names its measure.
 */
export function downloadHref(chart: ChartId, wilayah: string | null, measure: Measure = "badan-usaha"): string {
  const params = new URLSearchParams({ grafik: chart });
  if (wilayah) params.set("wilayah", wilayah);
  if (measure === "tenaga-kerja" && COVERAGE_CHART_IDS.includes(chart)) params.set("ukuran", measure);
  return `/dasbor/unduh?${params.toString()}`;
}
