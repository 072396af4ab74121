import "server-only";
import { ROLE_PERMISSIONS, type Permission, type Role } from "@/lib/permissions.ts";
import { config } from "@/server/config.ts";
import type { Tx } from "@/server/db/client.ts";
import type { NotificationKind } from "@/server/db/generated/enums.ts";

export interface NewNotification {
  kind: NotificationKind;
  /** Short, one line: business names and counts, never a person's identifiers. */
  title: string;
  body?: string;
  /** A path inside Jangkau the notice opens. */
  href?: string;
  /** With a key, a user gets the notice once however often it is written ("due:2026-12-07"). */
  dedupeKey?: string;
}

/**
 * Puts one notice into each user's inbox, inside the caller's transaction: the notice exists
 * exactly when what it tells of does. When SMTP is configured the notice is also marked for the
 * mail job (send-notification-mails.ts), which sends after the commit. Returns how many were new.
 */
export async function notifyUsers(tx: Tx, userIds: readonly string[], notice: NewNotification): Promise<number> {
  const recipients = [...new Set(userIds)];
  if (recipients.length === 0) return 0;
  return tx.$executeRawUnsafe(
    `INSERT INTO notification (user_id, kind, title, body, href, dedupe_key, mail_pending)
     SELECT id, $2::"NotificationKind", $3, $4, $5, $6, $7 FROM unnest($1::uuid[]) AS id
     ON CONFLICT (user_id, dedupe_key) DO NOTHING`,
    recipients,
    notice.kind,
    notice.title,
    notice.body ?? null,
    notice.href ?? null,
    notice.dedupeKey ?? null,
    config().JANGKAU_SMTP_URL !== undefined,
  );
}

/** The active users whose role holds `permission` (admins for imports, reviewers for pairs). */
export async function activeUsersWith(tx: Tx, permission: Permission): Promise<string[]> {
  const roles = (Object.keys(ROLE_PERMISSIONS) as Role[]).filter((role) => ROLE_PERMISSIONS[role].includes(permission));
  const users = await tx.user.findMany({ where: { active: true, role: { in: roles } }, select: { id: true } });
  return users.map((user) => user.id);
}
