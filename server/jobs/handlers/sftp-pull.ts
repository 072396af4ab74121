import "server-only";
import { enqueueMatchAfterImport } from "@/server/matching/enqueue-match-run.ts";
import { notifyImportOutcome } from "@/server/notifications/notify-import-outcome.ts";
import { pullSftpEndpoint } from "@/server/sftp/pull-sftp-endpoint.ts";
import { SYSTEM_CONTEXT } from "../job-context.ts";
import { defineJobHandler } from "./job-handler.ts";

/**
 * Pulls one SFTP endpoint's new files and imports them (pullSftpEndpoint audits it as
 * `sftp.pull`), then queues the match of each new batch. An unreachable server fails the job so
 * the queue tries again later; broken files are recorded per file and do not.
 */
export const sftpPullJob = defineJobHandler("sftp-pull", {
  async run(data) {
    const pull = await pullSftpEndpoint({ endpointId: data.endpointId, actor: data.actor, context: data.context ?? SYSTEM_CONTEXT });
    for (const file of pull.files) {
      if (file.outcome === "imported" && file.batchId) await enqueueMatchAfterImport({ batchId: file.batchId, actor: data.actor });
      if (file.outcome === "imported" || file.outcome === "refused" || file.outcome === "failed") {
        await notifyImportOutcome({
          key: `sftp:${pull.endpointId}:${file.remotePath}:${file.sha256 ?? file.mtime.toISOString()}`,
          source: pull.source,
          period: file.period ?? "",
          fileName: file.name,
          actor: data.actor,
          failure: file.outcome === "imported" ? null : (file.message ?? "Berkas tidak dapat diimpor."),
          accepted: file.accepted,
          rejected: file.rejected,
        });
      }
    }
    if (pull.status === "failed") throw new SftpUnreachableError(pull.message ?? "Penarikan gagal.");
    return { endpoint: pull.endpointName, counts: pull.counts };
  },
});

/** The server could not be reached or refused the connection: worth another try later. */
class SftpUnreachableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SftpUnreachableError";
  }
}

