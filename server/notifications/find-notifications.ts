import "server-only";
import { db, dbPool } from "@/server/db/client.ts";
import type { NotificationKind } from "@/server/db/generated/enums.ts";

export const NOTIFICATIONS_PAGE_SIZE = 25;

export interface NotificationDto {
  id: string;
  kind: NotificationKind;
  title: string;
  body: string | null;
  href: string | null;
  createdAt: Date;
  read: boolean;
}

/** One page of the user's own inbox, newest first. Only ever the signed-in user's notices. */
export async function findNotifications(userId: string, page: number): Promise<{ items: NotificationDto[]; total: number; unread: number; page: number; pageCount: number }> {
  const [total, unread] = await Promise.all([db.notification.count({ where: { userId } }), countUnreadNotifications(userId)]);
  const pageCount = Math.max(1, Math.ceil(total / NOTIFICATIONS_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pageCount);
  const rows = await db.notification.findMany({
    where: { userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (current - 1) * NOTIFICATIONS_PAGE_SIZE,
    take: NOTIFICATIONS_PAGE_SIZE,
    select: { id: true, kind: true, title: true, body: true, href: true, createdAt: true, readAt: true },
  });
  return {
    items: rows.map((row) => ({ id: String(row.id), kind: row.kind, title: row.title, body: row.body, href: row.href, createdAt: row.createdAt, read: row.readAt !== null })),
    total,
    unread,
    page: current,
    pageCount,
  };
}

/**
 * The unread count of the inbox: a partial index over unread rows keeps it one probe. (The
 * bell's number on every signed-in page comes with the session read, loadActiveSession.)
 */
export async function countUnreadNotifications(userId: string): Promise<number> {
  const { rows } = await dbPool().query<{ n: number }>("SELECT count(*)::int AS n FROM notification WHERE user_id = $1::uuid AND read_at IS NULL", [userId]);
  return rows[0]!.n;
}
