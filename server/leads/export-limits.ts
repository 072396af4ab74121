import "server-only";
import type { Role } from "@/lib/permissions.ts";

/**
 * How many rows one web export may hold, per role: `JANGKAU_EXPORT_MAX_ROWS_<ROLE>` (e.g.
 * `JANGKAU_EXPORT_MAX_ROWS_OFFICER=20000`). Officers take follow-up lists of their regions, not
 * the registry; admins may take a national extract. A filter over the cap is refused (HTTP 422),
 * never cut short: a silently truncated list would look complete.
 */
export const DEFAULT_EXPORT_MAX_ROWS: Readonly<Record<Role, number>> = {
  OFFICER: 50_000,
  ADMIN: 1_000_000,
  // Neither exports today (no leads.export); a cap keeps a future grant bounded.
  SUPERVISOR: 50_000,
  AUDITOR: 0,
};

export function leadExportMaxRows(role: Role, env: Readonly<Record<string, string | undefined>> = process.env): number {
  const configured = env[`JANGKAU_EXPORT_MAX_ROWS_${role}`]?.trim();
  if (configured) {
    const value = Number(configured.replace(/[._]/g, ""));
    if (Number.isSafeInteger(value) && value >= 0) return value;
    console.warn(`[ekspor] JANGKAU_EXPORT_MAX_ROWS_${role}=${configured} bukan bilangan bulat; memakai ${DEFAULT_EXPORT_MAX_ROWS[role]}`);
  }
  return DEFAULT_EXPORT_MAX_ROWS[role];
}
