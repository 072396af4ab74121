import { z } from "zod";
import { BALIKAN_PARTNER_LABELS, BALIKAN_PARTNERS, type BalikanPartner } from "./balikan.ts";
import type { BusinessStatusValue } from "./leads/business-status.ts";
import type { BusinessSource, SourceId } from "./sources.ts";

/**
 * The yearly monitoring and evaluation report (laporan monev) both agreements require at least
 * once a year (Kemnaker PKS 2025 Pasal 9, AHU PKS 2023 Pasal 8): what was exchanged with one
 * partner in one calendar year and what it achieved. Shared by the page, the route handler, the
 * CLI and the use cases so the partner's sources and the agreement's name are written down once.
 */

export const MONEV_PARTNERS = BALIKAN_PARTNERS;
export type MonevPartner = BalikanPartner;
export const MONEV_PARTNER_LABELS = BALIKAN_PARTNER_LABELS;

export const MONEV_AGREEMENTS: Record<MonevPartner, { title: string; clause: string }> = {
  kemnaker: {
    title: "Perjanjian Kerja Sama BPJS Kesehatan dan Kementerian Ketenagakerjaan (2025)",
    clause: "Pasal 9 — Monitoring dan Evaluasi",
  },
  ahu: {
    title: "Perjanjian Kerja Sama BPJS Kesehatan dan Direktorat Jenderal Administrasi Hukum Umum (2023)",
    clause: "Pasal 8 — Monitoring dan Evaluasi",
  },
};

/** Every source the partner delivers, in the order the report lists them. */
export const MONEV_PARTNER_SOURCES: Record<MonevPartner, readonly SourceId[]> = {
  kemnaker: ["kemnaker-bu", "kemnaker-tk"],
  ahu: ["ahu-entitas", "ahu-pengurus", "ahu-notaris"],
};

/** The partner's source that businesses are built from (the coverage figures' source rows). */
export const MONEV_BUSINESS_SOURCE: Record<MonevPartner, BusinessSource> = {
  kemnaker: "kemnaker-bu",
  ahu: "ahu-entitas",
};

/**
 * Sources whose rows carry no region (a worker, an entity's officer): a region-scoped report
 * cannot place them, so their received count there is unknown, not zero.
 */
export const MONEV_UNLOCATED_SOURCES: readonly SourceId[] = ["kemnaker-tk", "ahu-pengurus"];

/** Agreements started in 2023 (AHU); a report before that has nothing to say. */
export const MONEV_FIRST_YEAR = 2023;

/** The two delivery periods of a year, in order. */
export function monevPeriods(year: number): [string, string] {
  return [`${year}-S1`, `${year}-S2`];
}

/** The years a report may be asked for: the first agreement's year up to this one, newest first. */
export function monevYears(now = new Date()): number[] {
  const years: number[] = [];
  for (let year = now.getUTCFullYear(); year >= MONEV_FIRST_YEAR; year--) years.push(year);
  return years;
}

/** Query-string names of the page and the download (`/laporan?mitra=ahu&tahun=2026`). */
export const MONEV_PARAMS = { partner: "mitra", year: "tahun", format: "format" } as const;

export const monevRequestSchema = z.object({
  partner: z.enum(MONEV_PARTNERS, { message: "Pilih mitra: AHU atau Kemnaker." }),
  year: z.coerce
    .number({ message: "Tahun harus berupa angka, mis. 2026." })
    .int("Tahun harus berupa angka, mis. 2026.")
    .min(MONEV_FIRST_YEAR, `Tahun paling awal ${MONEV_FIRST_YEAR}.`)
    .max(2100, "Tahun tidak valid."),
});
export type MonevRequest = z.infer<typeof monevRequestSchema>;

/** The page's state from its URL, with safe defaults: Kemnaker, this year. */
export function parseMonevQuery(params: Record<string, string | string[] | undefined>, now = new Date()): MonevRequest {
  const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  const parsed = monevRequestSchema.safeParse({ partner: one(params[MONEV_PARAMS.partner]), year: one(params[MONEV_PARAMS.year]) });
  if (parsed.success && parsed.data.year <= now.getUTCFullYear()) return parsed.data;
  const partner = MONEV_PARTNERS.find((p) => p === one(params[MONEV_PARAMS.partner])) ?? "kemnaker";
  return { partner, year: now.getUTCFullYear() };
}

export const MONEV_FORMATS = ["pdf", "xlsx"] as const;
export type MonevFormat = (typeof MONEV_FORMATS)[number];

/** `laporan-monev-kemnaker-2026` (the files' names without extension). */
export function monevFileStem(partner: MonevPartner, year: number): string {
  return `laporan-monev-${partner}-${year}`;
}

export function monevHref(request: MonevRequest, format?: MonevFormat): string {
  const query = new URLSearchParams({ [MONEV_PARAMS.partner]: request.partner, [MONEV_PARAMS.year]: String(request.year) });
  if (format) {
    query.set(MONEV_PARAMS.format, format);
    return `/laporan/unduh?${query}`;
  }
  return `/laporan?${query}`;
}

/** The figures of one report (server/reports/get-monev-figures.ts computes them). */
export interface MonevReceivedRow {
  period: string;
  source: string;
  /** Null in a region-scoped report (national deliveries). */
  files: number | null;
  dataRows: number | null;
  /** Accepted records; in a region-scoped report, those located in the scope (null for a source without regions). */
  accepted: number | null;
  rejected: number | null;
  duplicates: number | null;
}

export interface MonevBalikanRow {
  period: string;
  /** ISO instant the file was generated. */
  deliveredAt: string;
  /** YYYY-MM-DD, the agreement's deadline for the period's answer. */
  dueDate: string;
  onTime: boolean;
  rows: number;
}

export interface MonevCoveragePoint {
  period: string;
  businesses: number;
  registeredActive: number;
  /** registeredActive / businesses; null without businesses. */
  rate: number | null;
}

export interface MonevFigures {
  partner: MonevPartner;
  year: number;
  periods: [string, string];
  /** "Semua wilayah", or the scope's region names. */
  scopeLabel: string;
  national: boolean;
  received: MonevReceivedRow[];
  /** The commonest reasons rows were refused; null in a region-scoped report. */
  rejectReasons: { reason: string; rows: number }[] | null;
  /** Businesses holding a current record of the partner's business source, by JKN status. */
  businesses: { total: number; byStatus: Record<BusinessStatusValue, number>; workersReported: number; workerGap: number };
  /** Kemnaker's listed workers of those businesses by JKN status; null for AHU. */
  workers: { listed: number; here: number; elsewhere: number; otherSegment: number; unregistered: number } | null;
  leads: { status: BusinessStatusValue; businesses: number }[];
  followUp: {
    /** Businesses with an officer's call, visit, letter or e-mail in the year. */
    contacted: number;
    visited: number;
    /** Follow-ups closed *Terdaftar* by their officer in the year. */
    registeredByFollowUp: number;
    /** Follow-ups an import closed in the year: the business turned up registered. */
    registeredByImport: number;
    /** Workers registered in JKN under the businesses registered in the year, where known. */
    workersRegistered: number;
    /** How many of those businesses have a known count. */
    workersKnownFor: number;
  };
  /** Coverage of all businesses at each of the year's periods; null when the scope is below a province. */
  coverage: MonevCoveragePoint[] | null;
  balikan: MonevBalikanRow[] | null;
  webService: { calls: number; refusedCalls: number; batches: number; records: number; rejected: number } | null;
}

/** True when the year holds nothing for the partner in the scope: the page's empty state. */
export function isMonevEmpty(figures: MonevFigures): boolean {
  return (
    figures.received.every((r) => !r.accepted && !r.files) &&
    figures.followUp.contacted === 0 &&
    figures.followUp.registeredByFollowUp + figures.followUp.registeredByImport === 0 &&
    (figures.balikan?.length ?? 0) === 0 &&
    (figures.webService?.calls ?? 0) === 0
  );
}
