import "server-only";
import { appendAuditEvent } from "@/server/audit/append-audit-event.ts";
import { db } from "@/server/db/client.ts";
import { workerIsGone } from "@/server/db/liveness-lock.ts";

/**
 * Records as FAILURE the lead exports whose process died mid-file: a `lead.export_start` with no
 * `lead.export` of the same export id, whose liveness lock no process holds any more. Without
 * this the trail would show a file begun and never ended, and an auditor could not tell a
 * download still streaming from one cut off by a restart. Run at every start of the app and the
 * CLI; a second caller at the same moment finds the event already written.
 */

/** Exports older than this are not looked for: no export streams for a month. */
const LOOK_BACK = "30 days";

export const INTERRUPTED_EXPORT_REASON = "interrupted";

interface StartedExport {
  id: bigint;
  export_id: string;
}

export async function failInterruptedExports(): Promise<number> {
  const started = await db.$queryRawUnsafe<StartedExport[]>(
    `SELECT s.id, s.details->>'exportId' AS export_id
     FROM audit_event s
     WHERE s.action = 'lead.export_start' AND s.occurred_at > now() - interval '${LOOK_BACK}'
       AND NOT EXISTS (SELECT 1 FROM audit_event e
                       WHERE e.action = 'lead.export' AND e.occurred_at >= s.occurred_at AND e.details->>'exportId' = s.details->>'exportId')
     ORDER BY s.id`,
  );
  let failed = 0;
  for (const { id, export_id: exportId } of started) {
    failed += await db.$transaction(async (tx) => {
      if (!(await workerIsGone(tx, "leadExport", exportId))) return 0;
      // Re-read under the lock: the export may have ended, or another caller recorded it, since.
      const ended = await tx.auditEvent.count({ where: { action: "lead.export", details: { path: ["exportId"], equals: exportId } } });
      if (ended > 0) return 0;
      const start = await tx.auditEvent.findUniqueOrThrow({ where: { id } });
      await appendAuditEvent(tx, {
        action: "lead.export",
        outcome: "FAILURE",
        actor: start.actorUsername ? { id: start.actorId, username: start.actorUsername, role: start.actorRole ?? "" } : null,
        objectType: start.objectType ?? "lead_export",
        objectId: start.objectId ?? undefined,
        reason: INTERRUPTED_EXPORT_REASON,
        details: (start.details ?? {}) as Record<string, unknown>,
        context: { ip: start.ip, userAgent: start.userAgent, requestId: start.requestId },
      });
      return 1;
    });
  }
  return failed;
}
