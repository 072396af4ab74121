import { requirePermission } from "@/server/access/guard.ts";
import { getImportJob } from "@/server/ingest/get-import-job.ts";

export const dynamic = "force-dynamic";

/** GET /impor/status/<jobId>: one import job's progress and outcome, as JSON (no personal data). */
export async function GET(_request: Request, { params }: { params: Promise<{ jobId: string }> }): Promise<Response> {
  await requirePermission("imports.manage");
  const job = await getImportJob({ jobId: (await params).jobId });
  if (!job) return Response.json({ message: "Impor tidak ditemukan." }, { status: 404, headers: { "Cache-Control": "no-store" } });
  return Response.json(job, { headers: { "Cache-Control": "no-store" } });
}
