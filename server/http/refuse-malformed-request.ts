import "server-only";
import { recordAuditEvent } from "@/server/audit/append-audit-event.ts";
import { ApiProblem, problemResponse } from "./api-problem.ts";
import { requestContextFrom } from "./request-context.ts";
import { TokenBuckets } from "./token-bucket.ts";

/**
 * Set by the serving layer (scripts/next-server.mjs) on a request it found malformed, after
 * removing any copy a client sent; the request is then routed here instead of to its path.
 */
export const MALFORMED_REASON_HEADER = "x-jangkau-malformed";
export const MALFORMED_PATH_HEADER = "x-jangkau-malformed-path";

const REASONS = {
  path_encoding: "Alamat (URL) berisi kode persen yang tidak sah.",
  path_nul: "Alamat (URL) berisi karakter NUL.",
  router_state: "Header Next-Router-State-Tree tidak dapat dibaca.",
} as const;
type MalformedReason = keyof typeof REASONS;

/**
 * Each record is a write under the audit chain's lock, and malformed requests cost nothing to
 * send: per client address, bursts of 20 and 10 a minute are recorded, then one record says the
 * rest were not (the same budget as failed partner-API authentication). All are still refused.
 */
export const malformedRequestBuckets = new TokenBuckets({ limiter: "malformed_request", capacity: 20, perMinute: 10 });

const isReason = (value: string | null): value is MalformedReason => value !== null && Object.hasOwn(REASONS, value);

/**
 * Answers a request the serving layer refused: 400 (problem+json under /api/, a short page
 * elsewhere), audited as `request.malformed` with the reason and the path already made
 * printable there (within the per-address budget above). Asked for directly, without the serving layer's mark, this route does not exist.
 */
export async function refuseMalformedRequest(request: Request): Promise<Response> {
  const reason = request.headers.get(MALFORMED_REASON_HEADER);
  if (!isReason(reason)) return new Response("Halaman tidak ditemukan.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const path = (request.headers.get(MALFORMED_PATH_HEADER) ?? "").slice(0, 210);
  const context = requestContextFrom(request.headers);
  const limited = await malformedRequestBuckets.take(`ip:${context.ip ?? "unknown"}`);
  if (limited.allowed || limited.firstDenial) {
    await recordAuditEvent({
      action: "request.malformed",
      outcome: "DENIED",
      actor: null,
      reason: limited.allowed ? reason : `${reason}_rate_limited`,
      context,
      details: { path, method: request.method },
    });
  }

  const detail = `${REASONS[reason]} Periksa alamat yang dibuka, atau muat ulang halaman.`;
  if (path.startsWith("/api/")) return problemResponse(new ApiProblem(400, "malformed_request", "Permintaan tidak valid", detail), context.requestId);
  const page = `<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>Permintaan tidak valid · Jangkau</title></head>
<body style="font-family:sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem"><p><strong>400 · Permintaan tidak valid</strong></p>
<p>${detail}</p><p><a href="/">Kembali ke beranda</a></p><p style="color:#666;font-size:.8rem">ID permintaan: ${context.requestId}</p></body></html>`;
  return new Response(request.method === "HEAD" ? null : page, {
    status: 400,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", "X-Request-Id": context.requestId ?? "" },
  });
}
