import "server-only";
import { cookies, headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import type { AuditAction } from "@/lib/audit-actions.ts";
import { hasPermission, type Permission, type Role } from "@/lib/permissions.ts";
import { recordAuditEvent, type AuditActor } from "@/server/audit/append-audit-event.ts";
import { sessionCookieName } from "@/server/auth/session-cookie.ts";
import { sessionIdFromToken } from "@/server/auth/session-token.ts";
import { loadActiveSession, type ActiveSession, type SessionUser } from "@/server/auth/sessions.ts";
import { config } from "@/server/config.ts";
import { currentRequestContext, type RequestContext } from "@/server/http/request-context.ts";
import { regionScopeFor, type RegionScope } from "./region-scope.ts";

export type Actor = SessionUser;

export interface Authorized {
  actor: Actor;
  scope: RegionScope;
  context: RequestContext;
  /** The actor in the shape audit events take. */
  auditActor: AuditActor;
}

/** The signed-in user for this request, validated against the database; null when there is none. */
export const getActor = cache(async (): Promise<ActiveSession | null> => {
  const sid = await sessionIdFromCookie();
  if (!sid) return null;
  return loadActiveSession(sid, await currentRequestContext());
});

/**
 * The server-side session id inside next-auth's signed and encrypted cookie. Read here rather
 * than through getServerSession so the id never has to appear in /api/auth/session. Only the
 * cookie name of the public URL's scheme counts: on https that is the `__Host-` name, which a
 * browser accepts only from this very host over TLS, so a cookie planted under the plain name
 * (by a sibling subdomain or over http) is ignored.
 */
async function sessionIdFromCookie(): Promise<string | null> {
  const jar = await cookies();
  const raw = jar.get(sessionCookieName())?.value;
  const secret = config().NEXTAUTH_SECRET;
  if (!raw || !secret) return null;
  return sessionIdFromToken(raw, secret);
}

export interface GuardOptions {
  /** Writes this event when access is granted (pages that show personal data). */
  auditView?: { action: AuditAction; objectType?: string; objectId?: string; details?: Record<string, unknown> };
  /**
   * For the account pages that clear a pending step (forced password change, an admin's
   * authenticator enrolment): let the actor in although the step is not done yet.
   */
  allowPendingStep?: boolean;
}

/**
 * What a signed-in user must do before anything else: replace a password an admin chose, then
 * (admins) enrol an authenticator. Null when nothing is pending.
 */
export function pendingAccountStep(actor: Pick<Actor, "mustChangePassword" | "role" | "secondFactorEnabled">): string | null {
  if (actor.mustChangePassword) return "/akun/kata-sandi";
  if (actor.role === "ADMIN" && !actor.secondFactorEnabled) return "/akun/keamanan";
  return null;
}

/**
 * The one guard. Every page, route handler and server action calls it first:
 * no session → sign-in page; a role without the permission → audited denial and HTTP 403.
 * Returns the caller's region scope so the next line cannot forget it.
 */
export async function requirePermission(permission: Permission, options: GuardOptions = {}): Promise<Authorized> {
  const [actor, context, path] = await Promise.all([getActor(), currentRequestContext(), currentPath()]);
  if (!actor) {
    redirect(signInPath(path));
  }
  const pending = options.allowPendingStep ? null : pendingAccountStep(actor);
  if (pending) redirect(pending);
  const auditActor = { id: actor.userId, username: actor.username, role: actor.role };
  if (!hasPermission(actor.role, permission)) {
    await recordAuditEvent({
      action: "access.deny",
      outcome: "DENIED",
      actor: auditActor,
      objectType: "route",
      objectId: path ?? undefined,
      reason: `missing_permission:${permission}`,
      context,
    });
    forbidden();
  }
  if (options.auditView) {
    await recordAuditEvent({ ...options.auditView, actor: auditActor, context, objectId: options.auditView.objectId ?? path ?? undefined });
  }
  return { actor, scope: regionScopeFor(actor.role, actor.regionCodes), context, auditActor };
}

/** For layouts: the actor or the sign-in page (or their pending account step), with no permission of its own. */
export async function requireActor(options: Pick<GuardOptions, "allowPendingStep"> = {}): Promise<ActiveSession> {
  const actor = await getActor();
  if (!actor) redirect(signInPath(await currentPath()));
  const pending = options.allowPendingStep ? null : pendingAccountStep(actor);
  if (pending) redirect(pending);
  return actor;
}

function signInPath(path: string | null): string {
  return `/masuk${path && path !== "/" ? `?callbackUrl=${encodeURIComponent(path)}` : ""}`;
}

export function actorCan(actor: { role: Role }, permission: Permission): boolean {
  return hasPermission(actor.role, permission);
}

/** The path proxy.ts stamped on the request, for audit records and the post-sign-in return. */
async function currentPath(): Promise<string | null> {
  try {
    const path = (await headers()).get("x-jangkau-path");
    // Set by proxy.ts; where it does not run a client could send it, so accept only a plain path.
    return path && path.startsWith("/") && !path.startsWith("//") && path.length <= 500 ? path : null;
  } catch {
    return null;
  }
}
