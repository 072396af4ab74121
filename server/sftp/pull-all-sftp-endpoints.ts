import "server-only";
import type { AuditActor } from "@/server/audit/append-audit-event.ts";
import { db } from "@/server/db/client.ts";
import { DomainError } from "@/server/errors.ts";
import type { RequestContext } from "@/server/http/request-context.ts";
import { pullSftpEndpoint, type SftpPullResult } from "./pull-sftp-endpoint.ts";

export interface PullAllSftpEndpointsOptions {
  actor: AuditActor;
  context: RequestContext;
  now?: () => Date;
}

/**
 * Pulls every active endpoint in turn (by name). An endpoint that cannot be reached, or is
 * already being pulled, is reported in its result and the others still run.
 */
export async function pullAllSftpEndpoints(options: PullAllSftpEndpointsOptions): Promise<SftpPullResult[]> {
  const endpoints = await db.sftpEndpoint.findMany({ where: { active: true }, select: { id: true, name: true, source: true }, orderBy: { name: "asc" } });
  const results: SftpPullResult[] = [];
  for (const endpoint of endpoints) {
    try {
      results.push(await pullSftpEndpoint({ ...options, endpointId: endpoint.id }));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      results.push({
        endpointId: endpoint.id,
        endpointName: endpoint.name,
        source: endpoint.source,
        status: "failed",
        message: error.message,
        hostKeySha256: null,
        counts: { listed: 0, matched: 0, imported: 0, alreadyImported: 0, skipped: 0, refused: 0, failed: 0 },
        files: [],
      });
    }
  }
  return results;
}
