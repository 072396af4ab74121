import type { PartnerBatchStatus } from "@/lib/partner-api.ts";

/** One answer of a batch's status URL, however the test asked (route handler, HTTP client). */
export interface StatusReply {
  status: number;
  retryAfter: string | null;
  body: unknown;
}

/**
 * Polls a pushed batch's status URL until it is done or failed, waiting between polls as long as
 * its `Retry-After` says — as a partner's client should: polls share the key's rate limit, and a
 * 429 is waited out the same way.
 */
export async function waitForPartnerBatch(read: () => Promise<StatusReply>, { timeoutMs = 60_000 } = {}): Promise<PartnerBatchStatus> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const reply = await read();
    if (reply.status !== 200 && reply.status !== 429) throw new Error(`Status URL answered ${reply.status}: ${JSON.stringify(reply.body)}`);
    const body = reply.body as PartnerBatchStatus;
    if (reply.status === 200 && (body.status === "done" || body.status === "failed")) return body;
    if (Date.now() > deadline) throw new Error(`Batch not finished after ${timeoutMs} ms: ${JSON.stringify(reply.body)}`);
    const seconds = Number(reply.retryAfter ?? "1");
    await new Promise((resolve) => setTimeout(resolve, (Number.isFinite(seconds) && seconds > 0 ? seconds : 1) * 1000));
  }
}
