import type { NextRequest } from "next/server";
import { leadExportFileName, parseLeadExportParams } from "@/lib/leads/lead-export.ts";
import { requirePermission } from "@/server/access/guard.ts";
import { resolveLeadExportState } from "@/server/leads/lead-export-filter.ts";
import { plainTextResponse, streamedFileResponse } from "@/server/http/download-response.ts";
import { TABLE_FILE_CONTENT_TYPES } from "@/server/exports/table-file.ts";
import { leadExportMaxRows } from "@/server/leads/export-limits.ts";
import { LeadExportTooLarge, openLeadExport } from "@/server/leads/export-leads.ts";

// Reads the session and the database on every request.
export const dynamic = "force-dynamic";

/**
 * GET /prospek/ekspor?<the lead list's filter and sort>&format=xlsx|csv-id|csv&kolom_ekspor=<keys>: the
 * leads of the caller's regions the filter selects (or, with `pilihan=<ids>`, the leads picked on
 * the list), streamed as the file is written (see
 * server/leads/export-leads.ts for the snapshot, the masking and the audit record). 422 when the
 * filter holds more rows than the caller's role may export (server/leads/export-limits.ts), 400
 * for an unknown format or column.
 */
export async function GET(request: NextRequest): Promise<Response> {
  const authorized = await requirePermission("leads.export");
  const { actor, scope, auditActor, context } = authorized;
  const params = request.nextUrl.searchParams;
  const exportParams = parseLeadExportParams(params);
  if (!exportParams.ok) return plainTextResponse(400, exportParams.message);
  // The export's own event records the filter; the search itself is audited like the list's.
  const resolved = await resolveLeadExportState(params, authorized);
  if (!resolved.ok) return plainTextResponse(400, resolved.message);
  const { state } = resolved;
  const { format, columns } = exportParams;
  const fileName = leadExportFileName(state.filter, scope.kind === "regions" ? scope.codes : null, format, new Date());

  let opened;
  try {
    opened = await openLeadExport({
      filter: state.filter,
      sort: { sort: state.sort, direction: state.direction },
      scope,
      actorId: actor.userId,
      format,
      columns,
      maxRows: leadExportMaxRows(actor.role),
      actor: auditActor,
      context,
      fileName,
    });
  } catch (error) {
    if (error instanceof LeadExportTooLarge) return plainTextResponse(422, error.message);
    throw error;
  }

  return streamedFileResponse(
    (output) => opened.writeTo(output),
    { fileName, contentType: TABLE_FILE_CONTENT_TYPES[format], requestId: context.requestId, logLabel: "ekspor" },
    opened.rows !== null ? { "X-Jangkau-Rows": String(opened.rows) } : {},
  );
}
