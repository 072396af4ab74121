import { requirePermission } from "@/server/access/guard.ts";
import { findJobs } from "@/server/jobs/find-jobs.ts";

export const dynamic = "force-dynamic";

/** GET /impor/pekerjaan: the latest background jobs, newest first, as JSON (no payloads, no personal data). */
export async function GET(): Promise<Response> {
  await requirePermission("imports.manage");
  return Response.json({ jobs: await findJobs() }, { headers: { "Cache-Control": "no-store" } });
}
