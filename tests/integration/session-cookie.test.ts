import { randomBytes } from "node:crypto";
import { encode } from "next-auth/jwt";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { sessionCookie, sessionCookieName } from "@/server/auth/session-cookie.ts";
import { signInWithPassword } from "@/server/auth/sign-in-with-password.ts";
import { createTestUser, NO_CONTEXT } from "../support/factories.ts";

// The guard reads the cookie jar of the current request: tests hand it one.
const jar = vi.hoisted(() => new Map<string, string>());
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined) }),
  headers: async () => new Headers(),
}));

const saved = { url: process.env.NEXTAUTH_URL, secret: process.env.NEXTAUTH_SECRET };
beforeAll(() => {
  process.env.NEXTAUTH_SECRET = randomBytes(32).toString("base64url");
});
afterEach(() => {
  jar.clear();
  // Assigning undefined would store the string "undefined", which is no URL.
  if (saved.url === undefined) delete process.env.NEXTAUTH_URL;
  else process.env.NEXTAUTH_URL = saved.url;
});

describe("session cookie options", () => {
  it("uses the __Host- prefix with Secure, Path=/ and no Domain when the public URL is https", () => {
    const cookie = sessionCookie("https://jangkau.bpjs-kesehatan.go.id");
    expect(cookie.name).toBe("__Host-next-auth.session-token");
    expect(cookie.options).toEqual({ httpOnly: true, sameSite: "lax", path: "/", secure: true });
    expect(cookie.options).not.toHaveProperty("domain");
  });

  it("keeps the plain name (and no Secure flag, which http cannot carry) on http", () => {
    expect(sessionCookie("http://localhost:3000")).toMatchObject({ name: "next-auth.session-token", options: { secure: false } });
  });

  it("is what next-auth is configured with, read from NEXTAUTH_URL at request time", async () => {
    const { authOptions } = await import("@/server/auth/auth-options.ts");
    process.env.NEXTAUTH_URL = "https://jangkau.example";
    expect(authOptions.cookies?.sessionToken?.name).toBe("__Host-next-auth.session-token");
    expect(authOptions.useSecureCookies).toBe(true);
    process.env.NEXTAUTH_URL = "http://localhost:3211";
    expect(authOptions.cookies?.sessionToken?.name).toBe("next-auth.session-token");
  });
});

describe("the guard reads only the cookie name of the public URL's scheme", () => {
  async function validToken() {
    const user = await createTestUser({ role: "AUDITOR" });
    const result = await signInWithPassword({ username: user.username, password: user.password, context: NO_CONTEXT });
    if (!result.ok) throw new Error("sign-in failed");
    return { user, token: await encode({ token: { sid: result.sessionId }, secret: process.env.NEXTAUTH_SECRET! }) };
  }

  it("on https refuses a valid session under the unprefixed name, accepts it under __Host-", async () => {
    const { getActor } = await import("@/server/access/guard.ts");
    const { user, token } = await validToken();
    process.env.NEXTAUTH_URL = "https://jangkau.example";

    jar.set("next-auth.session-token", token);
    expect(await getActor()).toBeNull();
    jar.set("__Secure-next-auth.session-token", token);
    expect(await getActor()).toBeNull();

    jar.clear();
    jar.set(sessionCookieName(), token);
    expect(sessionCookieName()).toBe("__Host-next-auth.session-token");
    expect(await getActor()).toMatchObject({ userId: user.id });
  });

  it("on http reads the plain name", async () => {
    const { getActor } = await import("@/server/access/guard.ts");
    const { user, token } = await validToken();
    process.env.NEXTAUTH_URL = "http://localhost:3211";
    jar.set("next-auth.session-token", token);
    expect(await getActor()).toMatchObject({ userId: user.id });
  });
});
