import { requirePartnerKey } from "@/server/access/partner-key-guard.ts";
import { answerApiRequest } from "@/server/http/api-problem.ts";
import { getPartnerBatch } from "@/server/partners/get-partner-batch.ts";

// Reads the database on every call.
export const dynamic = "force-dynamic";

/**
 * GET /api/v1/partners/{source}/records/{jobId}: the status of a batch the partner pushed (the
 * Location of its 202 answer). The same key guard, rate limit and audit as pushing.
 */
export async function GET(request: Request, { params }: { params: Promise<{ source: string; jobId: string }> }): Promise<Response> {
  return answerApiRequest(request, async () => {
    const { source, jobId } = await params;
    const caller = await requirePartnerKey(request, source, "partner_api.batch_status");
    return getPartnerBatch(caller, jobId);
  });
}
