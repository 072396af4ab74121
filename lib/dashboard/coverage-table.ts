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
}

export type ByStatus = Readonly<Record<BusinessStatusValue, StatusFigures>>;

/** One group as the server aggregates it. */
export interface CoverageGroup {
  key: string;
  label: string;
  /** Where the group drills down to (a region's own view), when it does. */
  href?: string | null;
  byStatus: ByStatus;
}

const EMPTY_FIGURES: StatusFigures = { businesses: 0, workers: 0, registeredWorkers: 0, workerGap: 0 };

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
}

/** Order in which statuses stack in the bars: registered first, then the leads. */
export const STACK_ORDER: readonly BusinessStatusValue[] = ["TERDAFTAR_AKTIF", "DAFTAR_SEBAGIAN", "TERDAFTAR_NONAKTIF", "BELUM_TERDAFTAR"];

export function coverageRow(group: CoverageGroup): CoverageRow {
  const s = group.byStatus;
  const businesses = STACK_ORDER.reduce((sum, status) => sum + s[status].businesses, 0);
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
    workers: STACK_ORDER.reduce((sum, status) => sum + s[status].workers, 0),
    registeredWorkers: s.TERDAFTAR_AKTIF.registeredWorkers + s.DAFTAR_SEBAGIAN.registeredWorkers,
    inactiveWorkers: s.TERDAFTAR_NONAKTIF.registeredWorkers,
    workerGap: STACK_ORDER.reduce((sum, status) => sum + s[status].workerGap, 0),
  };
}

/** The sum of several groups (a region's total from its parts), keyed and labelled as given. */
export function sumGroups(key: string, label: string, groups: readonly CoverageGroup[]): CoverageGroup {
  const byStatus = emptyByStatus();
  for (const group of groups)
    for (const status of BUSINESS_STATUSES) {
      const from = group.byStatus[status];
      const to = byStatus[status];
      to.businesses += from.businesses;
      to.workers += from.workers;
      to.registeredWorkers += from.registeredWorkers;
      to.workerGap += from.workerGap;
    }
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
    left.businesses = w.businesses - p.businesses;
    left.workers = w.workers - p.workers;
    left.registeredWorkers = w.registeredWorkers - p.registeredWorkers;
    left.workerGap = w.workerGap - p.workerGap;
    if (left.businesses !== 0) any = true;
  }
  return any ? { key, label, byStatus } : null;
}

export const COVERAGE_COLUMNS: readonly { key: Exclude<keyof CoverageRow, "key" | "label" | "href">; header: string }[] = [
  ...STACK_ORDER.map((status) => ({ key: status, header: `BU ${BUSINESS_STATUS_LABELS[status].toLowerCase()}` })),
  { key: "businesses", header: "Jumlah BU" },
  { key: "coverage", header: "Cakupan BU (%)" },
  { key: "workers", header: "Pekerja (Kemnaker)" },
  { key: "registeredWorkers", header: "Pekerja terdaftar JKN" },
  { key: "inactiveWorkers", header: "Pekerja di BU nonaktif" },
  { key: "workerGap", header: "Potensi pekerja" },
];
