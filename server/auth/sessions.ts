import "server-only";
import type { Role } from "@/lib/permissions.ts";
import { appendAuditEvent } from "@/server/audit/append-audit-event.ts";
import { db, dbPool, type Tx } from "@/server/db/client.ts";
import type { RequestContext } from "@/server/http/request-context.ts";
import { LAST_SEEN_WRITE_INTERVAL_MS, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from "./session-policy.ts";

export async function createAuthSession(tx: Tx, userId: string, context: RequestContext) {
  const now = new Date();
  return tx.authSession.create({
    data: {
      userId,
      createdAt: now,
      lastSeenAt: now,
      // Signing in is a proof of identity: sensitive actions need no second one for 5 minutes.
      reauthenticatedAt: now,
      expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
      ip: context.ip,
      userAgent: context.userAgent,
    },
    select: { id: true },
  });
}

/** The signed-in user as every guard check sees it: read fresh from the database. */
export interface SessionUser {
  sessionId: string;
  userId: string;
  username: string;
  name: string;
  role: Role;
  regionCodes: string[];
  /** When the user last proved who they are in this session (see server/auth/reauthentication.ts). */
  reauthenticatedAt: Date | null;
  /** An admin chose the current password: the user must replace it before anything else. */
  mustChangePassword: boolean;
  secondFactorEnabled: boolean;
}

/** A session as the request that opened it found it: the user, and their unread notices for the header's bell. */
export interface ActiveSession extends SessionUser {
  unreadNotifications: number;
}

/**
 * Validates a session id taken from the (signed) cookie against the database: not revoked,
 * not idle for too long, not past its absolute lifetime, and its user still active. The
 * user's role and regions come from this read, so an admin's change applies on the next request.
 */
export async function loadActiveSession(sessionId: string, context: RequestContext): Promise<ActiveSession | null> {
  if (!/^[0-9a-f-]{36}$/i.test(sessionId)) return null;
  // Every signed-in request starts here, so session, user, regions and the unread count every
  // signed-in page's layout shows come in one round trip (Prisma's include would send three
  // queries, the count a fourth), straight on the pool: Prisma's own work per query (compiling,
  // interpreting, mapping) would cost more Node CPU than PostgreSQL spends on it. The count is one
  // probe of a partial index over unread rows.
  const {
    rows: [session],
  } = await dbPool().query<SessionRow>(
    `SELECT s.last_seen_at, s.expires_at, s.revoked_at, s.reauthenticated_at, u.id::text AS user_id, u.username, u.name,
      u.role::text AS role, u.active, u.must_change_password, u.totp_secret IS NOT NULL AS second_factor_enabled,
      coalesce(array_agg(r.region_code ORDER BY r.region_code) FILTER (WHERE r.region_code IS NOT NULL), '{}')::text[] AS region_codes,
      (SELECT count(*)::int FROM notification n WHERE n.user_id = u.id AND n.read_at IS NULL) AS unread_notifications
    FROM auth_session s JOIN app_user u ON u.id = s.user_id LEFT JOIN user_region r ON r.user_id = u.id
    WHERE s.id = $1::uuid
    GROUP BY s.id, u.id`,
    [sessionId],
  );
  if (!session || session.revoked_at) return null;

  const now = Date.now();
  const lastSeenAt = new Date(session.last_seen_at).getTime();
  const expiredReason =
    new Date(session.expires_at).getTime() <= now
      ? "absolute_timeout"
      : lastSeenAt + SESSION_IDLE_MS <= now
        ? "idle_timeout"
        : !session.active
          ? "user_inactive"
          : null;
  if (expiredReason) {
    await revokeAuthSession(sessionId, expiredReason, context);
    return null;
  }

  if (now - lastSeenAt >= LAST_SEEN_WRITE_INTERVAL_MS) {
    await db.authSession.update({ where: { id: sessionId }, data: { lastSeenAt: new Date(now) } });
  }
  return {
    sessionId,
    userId: session.user_id,
    username: session.username,
    name: session.name,
    role: session.role,
    regionCodes: session.region_codes,
    reauthenticatedAt: session.reauthenticated_at === null ? null : new Date(session.reauthenticated_at),
    mustChangePassword: session.must_change_password,
    secondFactorEnabled: session.second_factor_enabled,
    unreadNotifications: session.unread_notifications,
  };
}

interface SessionRow {
  last_seen_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  reauthenticated_at: Date | null;
  user_id: string;
  username: string;
  name: string;
  role: Role;
  active: boolean;
  must_change_password: boolean;
  second_factor_enabled: boolean;
  region_codes: string[];
  unread_notifications: number;
}

type RevokeReason =
  | "sign_out"
  | "idle_timeout"
  | "absolute_timeout"
  | "user_inactive"
  | "password_reset"
  | "password_change"
  | "second_factor_reset"
  | "lockout";

/** Ends a session server-side; the cookie that carried it is refused from then on. */
export async function revokeAuthSession(sessionId: string, reason: RevokeReason, context: RequestContext): Promise<void> {
  await db.$transaction(async (tx) => {
    const revoked = await tx.authSession.updateManyAndReturn({
      where: { id: sessionId, revokedAt: null },
      data: { revokedAt: new Date(), revokeReason: reason },
      select: { id: true, user: { select: { id: true, username: true, role: true } } },
    });
    const session = revoked[0];
    if (!session) return; // already ended: nothing new to record
    await appendAuditEvent(tx, {
      action: reason === "sign_out" ? "auth.sign_out" : "auth.session_expired",
      actor: session.user,
      objectType: "session",
      objectId: session.id,
      reason,
      context,
    });
  });
}

/**
 * Ends every open session of a user (deactivation, password reset, lockout), or every one but
 * `except` (a self-service password change keeps the session it was made in). Runs in the
 * caller's transaction.
 */
export async function revokeAllSessionsOf(tx: Tx, userId: string, reason: RevokeReason, except?: string): Promise<number> {
  const { count } = await tx.authSession.updateMany({
    where: { userId, revokedAt: null, ...(except && { id: { not: except } }) },
    data: { revokedAt: new Date(), revokeReason: reason },
  });
  return count;
}
