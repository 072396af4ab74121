import "server-only";

/**
 * Audit details carry filters, counts and hashes — never a NIK, phone number or email value
 * (UU 27/2022: the audit trail must not become a second copy of personal data). Values that
 * look like one are replaced, and keys that name one are dropped to a marker.
 */
const REDACTED = "[disamarkan]";
const PERSONAL_KEYS = /^(nik|no_?ktp|ktp|phone|telepon|telp|hp|no_?hp|mobile|email|e_?mail|password|kata_?sandi|passport|paspor|kitas|niora)$/i;
const EMAIL = /[^\s@]+@[^\s@]+\.[^\s@]+/;
// 16-digit NIK (or NIK-form NPWP not starting with 0) and Indonesian phone numbers, standing
// alone: digits inside a hex file hash or an id are not personal data.
const NIK = /(?<![0-9A-Za-z])[1-9]\d{15}(?![0-9A-Za-z])/;
const PHONE = /(?<![0-9A-Za-z.])(?:\+?62|0)8\d{7,12}(?![0-9A-Za-z.])/;

export function sanitizeAuditDetails(value: unknown, key = ""): unknown {
  if (key && PERSONAL_KEYS.test(key.replace(/[\s-]/g, "_"))) return REDACTED;
  if (typeof value === "string") {
    return EMAIL.test(value) || NIK.test(value) || PHONE.test(value.replace(/(?<=\d)[\s-](?=\d)/g, "")) ? REDACTED : value;
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
