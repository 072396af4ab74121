import type { NextRequest } from "next/server";
import { requirePermission } from "@/server/access/guard.ts";
import { countLeadExport } from "@/server/leads/count-lead-export.ts";
import { leadExportMaxRows } from "@/server/leads/export-limits.ts";
import { plainTextResponse } from "@/server/http/download-response.ts";
import { resolveLeadExportState } from "@/server/leads/lead-export-filter.ts";

// Reads the session and the database on every request.
export const dynamic = "force-dynamic";

/**
 * GET /prospek/ekspor/jumlah?<the lead list's filter, or `pilihan=<ids>`>: `{ rows, overCap, maxRows }`
 * — how many rows an export would hold, counted up to the caller's cap, for the export dialog.
 */
export async function GET(request: NextRequest): Promise<Response> {
  const authorized = await requirePermission("leads.export");
  const { actor, scope } = authorized;
  const resolved = await resolveLeadExportState(request.nextUrl.searchParams, authorized);
  if (!resolved.ok) return plainTextResponse(400, resolved.message);
  const count = await countLeadExport({ filter: resolved.state.filter, scope, actorId: actor.userId, maxRows: leadExportMaxRows(actor.role) });
  return Response.json(count, { headers: { "Cache-Control": "no-store" } });
}
