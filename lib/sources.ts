/**
 * The partner and BPJS data sources Jangkau ingests, with their Indonesian labels. A new source
 * goes last: the demo data generator seeds each file's random stream by its position here, so
 * inserting one would change every demo file after it.
 */
export const SOURCE_IDS = [
  "kemnaker-bu",
  "ahu-entitas",
  "ahu-pengurus",
  "ahu-notaris",
  "bpjs-bu",
  "bpjs-peserta",
  "kemnaker-tk",
] as const;
export type SourceId = (typeof SOURCE_IDS)[number];

export const SOURCE_LABELS: Record<SourceId, string> = {
  "kemnaker-bu": "Kemnaker — Badan Usaha (WLKP, Lampiran I.1)",
  "kemnaker-tk": "Kemnaker — Tenaga Kerja (Lampiran I.2)",
  "ahu-entitas": "AHU — PT, CV, Firma, Persekutuan Perdata",
  "ahu-pengurus": "AHU — Pengurus dan Sekutu",
  "ahu-notaris": "AHU — Notaris",
  "bpjs-bu": "BPJS — Registri Badan Usaha (Lampiran II.1)",
  "bpjs-peserta": "BPJS — Peserta (Lampiran II.2)",
};

/** The sources a business can be built from (server/matching); the others describe people. */
export const BUSINESS_SOURCES = ["kemnaker-bu", "ahu-entitas", "bpjs-bu"] as const satisfies readonly SourceId[];
export type BusinessSource = (typeof BUSINESS_SOURCES)[number];

export function isBusinessSource(value: string): value is BusinessSource {
  return (BUSINESS_SOURCES as readonly string[]).includes(value);
}

/** Which partner delivers a source (API keys are scoped to a partner's sources). */
export const SOURCE_PARTNER: Record<SourceId, "kemnaker" | "ahu" | "bpjs"> = {
  "kemnaker-bu": "kemnaker",
  "kemnaker-tk": "kemnaker",
  "ahu-entitas": "ahu",
  "ahu-pengurus": "ahu",
  "ahu-notaris": "ahu",
  "bpjs-bu": "bpjs",
  "bpjs-peserta": "bpjs",
};

export function isSourceId(value: string): value is SourceId {
  return (SOURCE_IDS as readonly string[]).includes(value);
}

/** Delivery periods: twice a year, `2025-S1` (January–June) and `2025-S2` (July–December). */
export const PERIOD_PATTERN = /^(20\d{2})-S([12])$/;

/** A source's name for people ("ahu-entitas" → "AHU — PT, CV, …"); an unknown id as it is. */
export function sourceLabel(id: string): string {
  return isSourceId(id) ? SOURCE_LABELS[id] : id;
}

export function isPeriod(value: string): boolean {
  return PERIOD_PATTERN.test(value);
}
