import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/server/db/client.ts";
import { refuseMalformedRequest } from "@/server/http/refuse-malformed-request.ts";

/** The serving layer's mark (scripts/next-server.mjs), from one connected address. */
function marked(peer: string, reason: string, path: string, extra: Record<string, string> = {}) {
  return new Request("http://localhost/api/permintaan-cacat", {
    method: "POST",
    headers: { "x-jangkau-peer": peer, "x-jangkau-malformed": reason, "x-jangkau-malformed-path": path, "x-request-id": randomUUID(), ...extra },
  });
}

const randomPeer = () => `10.77.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

describe("refusing a malformed request", () => {
  it("answers 400 and records request.malformed with the reason, method, path and client address", async () => {
    const peer = randomPeer();
    const api = await refuseMalformedRequest(marked(peer, "path_nul", "/api/v1/partners/%00/records"));
    expect(api.status).toBe(400);
    expect(api.headers.get("content-type")).toContain("application/problem+json");
    expect(await api.json()).toMatchObject({ status: 400, code: "malformed_request", title: "Permintaan tidak valid" });

    const page = await refuseMalformedRequest(marked(peer, "path_encoding", "/prospek/%ff%fe"));
    expect(page.status).toBe(400);
    expect(await page.text()).toContain("kode persen yang tidak sah");

    const events = await db.auditEvent.findMany({ where: { action: "request.malformed", ip: peer }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.outcome, e.reason, e.details])).toEqual([
      ["DENIED", "path_nul", { path: "/api/v1/partners/%00/records", method: "POST" }],
      ["DENIED", "path_encoding", { path: "/prospek/%ff%fe", method: "POST" }],
    ]);
  });

  it("does not exist for a request without the serving layer's mark, or with a reason it never sets", async () => {
    const before = await db.auditEvent.count({ where: { action: "request.malformed" } });
    expect((await refuseMalformedRequest(new Request("http://localhost/api/permintaan-cacat"))).status).toBe(404);
    expect((await refuseMalformedRequest(marked(randomPeer(), "toString", "/x"))).status).toBe(404);
    expect(await db.auditEvent.count({ where: { action: "request.malformed" } })).toBe(before);
  });

  it("records a flood from one address only up to its budget, then once that the rest were not, and refuses them all", async () => {
    const peer = randomPeer();
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) statuses.push((await refuseMalformedRequest(marked(peer, "router_state", "/masuk"))).status);
    expect(new Set(statuses)).toEqual(new Set([400]));
    const reasons = (await db.auditEvent.findMany({ where: { action: "request.malformed", ip: peer }, orderBy: { id: "asc" }, select: { reason: true } })).map((e) => e.reason);
    expect(reasons).toEqual([...Array<string>(20).fill("router_state"), "router_state_rate_limited"]);
  });
});
