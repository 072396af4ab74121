import { describe, expect, it, vi } from "vitest";
import { decodeLine } from "@/server/db/copy-out.ts";
import { answerApiRequest, ApiProblem } from "@/server/http/api-problem.ts";
import { requestContextFrom } from "@/server/http/request-context.ts";

describe("requestContextFrom", () => {
  it("takes the first forwarded hop, the user agent and a well-formed request id", () => {
    const context = requestContextFrom(
      new Headers({ "x-forwarded-for": "203.0.113.7, 10.0.0.1", "user-agent": "Mozilla/5.0", "x-request-id": "a1b2c3d4-e5f6" }),
    );
    expect(context).toEqual({ ip: "203.0.113.7", userAgent: "Mozilla/5.0", requestId: "a1b2c3d4-e5f6" });
  });

  it("replaces a request id a client could have forged (too short, too long, not an id) with a fresh UUID", () => {
    for (const forged of ["short", "x".repeat(65), "id with spaces", "abc\r\nSet-Cookie:x", "<script>alert(1)</script>"]) {
      const { requestId } = requestContextFrom({ "x-request-id": forged });
      expect(requestId, forged).not.toBe(forged);
      expect(requestId, forged).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    }
  });

  it("cuts a long user agent at 500 characters and falls back to X-Real-IP", () => {
    const context = requestContextFrom({ "user-agent": "u".repeat(900), "x-real-ip": "198.51.100.2" });
    expect(context.userAgent).toHaveLength(500);
    expect(context.ip).toBe("198.51.100.2");
  });
});

describe("answerApiRequest", () => {
  const request = new Request("http://localhost/api/v1/x", { method: "POST", headers: { "x-request-id": "req-12345678" } });

  it("answers an ApiProblem as problem+json with its status, code and the request id", async () => {
    const response = await answerApiRequest(request, async () => {
      throw new ApiProblem(429, "rate_limited", "Terlalu banyak permintaan", "Coba lagi nanti.", { headers: { "Retry-After": "7" } });
    });
    expect(response.status).toBe(429);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    expect(response.headers.get("retry-after")).toBe("7");
    expect(await response.json()).toEqual({
      type: "urn:jangkau:problem:rate_limited",
      title: "Terlalu banyak permintaan",
      status: 429,
      detail: "Coba lagi nanti.",
      code: "rate_limited",
      requestId: "req-12345678",
    });
  });

  it("never echoes a malformed request id", async () => {
    const forged = new Request("http://localhost/api/v1/x", { method: "POST", headers: { "x-request-id": "<b>x</b>" } });
    const response = await answerApiRequest(forged, async () => {
      throw new ApiProblem(400, "bad", "Salah", "Salah.");
    });
    expect(response.headers.get("x-request-id")).toBeNull();
    expect(await response.text()).not.toContain("<b>");
  });

  it("answers anything else 500 without its details", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const response = await answerApiRequest(request, async () => {
        throw new Error("password=hunter2 at db.internal");
      });
      expect(response.status).toBe(500);
      const text = await response.text();
      expect(text).not.toContain("hunter2");
      expect(JSON.parse(text)).toMatchObject({ code: "internal_error", requestId: "req-12345678" });
      expect(log).toHaveBeenCalledOnce();
    } finally {
      log.mockRestore();
    }
  });
});

describe("COPY text decoding", () => {
  it("splits on tabs, reads \\N as NULL and undoes COPY's backslash escapes", () => {
    expect(decodeLine("plain\t\\N\t\ta\\tb\\nc\\\\d\\re")).toEqual(["plain", null, "", "a\tb\nc\\d\re"]);
    // A literal "\N" inside a value is escaped by COPY, so it stays text.
    expect(decodeLine("\\\\N")).toEqual(["\\N"]);
  });
});
