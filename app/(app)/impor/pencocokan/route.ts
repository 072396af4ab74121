import { requirePermission } from "@/server/access/guard.ts";
import { failStaleMatchRuns, findMatchRuns } from "@/server/matching/find-match-runs.ts";

export const dynamic = "force-dynamic";

/** GET /impor/pencocokan: the recent entity-resolution runs, newest first, as JSON (no personal data). */
export async function GET(): Promise<Response> {
  await requirePermission("imports.manage");
  // A run whose process died turns failed while the page watches it, not only on reload.
  await failStaleMatchRuns();
  return Response.json({ runs: await findMatchRuns() }, { headers: { "Cache-Control": "no-store" } });
}
