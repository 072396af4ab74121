import "server-only";
import { isClosedStatus, transitionError, type FollowUpStatusValue, type RecordActivityInput } from "@/lib/leads/follow-up.ts";
import { BUSINESS_REGION_FIELDS, regionScopeWhere, type RegionScope } from "@/server/access/region-scope.ts";
import { appendAuditEvent, type AuditActor } from "@/server/audit/append-audit-event.ts";
import { db } from "@/server/db/client.ts";
import { DomainError } from "@/server/errors.ts";
import type { RequestContext } from "@/server/http/request-context.ts";

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

/**
 * An officer records a call, visit, letter or email on a lead assigned to them, optionally moving
 * its status (lib/leads/follow-up.ts says which moves are allowed). Only the assigned officer may
 * record — or an admin, who may also correct a closed lead. The activity, the follow-up's new
 * status and the `followup.record` audit event commit together; the follow-up row is locked so
 * two submissions cannot both move the status from the same starting point.
 */
export async function recordActivity({ input, scope, actor, context }: RecordActivityOptions): Promise<RecordActivityResult> {
  const businessId = BigInt(input.businessId);
  const isAdmin = actor.role === "ADMIN";
  return db.$transaction(async (tx) => {
    const business = await tx.business.findFirst({ where: { id: businessId, ...regionScopeWhere(scope, BUSINESS_REGION_FIELDS) }, select: { id: true, regencyCode: true } });
    if (!business) throw new DomainError("Prospek tidak ditemukan.");
    const [current] = await tx.$queryRawUnsafe<{ status: FollowUpStatusValue; assigned_to_id: string | null }[]>(
      `SELECT status::text AS status, assigned_to_id::text AS assigned_to_id FROM lead_follow_up WHERE business_id = $1::bigint FOR UPDATE`,
      businessId.toString(),
    );
    if (!isAdmin && (!current || current.assigned_to_id !== actor.id)) {
      throw new DomainError("Prospek ini tidak ditugaskan kepada Anda: hanya petugas yang ditugaskan yang dapat mencatat tindak lanjut.");
    }
    const from: FollowUpStatusValue = current?.status ?? "BARU";
    const to: FollowUpStatusValue = input.newStatus || from;
    if (!isAdmin) {
      if (isClosedStatus(from)) throw new DomainError(transitionError(from, "BARU")!);
      const refusal = transitionError(from, to);
      if (refusal) throw new DomainError(refusal, "newStatus");
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
  });
}
