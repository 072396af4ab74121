import "server-only";
import { appendAuditEvent, type AuditActor, type AuditEventInput } from "@/server/audit/append-audit-event.ts";
import { db } from "@/server/db/client.ts";
import type { ImportChannel, ImportJobStatus } from "@/server/db/generated/enums.ts";

// Progress is written at most this often: frequent enough for a live progress bar, rare enough
// not to slow a million-row import.
const PROGRESS_INTERVAL_MS = 1_000;

export async function createImportJob(input: {
  source: string;
  period: string;
  channel: ImportChannel;
  /** Null for API calls, which send no file. */
  fileName: string | null;
  actor: AuditActor;
}): Promise<string> {
  const job = await db.importJob.create({
    data: {
      source: input.source,
      period: input.period,
      channel: input.channel,
      fileName: input.fileName,
      actorId: input.actor.id,
      actorUsername: input.actor.username,
      phase: "memeriksa berkas",
    },
    select: { id: true },
  });
  return job.id;
}

/** Records how a job ended, with the audit event saying so when given: both or neither. */
export async function finishImportJob(
  id: string,
  outcome: { status: ImportJobStatus; batchId?: string; fileSha256?: string; message?: string },
  audit?: AuditEventInput,
): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.importJob.update({
      where: { id },
      data: {
        status: outcome.status,
        batchId: outcome.batchId,
        fileSha256: outcome.fileSha256,
        message: outcome.message?.slice(0, 1000),
        phase: outcome.status === "SUCCEEDED" ? "selesai" : "berhenti",
        finishedAt: new Date(),
      },
    });
    if (audit) await appendAuditEvent(tx, audit);
  });
}

/** Throttled progress updates of one job; never lets a progress write fail the import. */
export function progressReporter(jobId: string, bytesTotal: number) {
  let last = 0;
  let bytesRead = 0;
  let rowsRead = 0;
  const flush = () => {
    const now = Date.now();
    if (now - last < PROGRESS_INTERVAL_MS) return;
    last = now;
    void db.importJob
      .update({ where: { id: jobId }, data: { bytesRead: BigInt(bytesRead), bytesTotal: BigInt(bytesTotal), rowsRead } })
      .catch(() => undefined);
  };
  return {
    bytes(read: number, total?: number) {
      bytesRead = read;
      if (total) bytesTotal = total;
      flush();
    },
    rows(count: number) {
      rowsRead = count;
      flush();
    },
    async phase(phase: string) {
      last = Date.now();
      await db.importJob
        .update({ where: { id: jobId }, data: { phase, bytesRead: BigInt(bytesRead), bytesTotal: BigInt(bytesTotal), rowsRead } })
        .catch(() => undefined);
    },
  };
}
