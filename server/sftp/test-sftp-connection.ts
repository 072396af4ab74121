import "server-only";
import { matchesFilePattern, sftpEndpointIdSchema, type SftpConnectionTestResult } from "@/lib/sftp.ts";

export type { SftpConnectionTestResult } from "@/lib/sftp.ts";
import { recordAuditEvent, type AuditActor } from "@/server/audit/append-audit-event.ts";
import { db } from "@/server/db/client.ts";
import { DomainError } from "@/server/errors.ts";
import type { RequestContext } from "@/server/http/request-context.ts";
import { sftpTargetOf } from "./load-sftp-target.ts";
import { connectSftp, listRemoteFiles, SftpConnectionError } from "./sftp-connection.ts";

export interface TestSftpConnectionOptions {
  input: { endpointId: string };
  actor: AuditActor;
  context: RequestContext;
}


/** Connects, reads the remote folder and reports what a pull would see; downloads nothing. */
export async function testSftpConnection({ input, actor, context }: TestSftpConnectionOptions): Promise<SftpConnectionTestResult> {
  const { endpointId } = sftpEndpointIdSchema.parse(input);
  const endpoint = await db.sftpEndpoint.findUnique({ where: { id: endpointId } });
  if (!endpoint) throw new DomainError("Sumber SFTP tidak ditemukan.");
  const audit = { action: "sftp.test" as const, actor, objectType: "sftp_endpoint", objectId: endpoint.id, context };

  let result: SftpConnectionTestResult;
  try {
    const connection = await connectSftp(sftpTargetOf(endpoint).target);
    try {
      const files = await listRemoteFiles(connection, endpoint.remoteDir);
      const matching = files.filter((file) => matchesFilePattern(file.name, endpoint.filePattern));
      result = {
        ok: true,
        message: `Terhubung ke ${endpoint.host}:${endpoint.port}. Folder "${endpoint.remoteDir}" berisi ${files.length} berkas; ${matching.length} cocok dengan pola ${endpoint.filePattern}.`,
        hostKeySha256: connection.hostKeySha256,
        hostKeyPinned: endpoint.hostKeySha256 !== null,
        files: files.length,
        matchingFiles: matching.length,
        sampleNames: matching.slice(-5).map((file) => file.name),
      };
    } finally {
      await connection.end();
    }
  } catch (error) {
    if (!(error instanceof SftpConnectionError)) throw error;
    await recordAuditEvent({ ...audit, outcome: "FAILURE", reason: error.code, details: { name: endpoint.name, presentedHostKey: error.presentedHostKey } });
    return {
      ok: false,
      message: error.message,
      hostKeySha256: error.presentedHostKey,
      hostKeyPinned: endpoint.hostKeySha256 !== null,
      files: null,
      matchingFiles: null,
      sampleNames: [],
    };
  }
  await recordAuditEvent({ ...audit, details: { name: endpoint.name, hostKeySha256: result.hostKeySha256, matchingFiles: result.matchingFiles } });
  return result;
}
