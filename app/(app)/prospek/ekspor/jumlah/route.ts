import type { NextRequest } from "next/server";
import { parseLeadListState } from "@/lib/leads/lead-url-state.ts";
import { requirePermission } from "@/server/access/guard.ts";
import { countLeadExport } from "@/server/leads/count-lead-export.ts";
import { leadExportMaxRows } from "@/server/leads/export-limits.ts";
import { leadSearchAuditView } from "@/server/leads/lead-search-audit.ts";

// Reads the session and the database on every request.
export const dynamic = "force-dynamic";

/**
 * GET /prospek/ekspor/jumlah?<the lead list's filter>: `{ rows, overCap, maxRows }` — how many
 * rows an export would hold, counted up to the caller's cap, for the export dialog.
 */
export async function GET(request: NextRequest): Promise<Response> {
  const { filter } = parseLeadListState(request.nextUrl.searchParams);
  const { actor, scope } = await requirePermission("leads.export", { auditView: leadSearchAuditView(filter) });
  const count = await countLeadExport({ filter, scope, actorId: actor.userId, maxRows: leadExportMaxRows(actor.role) });
  return Response.json(count, { headers: { "Cache-Control": "no-store" } });
}
