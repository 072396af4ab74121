"use server";

import { revalidatePath } from "next/cache";
import { deleteLeadViewSchema, saveLeadViewSchema } from "@/lib/leads/saved-view-schemas.ts";
import { defineAction, formText } from "@/server/actions/define-action.ts";
import { deleteLeadView } from "@/server/leads/delete-lead-view.ts";
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
