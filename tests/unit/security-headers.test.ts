import { NextRequest } from "next/server";
import { afterEach, describe, expect, it } from "vitest";
import { pendingAccountStep } from "@/server/access/guard.ts";
import { proxy } from "@/proxy.ts";

const saved = process.env.NEXTAUTH_URL;
afterEach(() => {
  process.env.NEXTAUTH_URL = saved;
});

describe("HSTS", () => {
  it("is sent on every response when the public URL is https", () => {
    process.env.NEXTAUTH_URL = "https://jangkau.bpjs-kesehatan.go.id";
    const response = proxy(new NextRequest("http://127.0.0.1:3000/prospek"));
    expect(response.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
  });

  it("is not sent when users reach the app over plain http (it would lock them out)", () => {
    process.env.NEXTAUTH_URL = "http://localhost:3000";
    expect(proxy(new NextRequest("http://localhost:3000/masuk")).headers.get("strict-transport-security")).toBeNull();
  });
});

describe("pending account steps", () => {
  const user = { mustChangePassword: false, role: "OFFICER" as const, secondFactorEnabled: false };

  it("sends a forced password change first, then an admin without an authenticator to enrolment", () => {
    expect(pendingAccountStep({ ...user, mustChangePassword: true, role: "ADMIN" })).toBe("/akun/kata-sandi");
    expect(pendingAccountStep({ ...user, role: "ADMIN" })).toBe("/akun/keamanan");
    expect(pendingAccountStep({ ...user, role: "ADMIN", secondFactorEnabled: true })).toBeNull();
    // Optional for the other roles.
    expect(pendingAccountStep(user)).toBeNull();
  });
});
