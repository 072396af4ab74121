import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { requirePermission } from "@/server/access/guard.ts";
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
    return new Response("Laporan penolakan tidak ditemukan: batch ini tidak memiliki baris yang ditolak atau diberi peringatan.", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  const body = Readable.toWeb(createReadStream(/*turbopackIgnore: true*/ report.path)) as ReadableStream<Uint8Array>;
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${report.filename}"`,
      "Content-Length": String(report.size),
      "Cache-Control": "no-store",
      "X-Content-SHA256": report.sha256,
    },
  });
}
