import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { sealLeadSearchAction } from "@/app/(app)/prospek/actions.ts";
import { previewAssignmentAction } from "@/app/(app)/tindak-lanjut/actions.ts";
import { leadListSearchParams, parseLeadListState } from "@/lib/leads/lead-url-state.ts";
import type { Authorized } from "@/server/access/guard.ts";
import { regionScopeFor } from "@/server/access/region-scope.ts";
import { db } from "@/server/db/client.ts";
import { openLeadSearch, sealLeadSearch } from "@/server/leads/lead-search-token.ts";

/**
 * A search for a NIK never travels in a URL nor lands in the audit trail: the search form posts
 * it, the URL carries a sealed token bound to the user, and `lead.search` records the masked value.
 */
const guard = vi.hoisted(() => ({ authorized: null as Authorized | null }));
vi.mock("@/server/access/guard.ts", () => ({
  requirePermission: async () => {
    if (!guard.authorized) throw new Error("test set-up: no actor");
    return guard.authorized;
  },
}));

const NIK = "3273014107850001";

function as(userId: string, requestId: string) {
  const user = { id: userId, username: `uji-${userId.slice(-4)}`, role: "SUPERVISOR" as const };
  guard.authorized = {
    actor: { userId, username: user.username, role: "SUPERVISOR", regionCodes: ["32.73"] } as unknown as Authorized["actor"],
    scope: regionScopeFor("SUPERVISOR", ["32.73"]),
    context: { ip: "127.0.0.1", userAgent: "vitest", requestId },
    auditActor: user,
  };
}

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};

beforeAll(() => {
  process.env.JANGKAU_SECRET_KEY = randomBytes(32).toString("base64");
});

describe("search by NIK", () => {
  it("posts the NIK and gets an opaque token that the URL carries instead", async () => {
    const userId = "5b0f6d2e-0000-4000-8000-00000000a001";
    as(userId, randomBytes(8).toString("hex"));
    const sealed = await sealLeadSearchAction({ status: "idle" }, form({ q: NIK }));
    expect(sealed.status).toBe("success");
    const token = sealed.result!;
    expect(token).not.toContain(NIK);
    expect(openLeadSearch(token, userId)).toBe(NIK);

    const state = parseLeadListState(new URLSearchParams({ "cari-token": token, wilayah: "32.73" }));
    const url = leadListSearchParams(state).toString();
    expect(url).toContain("cari-token=");
    expect(url).not.toContain(NIK);
    expect(url).toContain("wilayah=32.73");
  });

  it("audits the search as a NIK search with the masked value, never the NIK, a path or a query string", async () => {
    const userId = "5b0f6d2e-0000-4000-8000-00000000a002";
    const requestId = randomBytes(8).toString("hex");
    as(userId, requestId);
    const token = sealLeadSearch(NIK, userId);
    expect(await previewAssignmentAction({ status: "idle" }, form({ filterQuery: `cari-token=${token}` }))).toMatchObject({ status: "success" });
    const [event] = await db.auditEvent.findMany({ where: { requestId, action: "lead.search" } });
    expect(event).toBeDefined();
    expect(event!.details).toMatchObject({ searchKind: "nik", filter: { q: "3273••••••••0001" } });
    const stored = JSON.stringify(event, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value));
    expect(stored).not.toContain(NIK);
    expect(stored).not.toContain(token);
    expect(event!.objectId ?? "").not.toContain("?");
  });

  it("refuses another user's or an expired token instead of acting on every lead", async () => {
    const owner = "5b0f6d2e-0000-4000-8000-00000000a003";
    const token = sealLeadSearch(NIK, owner);
    as("5b0f6d2e-0000-4000-8000-00000000a004", randomBytes(8).toString("hex"));
    expect(openLeadSearch(token, "5b0f6d2e-0000-4000-8000-00000000a004")).toBeNull();
    const refused = await previewAssignmentAction({ status: "idle" }, form({ filterQuery: `cari-token=${token}` }));
    expect(refused).toMatchObject({ status: "error" });
    expect(refused.message).toMatch(/kedaluwarsa/);
    // Eight hours later the owner's own token no longer opens either.
    expect(openLeadSearch(token, owner, Date.now() + 8 * 60 * 60 * 1000 + 1)).toBeNull();
    expect(openLeadSearch("v1.rusak.rusak.rusak.rusak", owner)).toBeNull();
  });
});
