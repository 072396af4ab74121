import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { requirePermission } from "@/server/access/guard.ts";
import { downloadBalikan } from "@/server/balikan/download-balikan.ts";

export const dynamic = "force-dynamic";

/**
 * GET /balikan/unduh/<deliveryId>: the delivery's password-protected ZIP, the same bytes as when
 * it was generated (its SHA-256 in `X-Content-SHA256`). Audited (`balikan.download`) before it starts.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ deliveryId: string }> }): Promise<Response> {
  const { auditActor, context } = await requirePermission("balikan.manage");
  const file = await downloadBalikan({ deliveryId: (await params).deliveryId, actor: auditActor, context });
  if (!file) {
    return new Response("Berkas data balikan tidak ditemukan.", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  const body = Readable.toWeb(createReadStream(/*turbopackIgnore: true*/ file.path)) as ReadableStream<Uint8Array>;
  return new Response(body, {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Content-Length": String(file.size),
      "Cache-Control": "no-store",
      "X-Content-SHA256": file.sha256,
    },
  });
}
