import "server-only";
import { randomUUID } from "node:crypto";
import { createSftpEndpointSchema, type CreateSftpEndpointInput } from "@/lib/sftp.ts";
import { appendAuditEvent, type AuditActor } from "@/server/audit/append-audit-event.ts";
import { db } from "@/server/db/client.ts";
import { DomainError } from "@/server/errors.ts";
import type { RequestContext } from "@/server/http/request-context.ts";
import { submittedAuthSecret } from "./endpoint-auth-secret.ts";
import { sealAuthSecret, sealZipPassword } from "./endpoint-secrets.ts";
import { sftpEndpointDtoSelect, toSftpEndpointDto, type SftpEndpointDto } from "./sftp-endpoint-dto.ts";

export interface CreateSftpEndpointOptions {
  input: CreateSftpEndpointInput;
  actor: AuditActor;
  context: RequestContext;
}

export async function createSftpEndpoint({ input, actor, context }: CreateSftpEndpointOptions): Promise<SftpEndpointDto> {
  const data = createSftpEndpointSchema.parse(input);
  const secret = submittedAuthSecret(data);
  if (!secret) throw new DomainError("Kata sandi atau kunci privat wajib diisi.", data.authKind === "KEY" ? "privateKey" : "password");
  // The id is chosen here because the sealed secrets are bound to it.
  const id = randomUUID();
  return db.$transaction(async (tx) => {
    if (await tx.sftpEndpoint.findUnique({ where: { name: data.name }, select: { id: true } })) {
      throw new DomainError(`Nama "${data.name}" sudah dipakai sumber SFTP lain.`, "name");
    }
    const endpoint = await tx.sftpEndpoint.create({
      data: {
        id,
        name: data.name,
        host: data.host,
        port: data.port,
        username: data.username,
        authKind: data.authKind,
        secret: sealAuthSecret(id, secret),
        hostKeySha256: data.hostKeySha256,
        remoteDir: data.remoteDir,
        filePattern: data.filePattern,
        source: data.source,
        zipPassword: data.zipPassword ? sealZipPassword(id, data.zipPassword) : null,
        periodOverride: data.periodOverride,
        pullSchedule: data.pullSchedule,
        createdById: actor.id,
        createdByUsername: actor.username,
        updatedById: actor.id,
        updatedByUsername: actor.username,
      },
      select: sftpEndpointDtoSelect,
    });
    await appendAuditEvent(tx, {
      action: "sftp.endpoint_create",
      actor,
      objectType: "sftp_endpoint",
      objectId: id,
      details: {
        name: data.name,
        host: data.host,
        port: data.port,
        username: data.username,
        authKind: data.authKind,
        hostKeySha256: data.hostKeySha256,
        remoteDir: data.remoteDir,
        filePattern: data.filePattern,
        source: data.source,
        hasZipPassword: Boolean(data.zipPassword),
        periodOverride: data.periodOverride,
        pullSchedule: data.pullSchedule,
      },
      context,
    });
    return toSftpEndpointDto(endpoint);
  });
}
