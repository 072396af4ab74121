import type { NextRequest } from "next/server";
import { BUSINESS_ID_PATTERN } from "@/lib/leads/follow-up.ts";
import { isWorkerExportFormat } from "@/lib/leads/worker-status.ts";
import { requirePermission } from "@/server/access/guard.ts";
import { TABLE_FILE_CONTENT_TYPES } from "@/server/exports/table-file.ts";
import { plainTextResponse, streamedFileResponse } from "@/server/http/download-response.ts";
import { openBusinessWorkerExport } from "@/server/leads/export-business-workers.ts";

// Reads the session and the database on every request.
export const dynamic = "force-dynamic";

const NOT_FOUND = "Prospek tidak ditemukan atau belum memiliki data tenaga kerja dari Kemnaker.";

/**
 * GET /prospek/<id>/pekerja/ekspor?format=csv|xlsx: the workers of this one business not
 * registered in JKN under it, NIKs in clear, for the letter to the employer — streamed as it is
 * written and audited with its row count and SHA-256 (server/leads/export-business-workers.ts).
 * A business outside the caller's regions is "not found" (404), like one that does not exist.
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { scope, auditActor, context } = await requirePermission("leads.export");
  const { id } = await params;
  if (!BUSINESS_ID_PATTERN.test(id)) return plainTextResponse(404, NOT_FOUND);
  const format = (request.nextUrl.searchParams.get("format") ?? "csv").trim().toLowerCase();
  if (!isWorkerExportFormat(format)) return plainTextResponse(400, `Format ekspor tidak dikenal: ${format} (pilihan: csv, xlsx)`);

  const opened = await openBusinessWorkerExport({ businessId: BigInt(id), scope, format, actor: auditActor, context });
  if (!opened) return plainTextResponse(404, NOT_FOUND);

  return streamedFileResponse((output) => opened.writeTo(output), {
    fileName: opened.fileName,
    contentType: TABLE_FILE_CONTENT_TYPES[format],
    requestId: context.requestId,
    logLabel: "ekspor pekerja",
  });
}
