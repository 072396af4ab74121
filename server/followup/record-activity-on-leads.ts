import "server-only";
import { formatCount } from "@/lib/format.ts";
import type { RecordActivityOnLeadsInput } from "@/lib/leads/follow-up.ts";
import { LEAD_SELECTION_LIMIT_MESSAGE, LEAD_SELECTION_MAX } from "@/lib/leads/lead-selection.ts";
import { BUSINESS_REGION_FIELDS, regionScopeWhere, type RegionScope } from "@/server/access/region-scope.ts";
import type { AuditActor } from "@/server/audit/append-audit-event.ts";
import { db } from "@/server/db/client.ts";
import { DomainError } from "@/server/errors.ts";
import type { RequestContext } from "@/server/http/request-context.ts";
import { recordActivityOnLead, type ActivityRefusal } from "./record-activity.ts";

export interface RecordActivityOnLeadsOptions {
  input: RecordActivityOnLeadsInput;
  scope: RegionScope;
  actor: AuditActor;
  context: RequestContext;
}

export interface SkippedLead {
  id: string;
  name: string;
  reason: ActivityRefusal["kind"];
}

export interface RecordActivityOnLeadsResult {
  /** Leads that took the activity (and the status, unless they already had it). */
  recorded: number;
  statusChanged: number;
  /** Leads left as they were, each with why: never skipped silently. */
  skipped: SkippedLead[];
}

// Every lead is a few statements plus its audit event, all in one transaction: 500 leads took
// 4.5 s on the shared 2-core test machine (load average 4–5), so a minute leaves room to spare.
const TRANSACTION_TIMEOUT_MS = 60_000;

/**
 * "Ubah status" on leads picked on the Prospek list: the same activity (kind, date, outcome, note)
 * and status move recorded on each, by the single lead's rule (record-activity.ts) — but only on
 * leads assigned to the caller, admins included: a bulk change is one's own work, not a
 * correction. A lead of someone else, a closed lead or a move backwards is left as it is and
 * named in the answer. Every id must lie in the caller's region scope, or nothing is changed.
 * One transaction: the activities, statuses and one `followup.record` event per lead commit
 * together; the follow-up rows are locked in id order, so two bulk changes cannot deadlock.
 */
export async function recordActivityOnLeads({ input, scope, actor, context }: RecordActivityOnLeadsOptions): Promise<RecordActivityOnLeadsResult> {
  const ids = [...new Set(input.businessIds)];
  if (ids.length === 0) throw new DomainError("Tidak ada prospek yang dipilih.");
  if (ids.length > LEAD_SELECTION_MAX) throw new DomainError(LEAD_SELECTION_LIMIT_MESSAGE);
  const fields = { kind: input.kind, occurredOn: input.occurredOn, outcome: input.outcome, note: input.note, newStatus: input.newStatus };
  return db.$transaction(
    async (tx) => {
      const found = await tx.business.findMany({
        where: { AND: [{ id: { in: ids.map(BigInt) } }, regionScopeWhere(scope, BUSINESS_REGION_FIELDS)] },
        select: { id: true, name: true },
        orderBy: { id: "asc" },
      });
      if (found.length < ids.length) {
        throw new DomainError(`${formatCount(ids.length - found.length)} prospek yang dipilih tidak ditemukan atau berada di luar wilayah Anda. Tidak ada yang diubah.`);
      }
      const result: RecordActivityOnLeadsResult = { recorded: 0, statusChanged: 0, skipped: [] };
      for (const business of found) {
        const outcome = await recordActivityOnLead(tx, { businessId: business.id, input: fields, scope, actor, context, adminMayCorrect: false });
        if ("refused" in outcome) {
          result.skipped.push({ id: business.id.toString(), name: business.name, reason: outcome.kind });
          continue;
        }
        result.recorded += 1;
        if (outcome.statusChanged) result.statusChanged += 1;
      }
      return result;
    },
    { timeout: TRANSACTION_TIMEOUT_MS },
  );
}
