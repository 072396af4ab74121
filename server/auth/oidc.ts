import "server-only";
import type { Account, Profile } from "next-auth";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { appendAuditEvent, recordAuditEvent } from "@/server/audit/append-audit-event.ts";
import { config } from "@/server/config.ts";
import { db } from "@/server/db/client.ts";
import { currentRequestContext } from "@/server/http/request-context.ts";
import { createAuthSession } from "./sessions.ts";

interface OidcProfile extends Profile {
  sub: string;
  preferred_username?: string;
  name?: string;
}

/** Whether single sign-on (e.g. Keycloak) is configured through the environment. */
export function oidcEnabled(): boolean {
  const { OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET } = config();
  return Boolean(OIDC_ISSUER && OIDC_CLIENT_ID && OIDC_CLIENT_SECRET);
}

export function oidcDisplayName(): string {
  return config().OIDC_DISPLAY_NAME;
}

/** The next-auth provider for an OpenID Connect issuer, or none when it is not configured. */
export function oidcProvider(): OAuthConfig<OidcProfile>[] {
  if (!oidcEnabled()) return [];
  const { OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET } = config();
  const issuer = OIDC_ISSUER!.replace(/\/$/, "");
  return [
    {
      id: "oidc",
      name: oidcDisplayName(),
      type: "oauth",
      wellKnown: `${issuer}/.well-known/openid-configuration`,
      clientId: OIDC_CLIENT_ID,
      clientSecret: OIDC_CLIENT_SECRET,
      authorization: { params: { scope: "openid profile" } },
      idToken: true,
      checks: ["pkce", "state"],
      profile: (profile) => ({ id: profile.sub, name: profile.name ?? profile.preferred_username ?? profile.sub }),
    },
  ];
}

/**
 * Signs in a user the identity provider vouched for. Only users an admin created in Jangkau
 * may enter (role and regions live here, not at the provider): matched by the provider's
 * subject, or on first use by user name, which then links the subject.
 */
export async function signInWithOidc(
  account: Account,
  profile: Profile | undefined,
): Promise<{ userId: string; sessionId: string } | null> {
  const context = await currentRequestContext();
  const claims = profile as OidcProfile | undefined;
  const subject = claims?.sub ?? account.providerAccountId;
  const username = claims?.preferred_username?.trim().toLowerCase();

  const user =
    (await db.user.findUnique({ where: { oidcSubject: subject } })) ??
    (username ? await db.user.findFirst({ where: { username, oidcSubject: null } }) : null);
  if (!user || !user.active) {
    await recordAuditEvent({
      action: "auth.sign_in_failed",
      outcome: "FAILURE",
      actor: user ? { id: user.id, username: user.username, role: user.role } : null,
      reason: user ? "inactive" : "oidc_unknown_user",
      details: { method: "oidc" },
      context,
    });
    return null;
  }

  return db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: user.id },
      data: { oidcSubject: subject, lastLoginAt: new Date(), failedLogins: 0 },
    });
    const session = await createAuthSession(tx, user.id, context);
    await appendAuditEvent(tx, {
      action: "auth.sign_in",
      actor: { id: user.id, username: user.username, role: user.role },
      objectType: "session",
      objectId: session.id,
      details: { method: "oidc" },
      context,
    });
    return { userId: user.id, sessionId: session.id };
  });
}
