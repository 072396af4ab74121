import { getHealth } from "@/server/health/get-health.ts";

export const dynamic = "force-dynamic";

/**
 * GET /api/health: for a load balancer and monitoring, without a session. 200 while this
 * instance's database answers, 503 when it does not; the body says why (server/health).
 */
export async function GET(): Promise<Response> {
  const health = await getHealth();
  return Response.json(health, { status: health.status === "ok" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
