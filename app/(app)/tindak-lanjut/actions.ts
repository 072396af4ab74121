"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { parseLeadFilter } from "@/lib/leads/lead-url-state.ts";
import { assignLeadsSchema, FOLLOW_UP_STATUS_LABELS, recordActivitySchema } from "@/lib/leads/follow-up.ts";
import { defineAction, formList, formText } from "@/server/actions/define-action.ts";
import { assignLeads, countAssignableLeads } from "@/server/followup/assign-leads.ts";
import { recordActivity } from "@/server/followup/record-activity.ts";
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
