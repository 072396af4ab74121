import "server-only";
import type { z } from "zod";
import { leadListSearchParams, parseLeadListState } from "@/lib/leads/lead-url-state.ts";
import { personalKindOf } from "@/lib/personal-data.ts";
import { SAVED_VIEWS_MAX, type saveLeadViewSchema } from "@/lib/leads/saved-view-schemas.ts";
import { db } from "@/server/db/client.ts";
import { DomainError } from "@/server/errors.ts";

export interface SaveLeadViewOptions {
  userId: string;
  input: z.output<typeof saveLeadViewSchema>;
}

/**
 * Saves the lead list's current view under a name, for this user only. The query is parsed and
 * written back canonically without the page position, so a saved view always opens at its
 * first page. The same name again replaces the view it names.
 */
export async function saveLeadView({ userId, input }: SaveLeadViewOptions): Promise<{ id: string; replaced: boolean }> {
  const state = parseLeadListState(new URLSearchParams(input.query));
  // A search for a personal identifier is not kept: its token expires within the day, and a
  // NIK typed into an old-style `?cari=` link must not be stored either.
  const filter = { ...state.filter, qToken: undefined };
  if (filter.q && personalKindOf(filter.q)) filter.q = undefined;
  const query = leadListSearchParams({ ...state, filter, cursor: null }).toString();
  return db.$transaction(async (tx) => {
    const existing = await tx.savedView.findUnique({ where: { userId_name: { userId, name: input.name } }, select: { id: true } });
    if (existing) {
      await tx.savedView.update({ where: { id: existing.id }, data: { query } });
      return { id: existing.id, replaced: true };
    }
    if ((await tx.savedView.count({ where: { userId } })) >= SAVED_VIEWS_MAX) {
      throw new DomainError(`Paling banyak ${SAVED_VIEWS_MAX} tampilan tersimpan. Hapus yang tidak dipakai lagi.`, "name");
    }
    const created = await tx.savedView.create({ data: { userId, name: input.name, query }, select: { id: true } });
    return { id: created.id, replaced: false };
  });
}
