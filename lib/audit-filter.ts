import { z } from "zod";
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, type AuditAction } from "./audit-actions.ts";

/**
 * The audit page's state lives in the URL, so a link reproduces the view: this one schema parses it for the
 * page, the CSV export and the `audit.view` record alike. Every field falls back to "not set"
 * (`.catch()`), so a mangled or hand-edited link still opens a page instead of an error.
 */

/** Search-parameter names as users see them in the address bar. */
export const AUDIT_FILTER_PARAMS = {
  actor: "pelaku",
  action: "aksi",
  objectType: "objek",
  objectId: "id_objek",
  outcome: "hasil",
  from: "dari",
  to: "sampai",
  before: "sebelum",
} as const;

export type AuditFilterKey = keyof typeof AUDIT_FILTER_PARAMS;

const AUDIT_ACTION_CODES = Object.keys(AUDIT_ACTIONS) as [AuditAction, ...AuditAction[]];

/** A calendar date `yyyy-mm-dd` that exists (no 2025-02-30). */
const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((value) => {
    const [y, m, d] = value.split("-").map(Number) as [number, number, number];
    const date = new Date(Date.UTC(y, m - 1, d));
    return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  });

/** One URL parameter: the first value if repeated, trimmed, empty meaning "not set", invalid meaning "not set". */
function param<T extends z.ZodType>(schema: T) {
  return z
    .preprocess((value) => {
      const first: unknown = Array.isArray(value) ? value[0] : value;
      if (typeof first !== "string") return undefined;
      const trimmed = first.trim();
      return trimmed === "" ? undefined : trimmed;
    }, schema.optional())
    .catch(undefined);
}

export const auditFilterSchema = z.object({
  /** Part of the actor's user name, any case. */
  actor: param(z.string().max(100)),
  action: param(z.enum(AUDIT_ACTION_CODES)),
  objectType: param(z.string().max(50)),
  objectId: param(z.string().max(200)),
  outcome: param(z.enum(AUDIT_OUTCOMES)),
  /** First day shown, an Asia/Jakarta calendar day. */
  from: param(isoDateSchema),
  /** Last day shown (inclusive), an Asia/Jakarta calendar day. */
  to: param(isoDateSchema),
  /** Keyset pagination: only events with an id below this one. 18 digits keeps it inside bigint. */
  before: param(z.string().regex(/^[1-9]\d{0,17}$/)),
});

export type AuditFilter = z.output<typeof auditFilterSchema>;

type SearchParamsLike = URLSearchParams | Record<string, string | string[] | undefined>;

/** Reads the filter from a page's `searchParams` or a request's `URLSearchParams`. */
export function parseAuditFilter(source: SearchParamsLike): AuditFilter {
  const read = (name: string) => (source instanceof URLSearchParams ? source.getAll(name) : source[name]);
  const raw = Object.fromEntries(
    (Object.entries(AUDIT_FILTER_PARAMS) as [AuditFilterKey, string][]).map(([key, name]) => [key, read(name)]),
  );
  return auditFilterSchema.parse(raw);
}

/**
 * The search parameters that reproduce `filter`, only the set ones, in a stable order.
 * `before: null` drops the page position (filter links, the export link).
 */
export function auditFilterSearchParams(filter: AuditFilter, overrides: { before?: string | null } = {}): URLSearchParams {
  const merged: AuditFilter = { ...filter, ...("before" in overrides ? { before: overrides.before ?? undefined } : {}) };
  const params = new URLSearchParams();
  for (const [key, name] of Object.entries(AUDIT_FILTER_PARAMS) as [AuditFilterKey, string][]) {
    const value = merged[key];
    if (value !== undefined) params.set(name, value);
  }
  return params;
}

/** The filter without the page position and unset fields: what `audit.view` and `audit.export` record. */
export function describeAuditFilter(filter: AuditFilter): Partial<Omit<AuditFilter, "before">> {
  return Object.fromEntries(Object.entries(filter).filter(([key, value]) => key !== "before" && value !== undefined));
}

/** True when no criterion narrows the events (the page position does not count). */
export function isAuditFilterEmpty(filter: AuditFilter): boolean {
  return Object.keys(describeAuditFilter(filter)).length === 0;
}

// Asia/Jakarta (WIB) is UTC+7 all year: Indonesia has kept no daylight saving time since 1964.
const JAKARTA_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Midnight at the start of an Asia/Jakarta calendar day, as an instant. */
export function startOfJakartaDay(isoDate: string): Date {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) - JAKARTA_OFFSET_MS);
}

/**
 * The instants the date filter covers: from the start of `from` up to (not including) the start
 * of the day after `to`, both read as Asia/Jakarta days. Events are stored in UTC.
 */
export function auditDateRange(filter: Pick<AuditFilter, "from" | "to">): { gte?: Date; lt?: Date } {
  return {
    ...(filter.from && { gte: startOfJakartaDay(filter.from) }),
    ...(filter.to && { lt: new Date(startOfJakartaDay(filter.to).getTime() + DAY_MS) }),
  };
}

/** The Asia/Jakarta calendar date of an instant, `yyyy-mm-dd` (file names, date inputs). */
export function jakartaIsoDate(instant: Date): string {
  return new Date(instant.getTime() + JAKARTA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The Asia/Jakarta wall-clock time of an instant, `yyyy-mm-dd hh:mm:ss`: sortable, and read as a date by spreadsheets. */
export function jakartaIsoDateTime(instant: Date): string {
  const local = new Date(instant.getTime() + JAKARTA_OFFSET_MS).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 19)}`;
}
