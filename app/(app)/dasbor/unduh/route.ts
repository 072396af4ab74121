import type { NextRequest } from "next/server";
import { isChartId, parseDashboardQuery } from "@/lib/dashboard/coverage.ts";
import { requirePermission } from "@/server/access/guard.ts";
import { exportDashboardChart } from "@/server/dashboard/export-dashboard-chart.ts";
import { csvDownloadResponse } from "@/server/exports/csv.ts";

// Reads the session and the database on every request.
export const dynamic = "force-dynamic";

/**
 * GET /dasbor/unduh?grafik=<chart>&wilayah=<code>: the table beside one chart of the coverage
 * dashboard as CSV (server/dashboard/export-dashboard-chart.ts). A region outside the caller's
 * scope is "not found", exactly like the page.
 */
export async function GET(request: NextRequest): Promise<Response> {
  const { scope, auditActor, context } = await requirePermission("dashboard.read");
  const chart = request.nextUrl.searchParams.get("grafik");
  if (!isChartId(chart)) return new Response("Grafik tidak dikenal.", { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const { wilayah } = parseDashboardQuery(request.nextUrl.searchParams);
  const file = await exportDashboardChart({ chart, wilayah, scope, actor: auditActor, context });
  if (!file) return new Response("Wilayah atau data grafik tidak ditemukan.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return csvDownloadResponse(file, { "X-Jangkau-Rows": String(file.rows) });
}
