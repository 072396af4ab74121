import { randomBytes } from "node:crypto";
import { encode } from "next-auth/jwt";
import { afterEach, describe, expect, it, vi } from "vitest";

// Counts the cookies actually opened, to see which ones were remembered.
const opens = vi.hoisted(() => ({ count: 0 }));
vi.mock("next-auth/jwt", async (importOriginal) => {
  const original = await importOriginal<typeof import("next-auth/jwt")>();
  return {
    ...original,
    decode: async (params: Parameters<typeof original.decode>[0]) => {
      opens.count++;
      return original.decode(params);
    },
  };
});

const { sessionIdFromToken } = await import("@/server/auth/session-token.ts");

const secret = () => randomBytes(32).toString("base64url");

afterEach(() => {
  vi.useRealTimers();
  opens.count = 0;
});

describe("sessionIdFromToken", () => {
  it("opens a cookie once and answers the same cookie again from memory", async () => {
    const key = secret();
    const token = await encode({ token: { sid: "11111111-1111-4111-8111-111111111111" }, secret: key });
    expect(await sessionIdFromToken(token, key)).toBe("11111111-1111-4111-8111-111111111111");
    expect(await sessionIdFromToken(token, key)).toBe("11111111-1111-4111-8111-111111111111");
    expect(opens.count).toBe(1);
  });

  it("refuses a remembered cookie under another secret, and a tampered one", async () => {
    const key = secret();
    const token = await encode({ token: { sid: "22222222-2222-4222-8222-222222222222" }, secret: key });
    expect(await sessionIdFromToken(token, key)).not.toBeNull();
    expect(await sessionIdFromToken(token, secret())).toBeNull();
    const tampered = token.slice(0, -4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
    expect(await sessionIdFromToken(tampered, key)).toBeNull();
  });

  it("forgets a cookie once it expires: it then fails to open, as it always did", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const key = secret();
    const token = await encode({ token: { sid: "33333333-3333-4333-8333-333333333333" }, secret: key, maxAge: 60 });
    expect(await sessionIdFromToken(token, key)).toBe("33333333-3333-4333-8333-333333333333");
    vi.setSystemTime(Date.now() + 10 * 60_000);
    expect(await sessionIdFromToken(token, key)).toBeNull();
    expect(opens.count).toBe(2);
  });

  it("is null for a cookie without a session id", async () => {
    const key = secret();
    expect(await sessionIdFromToken(await encode({ token: { name: "x" }, secret: key }), key)).toBeNull();
  });
});
