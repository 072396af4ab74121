import "server-only";
import { db } from "@/server/db/client.ts";

export interface LeadViewDto {
  id: string;
  name: string;
  /** The lead list's query string, without `?`. */
  query: string;
}

/** The user's saved views of the lead list, by name. */
export async function findLeadViews({ userId }: { userId: string }): Promise<LeadViewDto[]> {
  return db.savedView.findMany({ where: { userId }, select: { id: true, name: true, query: true }, orderBy: { name: "asc" } });
}
