import "server-only";
import { ApiProblem } from "./api-problem.ts";
import { formatCount } from "@/lib/format.ts";

/**
 * The request body as bytes, refused with 413 as soon as it passes `maxBytes` — by its declared
 * Content-Length before anything is read, otherwise while reading — so an oversized body never
 * sits in memory whole.
 */
export async function readLimitedBody(request: Request, maxBytes: number): Promise<Uint8Array> {
  const tooLarge = () =>
    new ApiProblem(413, "body_too_large", "Badan permintaan terlalu besar", `Badan permintaan melebihi ${formatCount(maxBytes)} byte.`, {
      extensions: { maxBytes },
    });
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  if (!request.body) return new Uint8Array(0);

  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = request.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  return Buffer.concat(chunks, total);
}
