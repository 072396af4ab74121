import { requirePartnerKeyOf } from "@/server/access/partner-key-guard.ts";
import { lookupPartnerStatus } from "@/server/balikan/lookup-partner-status.ts";
import { answerApiRequest } from "@/server/http/api-problem.ts";

// Reads the database and the request on every call.
export const dynamic = "force-dynamic";

/**
 * POST /api/v1/partners/{partner}/status (`ahu` or `kemnaker`): a partner looks up the JKN status
 * BPJS returns to it, by NPWP and by NIK (AHU's notaries, Kemnaker's workers). The segment is
 * named `source` only because it shares the folder with `/records`; here it is the partner, and
 * it must be the key's.
 */
export async function POST(request: Request, { params }: { params: Promise<{ source: string }> }): Promise<Response> {
  return answerApiRequest(request, async () => {
    const { source: partner } = await params;
    const caller = await requirePartnerKeyOf(request, partner);
    return lookupPartnerStatus(caller, request);
  });
}
