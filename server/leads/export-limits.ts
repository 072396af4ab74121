import "server-only";
import type { Role } from "@/lib/permissions.ts";
import { config, type Config } from "@/server/config.ts";

/**
 * How many rows one web export may hold, per role: `JANGKAU_EXPORT_MAX_ROWS_<ROLE>` (e.g.
 * `JANGKAU_EXPORT_MAX_ROWS_OFFICER=20000`; defaults in server/config.ts: officers 50,000, admins
 * 1,000,000). Officers take follow-up lists of their regions, not the registry; admins may take a
 * national extract; supervisors and auditors do not export today, and a cap keeps a future grant
 * bounded. A filter over the cap is refused (HTTP 422), never cut short: a silently truncated
 * list would look complete.
 */
export function leadExportMaxRows(role: Role, settings: Config = config()): number {
  return settings[`JANGKAU_EXPORT_MAX_ROWS_${role}`];
}
