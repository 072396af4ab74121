import { z } from "zod";

/** One schema per form, shared by the client and the server action. */

export const SAVED_VIEW_NAME_MAX = 80;
/** Views per user: enough for every kecamatan of a city, few enough to list on one page. */
export const SAVED_VIEWS_MAX = 50;

export const saveLeadViewSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Beri nama tampilan ini.")
    .max(SAVED_VIEW_NAME_MAX, `Nama paling panjang ${SAVED_VIEW_NAME_MAX} karakter.`),
  /** The lead list's query string (without `?`); normalised on the server. */
  query: z.string().max(4000, "Filter terlalu panjang untuk disimpan."),
});

export const deleteLeadViewSchema = z.object({
  viewId: z.uuid("Tampilan tidak dikenal."),
});
