import { formatCount } from "../format.ts";
import type { LeadFilter } from "./lead-filter.ts";
import { emptyLeadListState, leadListSearchParams } from "./lead-url-state.ts";

/**
 * Leads picked one by one on the Prospek list (a checkbox per row), for the bulk actions: assign,
 * export, follow-up status. The selection lives in the browser and follows the list across its
 * pages while the filter stays the same; a new filter starts an empty selection.
 */

/**
 * At most this many leads at once: ten pages of the list. Picking more by hand is rare and slow;
 * a larger set is what "Tugaskan semua hasil filter" and "Ekspor" of the whole filter are for. It
 * also keeps the export link's address short and one status change's transaction (a few
 * statements and an audit event per lead) within seconds.
 */
export const LEAD_SELECTION_MAX = 500;

export const LEAD_SELECTION_LIMIT_MESSAGE = `Paling banyak ${formatCount(LEAD_SELECTION_MAX)} prospek dapat dipilih sekaligus. Untuk lebih banyak, gunakan filter dengan "Tugaskan semua hasil filter" atau "Ekspor".`;

/** The export's parameter carrying the picked leads' ids, comma-separated: `/prospek/ekspor?pilihan=12,57`. */
export const LEAD_SELECTION_PARAM = "pilihan";

const ID = /^[1-9]\d{0,18}$/;

export type LeadSelectionParse = { ok: true; ids: string[] } | { ok: false; message: string };

/** `12,57,9` → distinct ids; anything else, none at all, or more than the cap is refused, not guessed. */
export function parseLeadSelection(text: string): LeadSelectionParse {
  const ids = [...new Set(text.split(",").map((id) => id.trim()).filter(Boolean))];
  if (ids.length === 0) return { ok: false, message: "Tidak ada prospek yang dipilih." };
  if (ids.some((id) => !ID.test(id))) return { ok: false, message: "Daftar prospek yang dipilih tidak valid." };
  if (ids.length > LEAD_SELECTION_MAX) return { ok: false, message: LEAD_SELECTION_LIMIT_MESSAGE };
  return { ok: true, ids };
}

/**
 * The filter of an export of picked leads: those ids, whatever their status (they were picked
 * from the list, so a lead whose status changed since is still what the user meant). The caller's
 * region scope is added by `leadWhere` like everywhere else.
 */
export function selectionFilter(ids: readonly string[]): LeadFilter {
  return { all: true, businessIds: ids };
}

/** A new pick as the table hands it over: taken whole, or refused whole past the cap (never cut short). */
export function checkLeadSelection(ids: readonly string[]): { ok: true; ids: string[] } | { ok: false; message: string } {
  return ids.length > LEAD_SELECTION_MAX ? { ok: false, message: LEAD_SELECTION_LIMIT_MESSAGE } : { ok: true, ids: [...ids] };
}

/** What identifies "the same list" for a selection: the filter alone, not its sort, page or columns. */
export function leadSelectionKey(filter: LeadFilter): string {
  return leadListSearchParams({ ...emptyLeadListState(), filter }).toString();
}
