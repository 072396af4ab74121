import type { NextRequest } from "next/server";
import { MONEV_FORMATS, MONEV_PARAMS, monevRequestSchema, type MonevFormat } from "@/lib/monev.ts";
import { requirePermission } from "@/server/access/guard.ts";
import { fileDownloadResponse, plainTextResponse } from "@/server/http/download-response.ts";
import { exportMonevReport } from "@/server/reports/export-monev-report.ts";

// Reads the session and the database on every request.
export const dynamic = "force-dynamic";

/**
 * GET /laporan/unduh?mitra=<ahu|kemnaker>&tahun=<YYYY>&format=<pdf|xlsx>: the yearly monev
 * report as a file, inside the caller's regions, audited as an export (report.monev_export).
 */
export async function GET(request: NextRequest): Promise<Response> {
  const { scope, auditActor, context } = await requirePermission("reports.monev");
  const params = request.nextUrl.searchParams;
  const parsed = monevRequestSchema.safeParse({ partner: params.get(MONEV_PARAMS.partner), year: params.get(MONEV_PARAMS.year) });
  const format = params.get(MONEV_PARAMS.format);
  if (!parsed.success) return plainTextResponse(400, parsed.error.issues.map((issue) => issue.message).join(" "));
  if (!MONEV_FORMATS.includes(format as MonevFormat)) return plainTextResponse(400, "Format tidak dikenal: pilih pdf atau xlsx.");
  const { files } = await exportMonevReport({ ...parsed.data, formats: [format as MonevFormat], scope, actor: auditActor, context });
  const file = files[0]!;
  return fileDownloadResponse({ ...file, body: new Uint8Array(file.body) });
}
