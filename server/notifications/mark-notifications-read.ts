import "server-only";
import { db } from "@/server/db/client.ts";

/**
 * Marks the user's own notices read: the given ones, or all. The user id is part of the where
 * clause, so an id of someone else's notice changes nothing. Not audited: reading one's own
 * inbox changes no data and shows none.
 */
export async function markNotificationsRead(userId: string, ids: readonly bigint[] | "all"): Promise<number> {
  const result = await db.notification.updateMany({
    where: { userId, readAt: null, ...(ids === "all" ? {} : { id: { in: [...ids] } }) },
    data: { readAt: new Date() },
  });
  return result.count;
}
