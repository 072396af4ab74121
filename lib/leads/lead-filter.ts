import type { BusinessScale } from "../identifiers/business-scale.ts";
import { normalizeRegionCode } from "../region-code.ts";
import { BUSINESS_STATUSES, BUSINESS_STATUS_SLUGS, LEAD_STATUSES, parseBusinessStatus, type BusinessStatusValue } from "./business-status.ts";
import type { EntityKindValue } from "./entity-kind.ts";
import type { FollowUpFilterValue } from "./follow-up-status.ts";

/**
 * Which businesses a lead list, export, bulk assignment or chart covers — the one filter shape
 * every caller hands to `leadWhere` (server/leads/lead-query.ts), which adds the caller's region
 * scope. Every field is optional; an empty filter means "every lead the caller may see".
 *
 * - statuses: the given ones; else every status with `all`; else the lead statuses.
 * - regionCodes: dotted Kemendagri codes of any level; a business is in when it lies in any.
 * - scales, sources, followUpStatuses: any of the given values.
 * - kbliSection (A–U) and kbli (a code prefix, 1–5 digits): both must hold when both are given.
 * - workersMin/workersMax: Kemnaker's worker count, inclusive; unknown counts fall outside.
 * - gapMin: at least this many workers not registered in JKN under the business (the worker
 *   gap: exact where Kemnaker sent worker rows, else its count less BPJS's); unknown gaps fall
 *   outside.
 * - assignedTo: a user id, "saya" (the caller), "belum" (nobody) or "bisa-diambil" (nobody, still
 *   open, in a region where an admin lets officers take leads themselves).
 * - q: an NPWP (15 or 16 digits), NIB, Kode WLKP or Kode Badan Usaha in any written form, or
 *   (part of) a name, typo-tolerant; a legal form in it ("cv jaya", "yayasan") narrows to that form.
 * - kind: businesses only, or notaries only (server/matching/write-notary-leads.ts); both when
 *   not given.
 * - businessIds: only these businesses (decimal ids), for leads picked one by one on the list
 *   (lib/leads/lead-selection.ts); never in the list's URL.
 */
export interface LeadFilter {
  statuses?: readonly BusinessStatusValue[];
  kind?: EntityKindValue;
  regionCodes?: readonly string[];
  all?: boolean;
  scales?: readonly BusinessScale[];
  sources?: readonly string[];
  kbliSection?: string;
  kbli?: string;
  workersMin?: number;
  workersMax?: number;
  gapMin?: number;
  followUpStatuses?: readonly FollowUpFilterValue[];
  assignedTo?: string;
  q?: string;
  /**
   * A search for a personal identifier, sealed by the server (server/leads/lead-search-token.ts)
   * so the identifier never sits in the URL; each door turns it back into `q` for its user.
   */
  qToken?: string;
  businessIds?: readonly string[];
}

/** `assignedTo` values that are not a user id. */
export const ASSIGNED_TO_ME = "saya";
export const ASSIGNED_TO_NOBODY = "belum";
export const ASSIGNED_TO_TAKEABLE = "bisa-diambil";

export function effectiveStatuses(filter: LeadFilter): readonly BusinessStatusValue[] {
  if (filter.statuses?.length) return BUSINESS_STATUSES.filter((s) => filter.statuses!.includes(s));
  return filter.all ? BUSINESS_STATUSES : LEAD_STATUSES;
}

/** How many picked ids the audit trail names; the count is always there (as bulk assignment records them). */
const DESCRIBED_IDS = 50;

/**
 * The filter as recorded in the audit trail: what was actually exported, in plain values. Picked
 * leads are recorded as their count and the first ids.
 */
export function describeLeadFilter(filter: LeadFilter): { statuses: BusinessStatusValue[]; regionCodes: string[]; all: boolean; selected?: number } & Partial<
  Omit<LeadFilter, "statuses" | "regionCodes" | "all">
> {
  const described = new Set(["statuses", "regionCodes", "all", "businessIds"]);
  const set = Object.fromEntries(
    Object.entries(filter).filter(([k, v]) => !described.has(k) && v !== undefined && !(Array.isArray(v) && v.length === 0)),
  );
  const picked = filter.businessIds ? { selected: filter.businessIds.length, businessIds: filter.businessIds.slice(0, DESCRIBED_IDS) } : {};
  return { statuses: [...effectiveStatuses(filter)], regionCodes: [...(filter.regionCodes ?? [])], all: filter.all === true, ...set, ...picked };
}

export type ListParse<T> = { ok: true; values: T[] } | { ok: false; message: string };

/** "belum-terdaftar, nonaktif" → statuses, lenient on spelling; unknown words are named. */
export function parseStatusList(text: string): ListParse<BusinessStatusValue> {
  const words = splitList(text);
  const unknown = words.filter((w) => parseBusinessStatus(w) === null);
  if (unknown.length) {
    return { ok: false, message: `Status tidak dikenal: ${unknown.join(", ")} (pilihan: ${Object.values(BUSINESS_STATUS_SLUGS).join(", ")})` };
  }
  if (!words.length) return { ok: false, message: "Status kosong" };
  return { ok: true, values: [...new Set(words.map((w) => parseBusinessStatus(w)!))] };
}

/** "32.73, 3578" → dotted codes; malformed codes are named. Whether they exist is the server's check. */
export function parseRegionCodeList(text: string): ListParse<string> {
  const words = splitList(text);
  const malformed = words.filter((w) => normalizeRegionCode(w) === null);
  if (malformed.length) {
    return { ok: false, message: `Kode wilayah tidak valid: ${malformed.join(", ")} (contoh: 32, 32.73, 3273, 32.73.01.1001)` };
  }
  if (!words.length) return { ok: false, message: "Kode wilayah kosong" };
  return { ok: true, values: [...new Set(words.map((w) => normalizeRegionCode(w)!))] };
}

function splitList(text: string): string[] {
  return text
    .split(",")
    .map((w) => w.trim())
    .filter((w) => w.length > 0);
}

/**
 * What is wrong with a filter that can only list nothing, in the words the page shows; null when
 * nothing is. A reversed worker range (from 50 to 10) is a slip, not a question about the data.
 */
export function leadFilterProblem(filter: LeadFilter): string | null {
  const { workersMin: min, workersMax: max } = filter;
  if (min !== undefined && max !== undefined && min > max) {
    return `Jumlah pekerja "paling sedikit" (${min.toLocaleString("id-ID")}) lebih besar dari "paling banyak" (${max.toLocaleString("id-ID")}): tidak ada badan usaha yang bisa cocok.`;
  }
  return null;
}
