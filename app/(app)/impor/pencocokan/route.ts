import { requirePermission } from "@/server/access/guard.ts";
import { findMatchRuns } from "@/server/matching/find-match-runs.ts";

export const dynamic = "force-dynamic";

/** GET /impor/pencocokan: the recent entity-resolution runs, newest first, as JSON (no personal data). */
export async function GET(): Promise<Response> {
  await requirePermission("imports.manage");
  return Response.json({ runs: await findMatchRuns() }, { headers: { "Cache-Control": "no-store" } });
}
