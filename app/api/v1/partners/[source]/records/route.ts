import { requirePartnerKey } from "@/server/access/partner-key-guard.ts";
import { answerApiRequest } from "@/server/http/api-problem.ts";
import { receivePartnerRecords } from "@/server/partners/receive-partner-records.ts";

// Reads the database and the request on every call.
export const dynamic = "force-dynamic";

/**
 * POST /api/v1/partners/{source}/records: a partner pushes a batch of records with its API key
 * (described in /api/v1/openapi.json). No session: the partner key guard is this door's guard.
 */
export async function POST(request: Request, { params }: { params: Promise<{ source: string }> }): Promise<Response> {
  return answerApiRequest(request, async () => {
    const { source } = await params;
    const caller = await requirePartnerKey(request, source);
    return receivePartnerRecords(caller, request);
  });
}
