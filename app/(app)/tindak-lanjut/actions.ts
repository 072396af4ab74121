"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { parseLeadFilter } from "@/lib/leads/lead-url-state.ts";
import { assignLeadsSchema, FOLLOW_UP_STATUS_LABELS, recordActivityOnLeadsSchema, recordActivitySchema, type FollowUpStatusValue } from "@/lib/leads/follow-up.ts";
import { defineAction, formList, formText } from "@/server/actions/define-action.ts";
import { assignLeads, countAssignableLeads } from "@/server/followup/assign-leads.ts";
import { recordActivity } from "@/server/followup/record-activity.ts";
import { recordActivityOnLeads, type RecordActivityOnLeadsResult, type SkippedLead } from "@/server/followup/record-activity-on-leads.ts";
import { DomainError } from "@/server/errors.ts";
import { openLeadSearchFilter } from "@/server/leads/lead-search-audit.ts";
import { EXPIRED_SEARCH_MESSAGE, resolveLeadSearch } from "@/server/leads/lead-search-token.ts";
import { formatCount } from "@/lib/format.ts";

// Every export is an action built with defineAction; the route × role matrix reads `.permission`.

/** An officer records a call, visit, letter or email on a lead, optionally moving its status. */
export const recordActivityAction = defineAction({
  permission: "followup.write",
  schema: recordActivitySchema,
  handler: async ({ data, scope, auditActor, context }) => {
    const result = await recordActivity({ input: data, scope, actor: auditActor, context });
    revalidatePath(`/prospek/${data.businessId}`);
    revalidatePath("/tindak-lanjut");
    return {
      message: result.statusChanged
        ? `Kegiatan dicatat. Status sekarang: ${FOLLOW_UP_STATUS_LABELS[result.status]}.`
        : "Kegiatan dicatat.",
    };
  },
});

/** "Ubah status" on leads picked on the Prospek list: the officer's own ones change, the others are named. */
export const recordActivityOnLeadsAction = defineAction({
  permission: "followup.write",
  schema: recordActivityOnLeadsSchema,
  input: (form) => ({
    businessIds: formList(form, "businessIds"),
    kind: formText(form, "kind"),
    occurredOn: formText(form, "occurredOn"),
    outcome: formText(form, "outcome"),
    note: formText(form, "note"),
    newStatus: formText(form, "newStatus"),
  }),
  handler: async ({ data, scope, auditActor, context }) => {
    const result = await recordActivityOnLeads({ input: data, scope, actor: auditActor, context });
    revalidatePath("/prospek", "layout");
    revalidatePath("/tindak-lanjut");
    return { message: bulkStatusMessage(result, data.newStatus) };
  },
});

/** A supervisor assigns leads — one, picked ones, or every lead of the list's filter — to an officer with a due date. */
export const assignLeadsAction = defineAction({
  permission: "leads.assign",
  schema: assignLeadsSchema,
  input: (form) => ({
    businessIds: formList(form, "businessIds"),
    officerId: formText(form, "officerId"),
    dueDate: formText(form, "dueDate"),
    filterQuery: form.has("filterQuery") ? formText(form, "filterQuery") : undefined,
    expectedCount: formText(form, "expectedCount") || undefined,
  }),
  handler: async ({ data, scope, actor, auditActor, context }) => {
    const result = await assignLeads({
      target:
        data.filterQuery !== undefined
          ? { kind: "filter", filter: openSearch(data.filterQuery, actor.userId) }
          : { kind: "ids", businessIds: data.businessIds.map(BigInt) },
      officerId: data.officerId,
      dueDate: data.dueDate,
      expectedCount: data.expectedCount,
      scope,
      actor: auditActor,
      context,
    });
    revalidatePath("/prospek", "layout");
    revalidatePath("/tindak-lanjut");
    return { message: assignedMessage(result) };
  },
});

const previewSchema = z.object({ filterQuery: z.string().max(4000) });

/** The confirmation before a bulk assignment: how many leads the list's filter holds in the caller's scope. */
export const previewAssignmentAction = defineAction<typeof previewSchema, { count: number; overCap: boolean }>({
  permission: "leads.assign",
  schema: previewSchema,
  handler: async ({ data, scope, actor, auditActor, context }) => {
    const { filter, searchExpired } = await openLeadSearchFilter(parseLeadFilter(new URLSearchParams(data.filterQuery)), { actor, auditActor, context });
    if (searchExpired) throw new DomainError(EXPIRED_SEARCH_MESSAGE);
    return { result: await countAssignableLeads(filter, scope, actor.userId) };
  },
});

/** The list's filter with its sealed search opened for this user; never "everything" when it expired. */
function openSearch(filterQuery: string, userId: string) {
  const { filter, searchExpired } = resolveLeadSearch(parseLeadFilter(new URLSearchParams(filterQuery)), userId);
  if (searchExpired) throw new DomainError(EXPIRED_SEARCH_MESSAGE);
  return filter;
}

function assignedMessage(result: { count: number; reopened: number; officerName: string }): string {
  const reopened = result.reopened ? ` (${formatCount(result.reopened)} dibuka kembali)` : "";
  return `${formatCount(result.count)} prospek ditugaskan kepada ${result.officerName}${reopened}.`;
}

const SKIP_REASONS: Record<SkippedLead["reason"], string> = {
  not_assigned: "tidak ditugaskan kepada Anda",
  closed: "sudah ditutup",
  not_forward: "status tidak dapat mundur",
};
// Names per reason in the answer; the rest are counted.
const NAMED_SKIPS = 10;

function bulkStatusMessage(result: RecordActivityOnLeadsResult, status: FollowUpStatusValue): string {
  const label = FOLLOW_UP_STATUS_LABELS[status];
  const done =
    result.recorded === 0
      ? "Tidak ada prospek yang diubah."
      : `${formatCount(result.recorded)} prospek dicatat, status sekarang ${label}${result.recorded > result.statusChanged ? ` (${formatCount(result.recorded - result.statusChanged)} sudah berstatus ${label})` : ""}.`;
  if (result.skipped.length === 0) return done;
  const groups = (Object.keys(SKIP_REASONS) as SkippedLead["reason"][]).flatMap((reason) => {
    const names = result.skipped.filter((s) => s.reason === reason).map((s) => s.name);
    if (names.length === 0) return [];
    const more = names.length > NAMED_SKIPS ? ` dan ${formatCount(names.length - NAMED_SKIPS)} lainnya` : "";
    return [`${SKIP_REASONS[reason]}: ${names.slice(0, NAMED_SKIPS).join(", ")}${more}`];
  });
  return `${done} ${formatCount(result.skipped.length)} prospek tidak diubah — ${groups.join("; ")}.`;
}
