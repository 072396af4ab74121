import "server-only";
import { dbPool } from "@/server/db/client.ts";

export interface LeadViewDto {
  id: string;
  name: string;
  /** The lead list's query string, without `?`. */
  query: string;
}

/** The user's saved views of the lead list, by name. */
export async function findLeadViews({ userId }: { userId: string }): Promise<LeadViewDto[]> {
  // Read on every lead-list render: on the pool, without Prisma's per-query work.
  const { rows } = await dbPool().query<LeadViewDto>("SELECT id::text AS id, name, query FROM saved_view WHERE user_id = $1::uuid ORDER BY name", [userId]);
  return rows;
}
