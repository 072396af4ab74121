import { requirePermission } from "@/server/access/guard.ts";
import { plainTextResponse, storedFileResponse } from "@/server/http/download-response.ts";
import { downloadRejectReport } from "@/server/ingest/download-reject-report.ts";

export const dynamic = "force-dynamic";

/**
 * GET /impor/laporan/<batchId>: the batch's reject report (CSV, UTF-8 with BOM), streamed from
 * the storage folder. The download is audited (`import.report_download`) before it starts.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ batchId: string }> }): Promise<Response> {
  const { auditActor, context } = await requirePermission("imports.manage");
  const report = await downloadRejectReport({ batchId: (await params).batchId, actor: auditActor, context });
  if (!report) {
    return plainTextResponse(404, "Laporan penolakan tidak ditemukan: batch ini tidak memiliki baris yang ditolak atau diberi peringatan.");
  }
  return storedFileResponse({ ...report, fileName: report.filename, contentType: "text/csv; charset=utf-8" });
}
