import "server-only";
import type { AuditAction } from "@/lib/audit-actions.ts";
import { appendAuditEvent } from "@/server/audit/append-audit-event.ts";
import { db } from "@/server/db/client.ts";
import { workerIsGone } from "@/server/db/liveness-lock.ts";

/**
 * Records as FAILURE the exports whose process died mid-file: a start event (`lead.export_start`,
 * `lead.workers_export_start`) with no end event of the same export id, whose liveness lock no
 * process holds any more (server/exports/cursor-export.ts writes both). Without
 * this the trail would show a file begun and never ended, and an auditor could not tell a
 * download still streaming from one cut off by a restart. Run at every start of the app and the
 * CLI; a second caller at the same moment finds the event already written.
 */

/** Exports older than this are not looked for: no export streams for a month. */
const LOOK_BACK = "30 days";

export const INTERRUPTED_EXPORT_REASON = "interrupted";

/** Each export's start event and the event that ends it. */
const EXPORT_EVENTS = [
  { start: "lead.export_start", end: "lead.export" },
  { start: "lead.workers_export_start", end: "lead.workers_export" },
] as const satisfies readonly { start: AuditAction; end: AuditAction }[];

interface StartedExport {
  id: bigint;
  export_id: string;
  end_action: (typeof EXPORT_EVENTS)[number]["end"];
}

export async function failInterruptedExports(): Promise<number> {
  const pairs = EXPORT_EVENTS.map(({ start, end }) => `('${start}', '${end}')`).join(", ");
  const started = await db.$queryRawUnsafe<StartedExport[]>(
    `SELECT s.id, s.details->>'exportId' AS export_id, p.end_action
     FROM audit_event s JOIN (VALUES ${pairs}) p(start_action, end_action) ON p.start_action = s.action
     WHERE s.occurred_at > now() - interval '${LOOK_BACK}'
       AND NOT EXISTS (SELECT 1 FROM audit_event e
                       WHERE e.action = p.end_action AND e.occurred_at >= s.occurred_at AND e.details->>'exportId' = s.details->>'exportId')
     ORDER BY s.id`,
  );
  let failed = 0;
  for (const { id, export_id: exportId, end_action: endAction } of started) {
    failed += await db.$transaction(async (tx) => {
      if (!(await workerIsGone(tx, "export", exportId))) return 0;
      // Re-read under the lock: the export may have ended, or another caller recorded it, since.
      const ended = await tx.auditEvent.count({ where: { action: endAction, details: { path: ["exportId"], equals: exportId } } });
      if (ended > 0) return 0;
      const start = await tx.auditEvent.findUniqueOrThrow({ where: { id } });
      await appendAuditEvent(tx, {
        action: endAction,
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
