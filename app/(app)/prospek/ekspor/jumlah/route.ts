import type { NextRequest } from "next/server";
import { parseLeadListState } from "@/lib/leads/lead-url-state.ts";
import { requirePermission } from "@/server/access/guard.ts";
import { countLeadExport } from "@/server/leads/count-lead-export.ts";
import { leadExportMaxRows } from "@/server/leads/export-limits.ts";
import { plainTextResponse } from "@/server/http/download-response.ts";
import { openLeadSearchFilter } from "@/server/leads/lead-search-audit.ts";
import { EXPIRED_SEARCH_MESSAGE } from "@/server/leads/lead-search-token.ts";

// Reads the session and the database on every request.
export const dynamic = "force-dynamic";

/**
 * GET /prospek/ekspor/jumlah?<the lead list's filter>: `{ rows, overCap, maxRows }` — how many
 * rows an export would hold, counted up to the caller's cap, for the export dialog.
 */
export async function GET(request: NextRequest): Promise<Response> {
  const authorized = await requirePermission("leads.export");
  const { actor, scope } = authorized;
  const { filter, searchExpired } = await openLeadSearchFilter(parseLeadListState(request.nextUrl.searchParams).filter, authorized);
  if (searchExpired) return plainTextResponse(400, EXPIRED_SEARCH_MESSAGE);
  const count = await countLeadExport({ filter, scope, actorId: actor.userId, maxRows: leadExportMaxRows(actor.role) });
  return Response.json(count, { headers: { "Cache-Control": "no-store" } });
}
