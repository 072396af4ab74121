import "server-only";
import { BALIKAN_PARTNER_LABELS, isBalikanPartner, isEndpointOfPartner, pushBalikanSchema } from "@/lib/balikan.ts";
import { appendAuditEvent, type AuditActor } from "@/server/audit/append-audit-event.ts";
import { db } from "@/server/db/client.ts";
import { DomainError } from "@/server/errors.ts";
import type { RequestContext } from "@/server/http/request-context.ts";
import { storedFilePath } from "@/server/ingest/storage.ts";
import { sftpTargetOf } from "@/server/sftp/load-sftp-target.ts";
import { connectSftp, SftpConnectionError } from "@/server/sftp/sftp-connection.ts";

export interface PushBalikanResult {
  endpointName: string;
  remotePath: string;
  bytes: number;
}

/**
 * Uploads a delivery's ZIP to its partner's configured SFTP endpoint (Data Balikan → Tujuan
 * SFTP), with the endpoint's credentials and pinned host key, under a temporary name renamed
 * into place once complete and its size checked — the partner never picks up half a file. Every
 * attempt is a balikan_push row and a `balikan.push` audit event (partner, period, rows, hash,
 * endpoint, path, outcome), written together; a failure is reported in words an admin can act on.
 */
export async function pushBalikan(options: { input: { deliveryId: string }; actor: AuditActor; context: RequestContext }): Promise<PushBalikanResult> {
  const { deliveryId } = pushBalikanSchema.parse(options.input);
  const delivery = await db.balikanDelivery.findUnique({ where: { id: deliveryId } });
  if (!delivery) throw new DomainError("Berkas balikan tidak ditemukan.");
  const target = await db.balikanTarget.findUnique({ where: { partner: delivery.partner } });
  if (!target) throw new DomainError("Tujuan SFTP untuk mitra ini belum diatur. Atur di bagian Tujuan SFTP terlebih dahulu.");
  const endpoint = await db.sftpEndpoint.findUnique({ where: { id: target.endpointId } });
  if (!endpoint) throw new DomainError("Sumber SFTP tujuan sudah tidak ada. Atur ulang Tujuan SFTP.");
  // Deactivating an endpoint (credentials leaked, partner moved servers) stops every use of it.
  if (!endpoint.active) throw new DomainError(`Sumber SFTP tujuan ${endpoint.name} nonaktif; aktifkan dulu atau pilih tujuan lain.`);
  // Checked when the target was set, and again now: the endpoint may have been edited since to
  // serve another partner's source, and one partner's file must never reach another's server.
  if (!isEndpointOfPartner(endpoint.source, delivery.partner)) {
    throw new DomainError(`Sumber SFTP tujuan ${endpoint.name} kini bukan milik ${isBalikanPartner(delivery.partner) ? BALIKAN_PARTNER_LABELS[delivery.partner] : delivery.partner}; atur ulang Tujuan SFTP.`);
  }

  const dir = target.remoteDir.replace(/\/+$/, "") || "/";
  const remotePath = `${dir === "/" ? "" : dir}/${delivery.fileName}`;
  const partial = `${remotePath}.part`;
  const localPath = storedFilePath(delivery.storedFile);
  const record = async (success: boolean, message: string | null) =>
    db.$transaction(async (tx) => {
      await tx.balikanPush.create({
        data: {
          deliveryId,
          endpointId: endpoint.id,
          endpointName: endpoint.name,
          remotePath,
          success,
          message,
          actorId: options.actor.id,
          actorUsername: options.actor.username,
        },
      });
      await appendAuditEvent(tx, {
        action: "balikan.push",
        outcome: success ? "SUCCESS" : "FAILURE",
        reason: success ? undefined : (message ?? undefined),
        actor: options.actor,
        objectType: "balikan_delivery",
        objectId: deliveryId,
        details: {
          partner: delivery.partner,
          period: delivery.period,
          rows: delivery.rows,
          sha256: delivery.sha256,
          endpoint: endpoint.name,
          host: endpoint.host,
          remotePath,
        },
        context: options.context,
      });
    });

  let connection: Awaited<ReturnType<typeof connectSftp>> | null = null;
  try {
    connection = await connectSftp(sftpTargetOf(endpoint).target);
    await connection.client.put(localPath, partial);
    await connection.client.posixRename(partial, remotePath);
    const uploaded = await connection.client.stat(remotePath);
    if (uploaded.size !== Number(delivery.bytes)) {
      throw new DomainError(`Ukuran berkas di server (${uploaded.size} bita) berbeda dengan aslinya (${delivery.bytes} bita).`);
    }
  } catch (error) {
    const message =
      error instanceof SftpConnectionError || error instanceof DomainError
        ? error.message
        : `Unggah ke ${endpoint.host}:${remotePath} gagal: ${(error instanceof Error ? error.message : String(error)).slice(0, 300)}`;
    // The upload's own failure is what the admin must read; a failure to record it is logged.
    await record(false, message).catch((recordError: unknown) => console.error(`[balikan] pengiriman gagal ${deliveryId} tidak tercatat:`, recordError));
    // A server down or a reset connection is worth another try (the job queue retries it); a
    // refusal in the admin's hands (no target, a host key that changed) is not.
    if (error instanceof SftpConnectionError || error instanceof DomainError) throw error;
    throw new Error(message);
  } finally {
    await connection?.end();
  }
  await record(true, null).catch((recordError: unknown) => {
    console.error(`[balikan] pengiriman ${deliveryId} ke ${endpoint.host}:${remotePath} tidak tercatat:`, recordError);
    throw new DomainError(`Berkas terkirim ke ${endpoint.host}:${remotePath}, tetapi pengiriman tidak dapat dicatat. Hubungi pengelola sistem.`);
  });
  return { endpointName: endpoint.name, remotePath, bytes: Number(delivery.bytes) };
}
