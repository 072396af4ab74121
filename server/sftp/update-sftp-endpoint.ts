import "server-only";
import { updateSftpEndpointSchema, type UpdateSftpEndpointInput } from "@/lib/sftp.ts";
import { appendAuditEvent, type AuditActor } from "@/server/audit/append-audit-event.ts";
import { db } from "@/server/db/client.ts";
import { DomainError } from "@/server/errors.ts";
import type { RequestContext } from "@/server/http/request-context.ts";
import { submittedAuthSecret } from "./endpoint-auth-secret.ts";
import { openAuthSecret, sealAuthSecret, sealZipPassword } from "./endpoint-secrets.ts";
import { sftpEndpointDtoSelect, toSftpEndpointDto, type SftpEndpointDto } from "./sftp-endpoint-dto.ts";

export interface UpdateSftpEndpointOptions {
  input: UpdateSftpEndpointInput;
  actor: AuditActor;
  context: RequestContext;
}

const PLAIN_FIELDS = ["name", "host", "port", "username", "authKind", "hostKeySha256", "remoteDir", "filePattern", "source", "periodOverride", "pullSchedule"] as const;

/**
 * Saves an endpoint's settings. Secrets left blank keep their stored value; switching between
 * password and key needs the new secret. Any change counts as "settings changed", so files the
 * old settings got refused are tried again at the next pull.
 */
export async function updateSftpEndpoint({ input, actor, context }: UpdateSftpEndpointOptions): Promise<SftpEndpointDto> {
  const data = updateSftpEndpointSchema.parse(input);
  return db.$transaction(async (tx) => {
    const existing = await tx.sftpEndpoint.findUnique({ where: { id: data.endpointId } });
    if (!existing) throw new DomainError("Sumber SFTP tidak ditemukan.");
    if (data.name !== existing.name && (await tx.sftpEndpoint.findUnique({ where: { name: data.name }, select: { id: true } }))) {
      throw new DomainError(`Nama "${data.name}" sudah dipakai sumber SFTP lain.`, "name");
    }

    const sameKind = data.authKind === existing.authKind;
    // Only opened when a passphrase alone is re-submitted for the stored key.
    const stored = sameKind && data.authKind === "KEY" && !data.privateKey && data.passphrase ? openAuthSecret(existing.id, existing.secret) : null;
    const secret = submittedAuthSecret(data, stored);
    if (!secret && !sameKind) {
      throw new DomainError(
        data.authKind === "KEY" ? "Isikan kunci privat untuk beralih ke masuk dengan kunci." : "Isikan kata sandi untuk beralih ke masuk dengan kata sandi.",
        data.authKind === "KEY" ? "privateKey" : "password",
      );
    }
    const zipPassword = data.clearZipPassword ? null : data.zipPassword ? sealZipPassword(existing.id, data.zipPassword) : existing.zipPassword;

    const changed: string[] = PLAIN_FIELDS.filter((field) => data[field] !== existing[field]);
    if (secret) changed.push(data.authKind === "KEY" ? "privateKey" : "password");
    if (zipPassword !== existing.zipPassword) changed.push("zipPassword");
    if (changed.length === 0) return toSftpEndpointDto({ ...existing, zipPassword: existing.zipPassword });

    const endpoint = await tx.sftpEndpoint.update({
      where: { id: existing.id },
      data: {
        name: data.name,
        host: data.host,
        port: data.port,
        username: data.username,
        authKind: data.authKind,
        secret: secret ? sealAuthSecret(existing.id, secret) : existing.secret,
        hostKeySha256: data.hostKeySha256,
        remoteDir: data.remoteDir,
        filePattern: data.filePattern,
        source: data.source,
        zipPassword,
        periodOverride: data.periodOverride,
        pullSchedule: data.pullSchedule,
        updatedById: actor.id,
        updatedByUsername: actor.username,
        updatedAt: new Date(),
      },
      select: sftpEndpointDtoSelect,
    });
    await appendAuditEvent(tx, {
      action: "sftp.endpoint_update",
      actor,
      objectType: "sftp_endpoint",
      objectId: existing.id,
      // Names of changed fields; values only for what is not a secret.
      details: {
        name: data.name,
        changed,
        ...(changed.includes("host") && { host: { from: existing.host, to: data.host } }),
        ...(changed.includes("hostKeySha256") && { hostKeySha256: { from: existing.hostKeySha256, to: data.hostKeySha256 } }),
        ...(changed.includes("source") && { source: { from: existing.source, to: data.source } }),
      },
      context,
    });
    return toSftpEndpointDto(endpoint);
  });
}
