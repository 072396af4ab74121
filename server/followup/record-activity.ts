import "server-only";
import { isClosedStatus, transitionError, type FollowUpStatusValue, type RecordActivityInput } from "@/lib/leads/follow-up.ts";
import { BUSINESS_REGION_FIELDS, regionScopeWhere, type RegionScope } from "@/server/access/region-scope.ts";
import { appendAuditEvent, type AuditActor } from "@/server/audit/append-audit-event.ts";
import { db, type Tx } from "@/server/db/client.ts";
import { DomainError } from "@/server/errors.ts";
import type { RequestContext } from "@/server/http/request-context.ts";

const NOT_ASSIGNED_MESSAGE = "Prospek ini tidak ditugaskan kepada Anda: hanya petugas yang ditugaskan yang dapat mencatat tindak lanjut.";

export interface RecordActivityOptions {
  input: RecordActivityInput;
  scope: RegionScope;
  actor: AuditActor;
  context: RequestContext;
}

export interface RecordActivityResult {
  activityId: string;
  status: FollowUpStatusValue;
  statusChanged: boolean;
}

/** Why one lead took no activity: the form's message, its kind, and the form field it is about. */
export interface ActivityRefusal {
  refused: string;
  kind: "not_assigned" | "closed" | "not_forward";
  field?: string;
}

export interface RecordOnLeadOptions {
  businessId: bigint;
  input: Omit<RecordActivityInput, "businessId">;
  scope: RegionScope;
  actor: AuditActor;
  context: RequestContext;
  /**
   * An admin may record on any lead, closed or not, in any direction (corrections); false holds
   * an admin to the officer's rules too (the bulk status change: one's own leads only).
   */
  adminMayCorrect?: boolean;
}

/**
 * An officer records a call, visit, letter or email on a lead assigned to them, optionally moving
 * its status (lib/leads/follow-up.ts says which moves are allowed). Only the assigned officer may
 * record — or an admin, who may also correct a closed lead. The activity, the follow-up's new
 * status and the `followup.record` audit event commit together; the follow-up row is locked so
 * two submissions cannot both move the status from the same starting point.
 */
export async function recordActivity({ input, scope, actor, context }: RecordActivityOptions): Promise<RecordActivityResult> {
  const { businessId, ...fields } = input;
  return db.$transaction(async (tx) => {
    const recorded = await recordActivityOnLead(tx, { businessId: BigInt(businessId), input: fields, scope, actor, context });
    if ("refused" in recorded) throw new DomainError(recorded.refused, recorded.field);
    return recorded;
  });
}

/**
 * One lead's activity inside the caller's transaction — the rule recordActivity applies, shared
 * with the bulk status change (record-activity-on-leads.ts). A lead outside the scope throws; a
 * lead the actor may not record on, or a status move the rules forbid, comes back as a refusal
 * with nothing written.
 */
export async function recordActivityOnLead(
  tx: Tx,
  { businessId, input, scope, actor, context, adminMayCorrect = true }: RecordOnLeadOptions,
): Promise<RecordActivityResult | ActivityRefusal> {
  const isAdmin = actor.role === "ADMIN" && adminMayCorrect;
  const business = await tx.business.findFirst({ where: { id: businessId, ...regionScopeWhere(scope, BUSINESS_REGION_FIELDS) }, select: { id: true, regencyCode: true } });
  if (!business) throw new DomainError("Prospek tidak ditemukan.");
  const [current] = await tx.$queryRawUnsafe<{ status: FollowUpStatusValue; assigned_to_id: string | null }[]>(
    `SELECT status::text AS status, assigned_to_id::text AS assigned_to_id FROM lead_follow_up WHERE business_id = $1::bigint FOR UPDATE`,
    businessId.toString(),
  );
  if (!isAdmin && (!current || current.assigned_to_id !== actor.id)) {
    return { refused: NOT_ASSIGNED_MESSAGE, kind: "not_assigned" };
  }
  const from: FollowUpStatusValue = current?.status ?? "BARU";
  const to: FollowUpStatusValue = input.newStatus || from;
  if (!isAdmin) {
    if (isClosedStatus(from)) return { refused: transitionError(from, "BARU")!, kind: "closed" };
    const refusal = transitionError(from, to);
    if (refusal) return { refused: refusal, kind: "not_forward", field: "newStatus" };
  }
  const changed = to !== from;
  const closing = changed && isClosedStatus(to);
  const reopening = changed && isClosedStatus(from) && !isClosedStatus(to);
  const now = new Date();
  await tx.leadFollowUp.upsert({
    where: { businessId },
    create: { businessId, status: to, updatedAt: now, ...(closing && { closedAt: now, closedBy: actor.username }) },
    update: {
      status: to,
      updatedAt: now,
      ...(closing && { closedAt: now, closedBy: actor.username }),
      ...(reopening && { closedAt: null, closedBy: null }),
    },
  });
  const activity = await tx.leadActivity.create({
    data: {
      businessId,
      kind: input.kind,
      occurredOn: new Date(`${input.occurredOn}T00:00:00Z`),
      outcome: input.outcome,
      note: input.note || null,
      statusFrom: changed ? from : null,
      statusTo: changed ? to : null,
      actorId: actor.id,
      actorUsername: actor.username,
    },
    select: { id: true },
  });
  await appendAuditEvent(tx, {
    action: "followup.record",
    actor,
    context,
    objectType: "business",
    objectId: businessId.toString(),
    region: business.regencyCode ?? undefined,
    details: { kind: input.kind, occurredOn: input.occurredOn, ...(changed && { statusFrom: from, statusTo: to }) },
  });
  return { activityId: activity.id.toString(), status: to, statusChanged: changed };
}
