import "server-only";
import type { BusinessScale } from "@/lib/identifiers/business-scale.ts";
import { BUSINESS_SOURCES, type BusinessSource } from "@/lib/sources.ts";

export { BUSINESS_SOURCES, type BusinessSource } from "@/lib/sources.ts";

/** The business sources as an SQL list: `'kemnaker-bu', 'ahu-entitas', 'bpjs-bu'` (constants only). */
export const BUSINESS_SOURCES_SQL = BUSINESS_SOURCES.map((s) => `'${s}'`).join(", ");

/** A current business record as the resolver sees it (one per source_record row). */
export interface MatchRecord {
  id: bigint;
  source: BusinessSource;
  period: string;
  name: string;
  /** From the ahu-entitas entity-type column, or pulled out of the name. */
  legalForm: string | null;
  /** Name without legal form, folded: "SINAR JAYA ABADI". */
  core: string;
  tokens: string[];
  /** core without spaces. */
  key: string;
  /** "SURABAYA" for "… CABANG SURABAYA". */
  branch: string | null;
  npwp: string | null;
  nib: string | null;
  kodeWlkp: string | null;
  kodeBadanUsaha: string | null;
  provinceCode: string | null;
  regencyCode: string | null;
  districtCode: string | null;
  villageCode: string | null;
  address: string | null;
  postcode: string | null;
  phone: string | null;
  email: string | null;
  workerCount: number | null;
  businessScale: BusinessScale | null;
  kbli: string | null;
  /** bpjs-bu: Status terdaftar JKN. */
  registered: boolean | null;
  /** bpjs-bu: Status keaktifan BU. */
  active: boolean | null;
  /** bpjs-bu: workers registered in JKN. */
  registeredWorkers: number | null;
  /** Stable identity across periods (fingerprint.ts). */
  fingerprint: string;
}

/** Why two records were linked, or put up for review. */
export interface LinkEvidence {
  /** Name similarity 0–1. */
  name?: number;
  /** Fields that agreed. */
  agree?: string[];
  /** Fields that disagreed. */
  disagree?: string[];
  /** The record it was linked to. */
  with?: string;
}

/** A link the resolver made: `record` joined the business through `rule`. */
export interface RecordLink {
  recordId: bigint;
  rule: "dasar" | "npwp" | "nib" | "kode" | "nama" | "tinjauan";
  score: number | null;
  evidence: LinkEvidence;
}

/** A grey-zone pair for the review queue (left/right in fingerprint order). */
export interface ReviewCandidate {
  left: MatchRecord;
  right: MatchRecord;
  score: number;
  evidence: LinkEvidence;
}

/** A decision taken in the review queue, by fingerprint pair ("a|b" with a < b). */
export type ReviewDecisions = ReadonlyMap<string, "CONFIRMED" | "REJECTED">;

export function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}
