import "server-only";
import { stat } from "node:fs/promises";
import { isUuid } from "@/lib/uuid.ts";
import { recordAuditEvent, type AuditActor } from "@/server/audit/append-audit-event.ts";
import { db } from "@/server/db/client.ts";
import type { RequestContext } from "@/server/http/request-context.ts";
import { storedFilePath } from "@/server/ingest/storage.ts";

export interface BalikanDownload {
  path: string;
  fileName: string;
  size: number;
  sha256: string;
}

/**
 * A delivery's ZIP, byte for byte the one generated (same SHA-256; the password is not shown
 * again). The download is audited (`balikan.download`: partner, period, rows, hash) before the
 * caller streams it; null for an unknown id or a file gone from storage.
 */
export async function downloadBalikan(options: { deliveryId: string; actor: AuditActor; context: RequestContext }): Promise<BalikanDownload | null> {
  if (!isUuid(options.deliveryId)) return null;
  const delivery = await db.balikanDelivery.findUnique({ where: { id: options.deliveryId } });
  if (!delivery) return null;
  const path = storedFilePath(delivery.storedFile);
  const size = await stat(path).then((s) => s.size, () => null);
  if (size === null) return null;
  await recordAuditEvent({
    action: "balikan.download",
    actor: options.actor,
    objectType: "balikan_delivery",
    objectId: delivery.id,
    details: { partner: delivery.partner, period: delivery.period, fileName: delivery.fileName, rows: delivery.rows, sha256: delivery.sha256 },
    context: options.context,
  });
  return { path, fileName: delivery.fileName, size, sha256: delivery.sha256 };
}
