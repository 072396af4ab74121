/**
 * Query → prepare → render: the server hands over coverage aggregates per group (a region, a
 * scale, a KBLI section, a source, a period), these pure functions shape them into the rows the
 * tables, the charts and the CSV downloads share, so a download always equals the table beside
 * its chart.
 */
import { BUSINESS_STATUS_LABELS, BUSINESS_STATUSES, type BusinessStatusValue } from "@/lib/leads/business-status.ts";

export interface StatusFigures {
  businesses: number;
  workers: number;
  registeredWorkers: number;
  workerGap: number;
  /** Kemnaker's worker rows (kemnaker-tk) of these businesses, and their JKN status. */
  workersListed: number;
  workersHere: number;
  workersElsewhere: number;
  workersOtherSegment: number;
  workersUnregistered: number;
}

/**
 * The figures coverage_stat sums for each row besides the business count: the key they go by
 * here, their coverage_stat column, and the business column each is the sum of
 * (server/dashboard/refresh-coverage.ts writes them, get-coverage.ts reads them).
 */
export const COVERAGE_FIGURES = [
  { key: "workers", stat: "workers", business: "worker_count" },
  { key: "registeredWorkers", stat: "registered_workers", business: "registered_workers" },
  { key: "workerGap", stat: "worker_gap", business: "worker_gap" },
  { key: "workersListed", stat: "workers_listed", business: "workers_listed" },
  { key: "workersHere", stat: "workers_here", business: "workers_here" },
  { key: "workersElsewhere", stat: "workers_elsewhere", business: "workers_elsewhere" },
  { key: "workersOtherSegment", stat: "workers_other_segment", business: "workers_other_segment" },
  { key: "workersUnregistered", stat: "workers_unregistered", business: "workers_unregistered" },
] as const satisfies readonly { key: keyof StatusFigures; stat: string; business: string }[];

const FIGURE_KEYS: readonly (keyof StatusFigures)[] = ["businesses", ...COVERAGE_FIGURES.map((f) => f.key)];

export type ByStatus = Readonly<Record<BusinessStatusValue, StatusFigures>>;

/** One group as the server aggregates it. */
export interface CoverageGroup {
  key: string;
  label: string;
  /** Where the group drills down to (a region's own view), when it does. */
  href?: string | null;
  byStatus: ByStatus;
}

const EMPTY_FIGURES = Object.fromEntries(FIGURE_KEYS.map((k) => [k, 0])) as unknown as StatusFigures;

export function emptyByStatus(): Record<BusinessStatusValue, StatusFigures> {
  return Object.fromEntries(BUSINESS_STATUSES.map((s) => [s, { ...EMPTY_FIGURES }])) as Record<BusinessStatusValue, StatusFigures>;
}

/** One row of a coverage table (and of its CSV, and the data of its chart). */
export interface CoverageRow {
  key: string;
  label: string;
  href: string | null;
  /** Businesses per status. */
  TERDAFTAR_AKTIF: number;
  DAFTAR_SEBAGIAN: number;
  TERDAFTAR_NONAKTIF: number;
  BELUM_TERDAFTAR: number;
  businesses: number;
  /** Share of businesses registered and active (aktif or daftar sebagian), 0–1; null without businesses. */
  coverage: number | null;
  /** Workers Kemnaker reports. */
  workers: number;
  /** Workers registered in JKN at active businesses (aktif and daftar sebagian). */
  registeredWorkers: number;
  /** Workers registered at businesses whose JKN registration is inactive. */
  inactiveWorkers: number;
  /** Workers not (yet) registered: the gap, all statuses. */
  workerGap: number;
  /**
   * What is left of Kemnaker's workers after the registered, the inactive and the gap, so the
   * four add up to `workers`: the gap is worked out per business (never below 0, and from the
   * worker list where Kemnaker sent one), so the sums differ where BPJS counts more registered
   * workers than Kemnaker reports (negative), where a business has registered workers and no
   * Kemnaker count (negative), or where Kemnaker listed fewer workers than it counted (positive).
   */
  workersUnreconciled: number;
  /** Kemnaker's worker rows, all statuses (businesses without worker rows count none). */
  workersListed: number;
  /** …of them registered in JKN under their employer (PPU BU). */
  workersHere: number;
  /** …registered under another employer. */
  workersElsewhere: number;
  /** …registered in another segment (PBI JK, PBPU, …). */
  workersOtherSegment: number;
  /** …not registered in JKN. */
  workersUnregistered: number;
  /** Share of the listed workers registered under their employer, 0–1; null without worker rows. */
  workerCoverage: number | null;
}

/** Order in which statuses stack in the bars: registered first, then the leads. */
export const STACK_ORDER: readonly BusinessStatusValue[] = ["TERDAFTAR_AKTIF", "DAFTAR_SEBAGIAN", "TERDAFTAR_NONAKTIF", "BELUM_TERDAFTAR"];

export function coverageRow(group: CoverageGroup): CoverageRow {
  const s = group.byStatus;
  const total = (key: keyof StatusFigures) => STACK_ORDER.reduce((sum, status) => sum + s[status][key], 0);
  const businesses = total("businesses");
  const workersListed = total("workersListed");
  const workersHere = total("workersHere");
  const registered = s.TERDAFTAR_AKTIF.businesses + s.DAFTAR_SEBAGIAN.businesses;
  return {
    key: group.key,
    label: group.label,
    href: group.href ?? null,
    TERDAFTAR_AKTIF: s.TERDAFTAR_AKTIF.businesses,
    DAFTAR_SEBAGIAN: s.DAFTAR_SEBAGIAN.businesses,
    TERDAFTAR_NONAKTIF: s.TERDAFTAR_NONAKTIF.businesses,
    BELUM_TERDAFTAR: s.BELUM_TERDAFTAR.businesses,
    businesses,
    coverage: businesses === 0 ? null : registered / businesses,
    workers: total("workers"),
    registeredWorkers: s.TERDAFTAR_AKTIF.registeredWorkers + s.DAFTAR_SEBAGIAN.registeredWorkers,
    inactiveWorkers: s.TERDAFTAR_NONAKTIF.registeredWorkers,
    workerGap: total("workerGap"),
    workersUnreconciled: total("workers") - STACK_ORDER.reduce((sum, status) => sum + s[status].registeredWorkers, 0) - total("workerGap"),
    workersListed,
    workersHere,
    workersElsewhere: total("workersElsewhere"),
    workersOtherSegment: total("workersOtherSegment"),
    workersUnregistered: total("workersUnregistered"),
    workerCoverage: workersListed === 0 ? null : workersHere / workersListed,
  };
}

/** The sum of several groups (a region's total from its parts), keyed and labelled as given. */
export function sumGroups(key: string, label: string, groups: readonly CoverageGroup[]): CoverageGroup {
  const byStatus = emptyByStatus();
  for (const group of groups)
    for (const status of BUSINESS_STATUSES) for (const key of FIGURE_KEYS) byStatus[status][key] += group.byStatus[status][key];
  return { key, label, byStatus };
}

/** `whole` minus the sum of `parts`, per status; null when nothing is left (every business has a part). */
export function remainder(key: string, label: string, whole: CoverageGroup, parts: readonly CoverageGroup[]): CoverageGroup | null {
  const sum = sumGroups(key, label, parts);
  const byStatus = emptyByStatus();
  let any = false;
  for (const status of BUSINESS_STATUSES) {
    const w = whole.byStatus[status];
    const p = sum.byStatus[status];
    const left = byStatus[status];
    for (const key of FIGURE_KEYS) left[key] = w[key] - p[key];
    if (left.businesses !== 0) any = true;
  }
  return any ? { key, label, byStatus } : null;
}

type FigureColumn = { key: Exclude<keyof CoverageRow, "key" | "label" | "href">; header: string };

export const COVERAGE_COLUMNS: readonly FigureColumn[] = [
  ...STACK_ORDER.map((status) => ({ key: status, header: `BU ${BUSINESS_STATUS_LABELS[status].toLowerCase()}` })),
  { key: "businesses", header: "Jumlah BU" },
  { key: "coverage", header: "Cakupan BU (%)" },
  { key: "workers", header: "Pekerja (Kemnaker)" },
  { key: "registeredWorkers", header: "Pekerja terdaftar JKN" },
  { key: "inactiveWorkers", header: "Pekerja di BU nonaktif" },
  { key: "workerGap", header: "Potensi pekerja" },
  { key: "workersUnreconciled", header: "Pekerja tak terinci" },
];

/**
 * Kemnaker's worker rows by JKN status (the "Tenaga kerja" view): each listed worker registered
 * under its employer, under another one, in another segment, or not at all.
 */
export const WORKER_STATUS_COLUMNS: readonly FigureColumn[] = [
  { key: "workersListed", header: "Tenaga kerja (data TK Kemnaker)" },
  { key: "workersHere", header: "Terdaftar di pemberi kerja ini" },
  { key: "workersElsewhere", header: "Terdaftar di pemberi kerja lain" },
  { key: "workersOtherSegment", header: "Terdaftar segmen lain" },
  { key: "workersUnregistered", header: "Belum terdaftar" },
  { key: "workerCoverage", header: "Cakupan tenaga kerja (%)" },
];
