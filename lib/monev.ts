import { z } from "zod";
import { BALIKAN_PARTNER_LABELS, BALIKAN_PARTNERS, type BalikanPartner } from "./balikan.ts";
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
