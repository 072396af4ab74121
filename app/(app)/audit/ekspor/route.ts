import type { NextRequest } from "next/server";
import { parseAuditFilter } from "@/lib/audit-filter.ts";
import { requirePermission } from "@/server/access/guard.ts";
import { exportAuditEvents } from "@/server/audit/export-audit-events.ts";
import { csvDownloadResponse } from "@/server/exports/csv.ts";

// Reads the session and the database on every request.
export const dynamic = "force-dynamic";

/**
 * GET /audit/ekspor?<the audit page's filters>: the filtered trail as CSV (see
 * server/audit/export-audit-events.ts for the cap, the formula guard and the audit record).
 */
export async function GET(request: NextRequest): Promise<Response> {
  const { auditActor, context } = await requirePermission("audit.export");
  const filter = parseAuditFilter(request.nextUrl.searchParams);
  const file = await exportAuditEvents({ filter, actor: auditActor, context });
  return csvDownloadResponse(file, { "X-Jangkau-Rows": String(file.rowCount), "X-Jangkau-Truncated": String(file.truncated) });
}
