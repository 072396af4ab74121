import type { NextRequest } from "next/server";
import { isChartId, parseDashboardQuery } from "@/lib/dashboard/coverage.ts";
import { requirePermission } from "@/server/access/guard.ts";
import { exportDashboardChart } from "@/server/dashboard/export-dashboard-chart.ts";
import { csvDownloadResponse } from "@/server/exports/csv.ts";
import { plainTextResponse } from "@/server/http/download-response.ts";

// Reads the session and the database on every request.
export const dynamic = "force-dynamic";

/**
 * GET /dasbor/unduh?grafik=<chart>&wilayah=<code>[&ukuran=tenaga-kerja]: the table beside one
 * chart of the coverage dashboard as CSV (server/dashboard/export-dashboard-chart.ts). A region outside the caller's
 * scope is "not found", exactly like the page.
 */
export async function GET(request: NextRequest): Promise<Response> {
  const { scope, auditActor, context } = await requirePermission("dashboard.read");
  const chart = request.nextUrl.searchParams.get("grafik");
  if (!isChartId(chart)) return plainTextResponse(400, "Grafik tidak dikenal.");
  const { wilayah, ukuran } = parseDashboardQuery(request.nextUrl.searchParams);
  const file = await exportDashboardChart({ chart, wilayah, measure: ukuran, scope, actor: auditActor, context });
  if (!file) return plainTextResponse(404, "Wilayah atau data grafik tidak ditemukan.");
  return csvDownloadResponse(file, { "X-Jangkau-Rows": String(file.rows) });
}
