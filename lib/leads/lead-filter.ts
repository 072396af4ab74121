import { normalizeRegionCode } from "../region-code.ts";
import { BUSINESS_STATUSES, BUSINESS_STATUS_SLUGS, LEAD_STATUSES, parseBusinessStatus, type BusinessStatusValue } from "./business-status.ts";

/**
 * Which businesses a lead list or export covers. Statuses: the given ones; else every status
 * with `all`; else the lead statuses. Regions: dotted Kemendagri codes of any level; a business
 * is in when its most precise known region is the code or lies inside it. No codes: everywhere.
 */
export interface LeadFilter {
  statuses?: readonly BusinessStatusValue[];
  regionCodes?: readonly string[];
  all?: boolean;
}

export function effectiveStatuses(filter: LeadFilter): readonly BusinessStatusValue[] {
  if (filter.statuses?.length) return BUSINESS_STATUSES.filter((s) => filter.statuses!.includes(s));
  return filter.all ? BUSINESS_STATUSES : LEAD_STATUSES;
}

/** The filter as recorded in the audit trail: what was actually exported, in plain values. */
export function describeLeadFilter(filter: LeadFilter): { statuses: BusinessStatusValue[]; regionCodes: string[]; all: boolean } {
  return { statuses: [...effectiveStatuses(filter)], regionCodes: [...(filter.regionCodes ?? [])], all: filter.all === true };
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
