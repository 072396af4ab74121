"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { LEAD_SEARCH_MAX_CHARS } from "@/lib/leads/lead-url-state.ts";
import { deleteLeadViewSchema, saveLeadViewSchema } from "@/lib/leads/saved-view-schemas.ts";
import { defineAction, formText } from "@/server/actions/define-action.ts";
import { deleteLeadView } from "@/server/leads/delete-lead-view.ts";
import { sealLeadSearch } from "@/server/leads/lead-search-token.ts";
import { saveLeadView } from "@/server/leads/save-lead-view.ts";

// Every export is an action built with defineAction, permission `leads.read`: a saved view is
// the user's own bookmark of the lead list, and opening it goes through the page's guard again.

const LEADS_PATH = "/prospek";

export const saveLeadViewAction = defineAction({
  permission: "leads.read",
  schema: saveLeadViewSchema,
  input: (form) => ({ name: formText(form, "name"), query: formText(form, "query") }),
  handler: async ({ data, actor }) => {
    const saved = await saveLeadView({ userId: actor.userId, input: data });
    revalidatePath(LEADS_PATH);
    return { message: saved.replaced ? `Tampilan "${data.name}" diperbarui.` : `Tampilan "${data.name}" disimpan.` };
  },
});

export const deleteLeadViewAction = defineAction({
  permission: "leads.read",
  schema: deleteLeadViewSchema,
  handler: async ({ data, actor }) => {
    const deleted = await deleteLeadView({ userId: actor.userId, viewId: data.viewId });
    revalidatePath(LEADS_PATH);
    return { message: `Tampilan "${deleted.name}" dihapus.` };
  },
});

const sealSearchSchema = z.object({ q: z.string().trim().min(1, "Isi teks pencarian.").max(LEAD_SEARCH_MAX_CHARS) });

/**
 * "Cari" with a NIK, mobile number or email: the text comes here by POST and goes back as an
 * opaque token for `?cari-token=`, so the identifier never enters the URL (lead-search-token.ts).
 * The search itself is audited when the page opens it.
 */
export const sealLeadSearchAction = defineAction<typeof sealSearchSchema, string>({
  permission: "leads.read",
  schema: sealSearchSchema,
  handler: async ({ data, actor }) => ({ result: sealLeadSearch(data.q, actor.userId) }),
});
