import pg from "pg";
import { afterEach, describe, expect, it, vi } from "vitest";
import { decodeLine, inlineSqlParameters } from "@/server/db/copy-out.ts";
import { answerApiRequest, ApiProblem } from "@/server/http/api-problem.ts";
import { clientAddress, parseTrustedProxies } from "@/server/http/client-address.ts";
import { requestContextFrom } from "@/server/http/request-context.ts";

describe("requestContextFrom", () => {
  afterEach(() => {
    delete process.env.JANGKAU_TRUSTED_PROXIES;
  });

  it("takes the connected peer, the user agent and a well-formed request id", () => {
    const context = requestContextFrom(
      new Headers({ "x-jangkau-peer": "::ffff:203.0.113.7", "user-agent": "Mozilla/5.0", "x-request-id": "a1b2c3d4-e5f6" }),
    );
    expect(context).toEqual({ ip: "203.0.113.7", userAgent: "Mozilla/5.0", requestId: "a1b2c3d4-e5f6" });
  });

  it("ignores X-Forwarded-For and X-Real-IP from a peer that is not a configured proxy", () => {
    const forged = { "x-jangkau-peer": "198.51.100.9", "x-forwarded-for": "203.0.113.7", "x-real-ip": "203.0.113.8" };
    expect(requestContextFrom(forged).ip).toBe("198.51.100.9");
    process.env.JANGKAU_TRUSTED_PROXIES = "10.0.0.0/8";
    expect(requestContextFrom(forged).ip).toBe("198.51.100.9");
  });

  it("records no address at all when the serving layer did not stamp the peer", () => {
    expect(requestContextFrom({ "x-forwarded-for": "203.0.113.7", "x-real-ip": "198.51.100.2" }).ip).toBeNull();
  });

  it("replaces a request id a client could have forged (too short, too long, not an id) with a fresh UUID", () => {
    for (const forged of ["short", "x".repeat(65), "id with spaces", "abc\r\nSet-Cookie:x", "<script>alert(1)</script>"]) {
      const { requestId } = requestContextFrom({ "x-request-id": forged });
      expect(requestId, forged).not.toBe(forged);
      expect(requestId, forged).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    }
  });

  it("cuts a long user agent at 500 characters", () => {
    expect(requestContextFrom({ "user-agent": "u".repeat(900) }).userAgent).toHaveLength(500);
  });
});

describe("clientAddress", () => {
  const proxies = parseTrustedProxies("10.0.0.0/8, 192.0.2.1 2001:db8::/32");

  it("walks X-Forwarded-For from the right past trusted proxies; the first untrusted hop is the client", () => {
    // The client wrote 1.1.1.1 itself; our proxy 10.0.0.5 appended what it saw, 203.0.113.7.
    expect(clientAddress("10.0.0.5", "1.1.1.1, 203.0.113.7", proxies)).toBe("203.0.113.7");
    expect(clientAddress("192.0.2.1", "1.1.1.1, 203.0.113.7, 10.1.2.3", proxies)).toBe("203.0.113.7");
    expect(clientAddress("2001:db8::1", "2001:DB8:FFFF::9", proxies)).toBe("2001:db8:ffff::9");
    expect(clientAddress("::ffff:10.0.0.5", "[2001:db9::1]", proxies)).toBe("2001:db9::1");
  });

  it("keeps the peer when it is not trusted, and stops at a hop that is not an address", () => {
    expect(clientAddress("203.0.113.7", "10.0.0.1", proxies)).toBe("203.0.113.7");
    expect(clientAddress("10.0.0.5", "203.0.113.7, bukan-alamat", proxies)).toBe("10.0.0.5");
    expect(clientAddress("10.0.0.5", "10.0.0.4", proxies)).toBe("10.0.0.4");
    expect(clientAddress("10.0.0.5", null, proxies)).toBe("10.0.0.5");
    expect(clientAddress("10.0.0.5", "203.0.113.7", parseTrustedProxies(undefined))).toBe("10.0.0.5");
  });

  it("refuses a configuration entry it cannot read", () => {
    for (const bad of ["10.0.0.0/33", "proxy.internal", "10.0.0.0/8/1", "2001:db8::/129", "10.0.0.0/x"]) {
      expect(() => parseTrustedProxies(bad), bad).toThrow(/JANGKAU_TRUSTED_PROXIES/);
    }
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

describe("inlineSqlParameters (COPY takes no bind parameters)", () => {
  const client = new pg.Client();

  it("writes numbers, quoted strings and arrays in place of their placeholders, keeping the casts", () => {
    const sql = inlineSqlParameters(client, "a = $1::int AND b = $2 AND c = ANY($3::text[]) AND d = $10 AND e = ANY($4::text[])", [
      -5, "O'Neil \\ x", ["32.73", "35"], [], 5, 6, 7, 8, 9, "ten",
    ]);
    expect(sql).toBe(`a = (-5)::int AND b =  E'O''Neil \\\\ x' AND c = ANY(ARRAY['32.73', '35']::text[]) AND d = 'ten' AND e = ANY(ARRAY[]::text[])`);
  });

  it("is one pass: a value that looks like a placeholder stays text", () => {
    expect(inlineSqlParameters(client, "x = $1 OR y = $2", ["$2", "b"])).toBe("x = '$2' OR y = 'b'");
  });

  it("refuses what it cannot write safely, and a placeholder without a value", () => {
    expect(() => inlineSqlParameters(client, "x = $1", [Number.NaN])).toThrow();
    expect(() => inlineSqlParameters(client, "x = $1", [{ a: 1 }])).toThrow();
    expect(() => inlineSqlParameters(client, "x = $1", [10n])).toThrow();
    expect(() => inlineSqlParameters(client, "x = $2", ["a"])).toThrow();
  });
});
