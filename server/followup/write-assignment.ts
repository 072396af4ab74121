import "server-only";
import { CLOSED_STATUSES_SQL, type FollowUpStatusValue, isClosedStatus } from "@/lib/leads/follow-up.ts";
import { formatLongDay } from "@/lib/format.ts";
import type { AuditActor } from "@/server/audit/append-audit-event.ts";
import type { Tx } from "@/server/db/client.ts";

export interface WriteAssignmentOptions {
  businessIds: readonly bigint[];
  officer: { id: string; name: string; username: string };
  /** YYYY-MM-DD */
  dueDate: string;
  actor: AuditActor;
  /**
   * Only leads nobody works and that are still open (an officer taking one): the condition sits
   * in the write itself, so of two takes of one lead at the same moment the second writes nothing
   * instead of overwriting the first.
   */
  onlyUnassigned?: boolean;
}

export interface WriteAssignmentResult {
  /** The leads now assigned to the officer, as text ids. */
  assignedIds: string[];
  reopened: number;
}

/**
 * Points the follow-up of each lead at the officer with the due date — created when missing, a
 * closed lead reopened at Baru — and adds a system note to each one's timeline. The part of an
 * assignment a supervisor's and an officer's own take share; the caller audits and notifies.
 * Runs inside the caller's transaction.
 */
export async function writeAssignment(tx: Tx, { businessIds, officer, dueDate, actor, onlyUnassigned = false }: WriteAssignmentOptions): Promise<WriteAssignmentResult> {
  const idList = businessIds.map(String);
  const previous = await tx.$queryRawUnsafe<{ business_id: string; status: FollowUpStatusValue }[]>(
    `SELECT business_id::text AS business_id, status::text AS status FROM lead_follow_up WHERE business_id = ANY($1::bigint[]) FOR UPDATE`,
    idList,
  );
  // Checked again by the update below on the row as committed: a take that started before
  // another one committed still sees that one's assignment there.
  const onlyOpenUnassigned = onlyUnassigned ? `WHERE lead_follow_up.assigned_to_id IS NULL AND lead_follow_up.status NOT IN (${CLOSED_STATUSES_SQL})` : "";
  const written = await tx.$queryRawUnsafe<{ business_id: string }[]>(
    `INSERT INTO lead_follow_up (business_id, status, assigned_to_id, assigned_by_id, assigned_at, due_date, updated_at)
     SELECT id, 'BARU', $2::uuid, $3::uuid, now(), $4::date, now() FROM unnest($1::bigint[]) AS id
     ON CONFLICT (business_id) DO UPDATE SET
       assigned_to_id = EXCLUDED.assigned_to_id, assigned_by_id = EXCLUDED.assigned_by_id, assigned_at = now(),
       due_date = EXCLUDED.due_date, updated_at = now(),
       status = CASE WHEN lead_follow_up.status IN (${CLOSED_STATUSES_SQL}) THEN 'BARU' ELSE lead_follow_up.status END,
       closed_at = CASE WHEN lead_follow_up.status IN (${CLOSED_STATUSES_SQL}) THEN NULL ELSE lead_follow_up.closed_at END,
       closed_by = CASE WHEN lead_follow_up.status IN (${CLOSED_STATUSES_SQL}) THEN NULL ELSE lead_follow_up.closed_by END
     ${onlyOpenUnassigned}
     RETURNING business_id::text AS business_id`,
    idList,
    officer.id,
    actor.id,
    dueDate,
  );
  const assignedIds = written.map((row) => row.business_id);
  const assigned = new Set(assignedIds);
  const reopened = previous.filter((p) => isClosedStatus(p.status) && assigned.has(p.business_id));
  const outcome = `Ditugaskan kepada ${officer.name} (${officer.username}), tenggat ${formatLongDay(dueDate)}`;
  await tx.$executeRawUnsafe(
    `INSERT INTO lead_activity (business_id, kind, occurred_on, outcome, note, status_from, status_to, actor_id, actor_username)
     SELECT id, 'CATATAN_SISTEM', (now() AT TIME ZONE 'Asia/Jakarta')::date, $2,
            CASE WHEN r.status IS NOT NULL THEN 'Dibuka kembali oleh penugasan' END,
            r.status::"FollowUpStatus", CASE WHEN r.status IS NOT NULL THEN 'BARU'::"FollowUpStatus" END, $3::uuid, $4
     FROM unnest($1::bigint[]) AS id
     LEFT JOIN (SELECT unnest($5::bigint[]) AS business_id, unnest($6::text[]) AS status) r ON r.business_id = id`,
    assignedIds,
    outcome,
    actor.id,
    actor.username,
    reopened.map((r) => r.business_id),
    reopened.map((r) => r.status),
  );
  return { assignedIds, reopened: reopened.length };
}
