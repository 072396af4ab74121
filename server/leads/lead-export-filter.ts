import "server-only";
import { LEAD_SELECTION_PARAM, parseLeadSelection, selectionFilter } from "@/lib/leads/lead-selection.ts";
import { parseLeadListState, type LeadListState } from "@/lib/leads/lead-url-state.ts";
import type { Authorized } from "@/server/access/guard.ts";
import { openLeadSearchFilter } from "./lead-search-audit.ts";
import { EXPIRED_SEARCH_MESSAGE } from "./lead-search-token.ts";

/**
 * The leads an export door (/prospek/ekspor and its count) covers, from its URL: the leads picked
 * on the list when it names them (`pilihan=12,57`, in the list's sort), otherwise the list's
 * filter with its sealed search opened and audited. Either way `leadWhere` adds the caller's
 * region scope, so a picked id of another region is simply not in the file.
 */
export async function resolveLeadExportState(
  params: URLSearchParams,
  authorized: Pick<Authorized, "actor" | "auditActor" | "context">,
): Promise<{ ok: true; state: LeadListState } | { ok: false; message: string }> {
  const urlState = parseLeadListState(params);
  const picked = params.get(LEAD_SELECTION_PARAM);
  if (picked !== null) {
    const selection = parseLeadSelection(picked);
    if (!selection.ok) return selection;
    // Picked leads carry no search, so there is no relevance to sort by.
    const sort = urlState.sort === "relevansi" ? "prioritas" : urlState.sort;
    return { ok: true, state: { ...urlState, sort, filter: selectionFilter(selection.ids) } };
  }
  const search = await openLeadSearchFilter(urlState.filter, authorized);
  if (search.searchExpired) return { ok: false, message: EXPIRED_SEARCH_MESSAGE };
  return { ok: true, state: { ...urlState, filter: search.filter } };
}
