import "server-only";
import { CLOSED_STATUSES, takeDueDate } from "@/lib/leads/follow-up.ts";
import { BUSINESS_REGION_FIELDS, regionScopeWhere, type RegionScope } from "@/server/access/region-scope.ts";
import { appendAuditEvent, recordAuditEvent, type AuditActor } from "@/server/audit/append-audit-event.ts";
import { db, type Tx } from "@/server/db/client.ts";
import { DomainError } from "@/server/errors.ts";
import type { RequestContext } from "@/server/http/request-context.ts";
import { isLeadTakeEnabled } from "./lead-take-scope.ts";
import { writeAssignment } from "./write-assignment.ts";

export interface TakeLeadOptions {
  businessId: bigint;
  /** The officer taking the lead: it is assigned to him. */
  actor: AuditActor;
  scope: RegionScope;
  context: RequestContext;
}

export interface TakeLeadResult {
  name: string;
  /** YYYY-MM-DD */
  dueDate: string;
}

export const NOT_TAKEABLE_MESSAGE = "Pengambilan prospek belum diaktifkan admin untuk wilayah prospek ini. Minta supervisor menugaskannya.";

/**
 * An officer takes an unassigned, open lead of his own regions, where an admin enabled taking for
 * its region: it is assigned to him exactly as a supervisor's assignment would (write-assignment.ts)
 * with a due date `TAKE_DUE_DAYS` ahead, and one `lead.take` event, in one transaction. Whether
 * nobody took it yet is decided by the write itself, so of two officers taking it at once one
 * wins and the other is told who did. A lead outside his regions, or in a region not enabled, is
 * refused and the refusal audited.
 */
export async function takeLead({ businessId, actor, scope, context }: TakeLeadOptions): Promise<TakeLeadResult> {
  const officer = actor.id
    ? await db.user.findFirst({ where: { id: actor.id, role: "OFFICER", active: true }, select: { id: true, name: true, username: true } })
    : null;
  if (!officer) throw new DomainError("Hanya petugas yang dapat mengambil prospek; supervisor dan admin menugaskannya.");

  const lead = await db.business.findFirst({
    where: { AND: [{ id: businessId }, regionScopeWhere(scope, BUSINESS_REGION_FIELDS)] },
    select: { name: true, provinceCode: true, regencyCode: true },
  });
  const refuse = (reason: string, region?: string | null) =>
    recordAuditEvent({ action: "lead.take", outcome: "DENIED", actor, context, objectType: "business", objectId: String(businessId), region: region ?? undefined, reason });
  if (!lead) {
    if (await db.business.count({ where: { id: businessId } })) await refuse("outside_region_scope");
    throw new DomainError("Prospek tidak ditemukan atau berada di luar wilayah Anda.");
  }
  const region = lead.regencyCode ?? lead.provinceCode;
  if (!(await isLeadTakeEnabled(businessId))) {
    await refuse("lead_take_disabled", region);
    throw new DomainError(NOT_TAKEABLE_MESSAGE);
  }

  const dueDate = takeDueDate();
  return db.$transaction(async (tx) => {
    const { assignedIds } = await writeAssignment(tx, { businessIds: [businessId], officer, dueDate, actor, onlyUnassigned: true });
    if (assignedIds.length === 0) throw new DomainError(await whyNotTaken(tx, businessId, officer.id));
    await appendAuditEvent(tx, {
      action: "lead.take",
      actor,
      context,
      objectType: "business",
      objectId: String(businessId),
      region: region ?? undefined,
      details: { officer: officer.username, dueDate },
    });
    return { name: lead.name, dueDate };
  });
}

/** The lead was not free to take: someone has it (perhaps a moment ago) or it is closed. */
async function whyNotTaken(tx: Tx, businessId: bigint, officerId: string): Promise<string> {
  const followUp = await tx.leadFollowUp.findUnique({ where: { businessId }, select: { assignedToId: true, status: true } });
  if (followUp?.assignedToId === officerId) return "Prospek ini sudah ditugaskan kepada Anda.";
  if (followUp?.assignedToId) {
    const holder = await tx.user.findUnique({ where: { id: followUp.assignedToId }, select: { name: true } });
    return `Prospek ini sudah diambil atau ditugaskan kepada ${holder?.name ?? "petugas lain"}. Muat ulang halaman untuk melihatnya.`;
  }
  if (followUp && CLOSED_STATUSES.includes(followUp.status)) return "Prospek ini sudah ditutup. Minta supervisor menugaskannya kembali bila perlu ditindaklanjuti lagi.";
  return "Prospek ini tidak dapat diambil saat ini. Muat ulang halaman lalu coba lagi.";
}
