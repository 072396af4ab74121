import type { NextRequest } from "next/server";
import { parseAuditFilter } from "@/lib/audit-filter.ts";
import { requirePermission } from "@/server/access/guard.ts";
import { exportAuditEvents } from "@/server/audit/export-audit-events.ts";

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
  return new Response(file.body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${file.filename}"`,
      "Content-Length": String(file.body.byteLength),
      "Cache-Control": "no-store",
      "X-Content-SHA256": file.sha256,
      "X-Jangkau-Rows": String(file.rowCount),
      "X-Jangkau-Truncated": String(file.truncated),
    },
  });
}
