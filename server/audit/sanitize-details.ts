import "server-only";
import { containsPersonalValue, maskPersonalText } from "@/lib/personal-data.ts";

/**
 * Audit details carry filters, counts and hashes — never a NIK, phone number or email value
 * (UU 27/2022: the audit trail must not become a second copy of personal data). Values that
 * look like one (lib/personal-data.ts, the one rule) are replaced, and keys that name one are
 * dropped to a marker.
 */
const REDACTED = "[disamarkan]";
const PERSONAL_KEYS = /^(nik|no_?ktp|ktp|phone|telepon|telp|hp|no_?hp|mobile|email|e_?mail|password|kata_?sandi|passport|paspor|kitas|niora)$/i;
export function sanitizeAuditDetails(value: unknown, key = ""): unknown {
  if (key && PERSONAL_KEYS.test(key.replace(/[\s-]/g, "_"))) return REDACTED;
  if (typeof value === "string") {
    return containsPersonalValue(value) ? REDACTED : value;
  }
  if (typeof value === "number" || typeof value === "bigint") {
    return sanitizeAuditDetails(String(value)) === REDACTED ? REDACTED : value;
  }
  if (Array.isArray(value)) return value.map((item) => sanitizeAuditDetails(item));
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, sanitizeAuditDetails(v, k)]),
    );
  }
  return value;
}

/**
 * A free-text audit column (object id, reason, user agent, request id) as it may be stored:
 * personal-shaped runs masked, and a URL's query string dropped — a path with `?cari=…` names
 * what was searched for, and the audit trail is hash-chained, so nothing in it can be cleaned
 * later.
 */
export function sanitizeAuditText(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const withoutQuery = value.startsWith("/") ? value.replace(/[?#].*$/s, "") : value;
  return maskPersonalText(withoutQuery);
}
