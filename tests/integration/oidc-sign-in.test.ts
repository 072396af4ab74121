import { randomUUID } from "node:crypto";
import type { Account } from "next-auth";
import { afterEach, describe, expect, it } from "vitest";
import { oidcEnabled, oidcProvider, signInWithOidc } from "@/server/auth/oidc.ts";
import { loadActiveSession } from "@/server/auth/sessions.ts";
import { db } from "@/server/db/client.ts";
import { createTestUser, NO_CONTEXT } from "../support/factories.ts";

const account = (sub: string) => ({ provider: "oidc", type: "oauth", providerAccountId: sub }) as Account;

describe("OIDC sign-in", () => {
  afterEach(() => {
    delete process.env.OIDC_ISSUER;
    delete process.env.OIDC_CLIENT_ID;
    delete process.env.OIDC_CLIENT_SECRET;
  });

  it("is offered only when issuer, client id and secret are configured", () => {
    expect(oidcEnabled()).toBe(false);
    expect(oidcProvider()).toEqual([]);
    process.env.OIDC_ISSUER = "https://sso.example/realms/bpjs/";
    process.env.OIDC_CLIENT_ID = "jangkau";
    process.env.OIDC_CLIENT_SECRET = "rahasia";
    expect(oidcProvider()[0]).toMatchObject({
      id: "oidc",
      wellKnown: "https://sso.example/realms/bpjs/.well-known/openid-configuration",
      checks: ["pkce", "state"],
    });
  });

  it("lets in a user created in Jangkau, links the subject, and finds them by it next time", async () => {
    const user = await createTestUser({ role: "SUPERVISOR", regionCodes: ["32"] });
    const sub = randomUUID();
    const first = await signInWithOidc(account(sub), { sub, preferred_username: user.username.toUpperCase() } as never);
    expect(first).not.toBeNull();
    expect(await loadActiveSession(first!.sessionId, NO_CONTEXT)).toMatchObject({ userId: user.id, role: "SUPERVISOR" });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).oidcSubject).toBe(sub);

    // The provider renamed the user: the subject still identifies them.
    const second = await signInWithOidc(account(sub), { sub, preferred_username: "nama-baru" } as never);
    expect(second?.userId).toBe(user.id);
  });

  it("refuses identities with no Jangkau account, and deactivated users", async () => {
    const sub = randomUUID();
    expect(await signInWithOidc(account(sub), { sub, preferred_username: `tidak-ada-${sub}` } as never)).toBeNull();

    const user = await createTestUser();
    await db.user.update({ where: { id: user.id }, data: { active: false } });
    expect(await signInWithOidc(account(sub), { sub, preferred_username: user.username } as never)).toBeNull();
    const failure = await db.auditEvent.findFirst({ where: { actorId: user.id, action: "auth.sign_in_failed" } });
    expect(failure?.reason).toBe("inactive");
  });
});
