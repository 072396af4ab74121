import { requirePermission } from "@/server/access/guard.ts";
import { downloadBalikan } from "@/server/balikan/download-balikan.ts";
import { plainTextResponse, storedFileResponse } from "@/server/http/download-response.ts";

export const dynamic = "force-dynamic";

/**
 * GET /balikan/unduh/<deliveryId>: the delivery's password-protected ZIP, the same bytes as when
 * it was generated (its SHA-256 in `X-Content-SHA256`). Audited (`balikan.download`) before it starts.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ deliveryId: string }> }): Promise<Response> {
  const { auditActor, context } = await requirePermission("balikan.manage");
  const file = await downloadBalikan({ deliveryId: (await params).deliveryId, actor: auditActor, context });
  if (!file) return plainTextResponse(404, "Berkas data balikan tidak ditemukan.");
  return storedFileResponse({ ...file, contentType: "application/zip" });
}
