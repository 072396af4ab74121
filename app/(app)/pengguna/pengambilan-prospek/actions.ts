"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/server/actions/define-action.ts";
import { setLeadTakeRegion, setLeadTakeRegionSchema } from "@/server/regions/set-lead-take-region.ts";

// Every export is an action built with defineAction; the route × role matrix reads `.permission`.

/** An admin switches "officers may take leads themselves" on or off for one province or regency/city. */
export const setLeadTakeRegionAction = defineAction({
  permission: "users.manage",
  schema: setLeadTakeRegionSchema,
  handler: async ({ data, auditActor, context }) => {
    const { name, changed } = await setLeadTakeRegion({ input: data, actor: auditActor, context });
    revalidatePath("/pengguna/pengambilan-prospek");
    if (!changed) return { message: `Pengambilan prospek di ${name} sudah ${data.enabled ? "aktif" : "nonaktif"}; tidak ada yang berubah.` };
    return {
      message: data.enabled
        ? `Petugas kini dapat mengambil prospek yang belum ditugaskan di ${name}.`
        : `Pengambilan prospek di ${name} dinonaktifkan; prospek yang sudah diambil tetap pada petugasnya.`,
    };
  },
});
