import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { previewAssignmentAction } from "@/app/(app)/tindak-lanjut/actions.ts";
import type { Authorized } from "@/server/access/guard.ts";
import { BUSINESS_REGION_COLUMNS, BUSINESS_REGION_FIELDS, regionScopeFor, regionScopeSql, regionScopeWhere } from "@/server/access/region-scope.ts";
import { db, disconnectDb, setDatabaseUrl } from "@/server/db/client.ts";
import { findLeadOfficers } from "@/server/leads/find-lead-officers.ts";
import { SqlParams } from "@/server/leads/lead-query.ts";
import { ensureRegionsLoaded } from "@/server/regions/load-regions.ts";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../support/throwaway-database.ts";

// Actions call the guard, which needs a Next request and a session: the test chooses the caller.
const guard = vi.hoisted(() => ({ authorized: null as Authorized | null }));
vi.mock("@/server/access/guard.ts", () => ({
  requirePermission: async () => {
    if (!guard.authorized) throw new Error("test set-up: no actor");
    return guard.authorized;
  },
}));

// Officers and businesses of its own, so no other file's lists see them.
const sharedUrl = process.env.DATABASE_URL as string;
let privateDb: ThrowawayDatabase;

beforeAll(async () => {
  privateDb = await createThrowawayDatabase("officers");
  await ensureRegionsLoaded({ url: privateDb.url });
  await disconnectDb();
  setDatabaseUrl(privateDb.url);
});

afterAll(async () => {
  await disconnectDb();
  setDatabaseUrl(sharedUrl);
  await privateDb?.drop();
});

/** The region scope of the lead workspace: who may be chosen as officer, and which lead may be opened. */
describe("findLeadOfficers", () => {
  it("lists active officers inside the scope or containing it, and none elsewhere", async () => {
    const tag = randomBytes(3).toString("hex");
    const officer = (suffix: string, regions: string[], active = true) =>
      db.user.create({
        data: { username: `ofc-${tag}-${suffix}`, name: `Petugas ${suffix}`, role: "OFFICER", active, regions: { create: regions.map((regionCode) => ({ regionCode })) } },
      });
    await officer("kota", ["32.73"]);
    await officer("kecamatan", ["32.73.01"]);
    await officer("provinsi", ["32"]);
    await officer("surabaya", ["35.78"]);
    await officer("nonaktif", ["32.73"], false);
    // "32.7" is no ancestor of "32.73.01": a prefix of the text is not a region above it.
    await officer("bekasi", ["32.75"]);
    const prefix = `ofc-${tag}-`;
    const ours = async (scope: Parameters<typeof findLeadOfficers>[0]["scope"]) =>
      (await findLeadOfficers({ scope })).filter((o) => o.username.startsWith(prefix)).map((o) => o.username.slice(prefix.length)).sort();

    expect(await ours(regionScopeFor("SUPERVISOR", ["32.73"]))).toEqual(["kecamatan", "kota", "provinsi"]);
    expect(await ours(regionScopeFor("SUPERVISOR", ["32.73.01"]))).toEqual(["kecamatan", "kota", "provinsi"]);
    expect(await ours(regionScopeFor("SUPERVISOR", ["35"]))).toEqual(["surabaya"]);
    expect(await ours({ kind: "all" })).toEqual(["bekasi", "kecamatan", "kota", "provinsi", "surabaya"]);
    expect(await ours(regionScopeFor("SUPERVISOR", []))).toEqual([]);
    const [kota] = (await findLeadOfficers({ scope: regionScopeFor("SUPERVISOR", ["32.73"]) })).filter((o) => o.username === `ofc-${tag}-kota`);
    expect(kota).toMatchObject({ name: "Petugas kota", regionCodes: ["32.73"] });
  });
});

describe("the region scope of lookups by id (Prisma) and of the lists (SQL)", () => {
  it("agree on a business whose codes are not filled in at every level", async () => {
    // Known by its district only: inside 32.73 by its code's text, but the lists go by the
    // regency column — the page, the reveal and the follow-up must not open what the list hides.
    const odd = await db.business.create({
      data: { name: "PT Kode Ganjil", nameCore: "KODE GANJIL", status: "BELUM_TERDAFTAR", isLead: true, priority: 1, sources: ["kemnaker-bu"], latestPeriod: "2025-S2", recordCount: 1, matchRunId: 0, districtCode: "32.73.01" },
    });
    const normal = await db.business.create({
      data: { name: "PT Kode Lengkap", nameCore: "KODE LENGKAP", status: "BELUM_TERDAFTAR", isLead: true, priority: 1, sources: ["kemnaker-bu"], latestPeriod: "2025-S2", recordCount: 1, matchRunId: 0, provinceCode: "32", regencyCode: "32.73", districtCode: "32.73.01" },
    });
    try {
      for (const codes of [["32.73"], ["32.73.01"], ["32"]]) {
        const scope = regionScopeFor("OFFICER", codes);
        const params = new SqlParams();
        const condition = regionScopeSql(scope, BUSINESS_REGION_COLUMNS, params);
        const listed = await db.$queryRawUnsafe<{ id: bigint }[]>(
          `SELECT b.id FROM business b WHERE b.id = ANY($${params.values.length + 1}::bigint[]) AND ${condition} ORDER BY b.id`,
          ...params.values,
          [odd.id, normal.id],
        );
        const opened = await db.business.findMany({ where: { id: { in: [odd.id, normal.id] }, ...regionScopeWhere(scope, BUSINESS_REGION_FIELDS) }, select: { id: true }, orderBy: { id: "asc" } });
        expect(opened.map((b) => b.id), codes.join()).toEqual(listed.map((b) => b.id));
      }
    } finally {
      await db.business.deleteMany({ where: { id: { in: [odd.id, normal.id] } } });
    }
  });
});

describe("the count before a bulk assignment", () => {
  it("audits a search text as lead.search, like the list does: even a count tells whether it exists", async () => {
    const supervisor = { id: "5b0f6d2e-0000-4000-8000-000000000001", username: "sari-uji", role: "SUPERVISOR" as const };
    const requestId = randomBytes(8).toString("hex");
    guard.authorized = {
      actor: { userId: supervisor.id, username: supervisor.username, role: "SUPERVISOR", regionCodes: ["32.73"] } as unknown as Authorized["actor"],
      scope: regionScopeFor("SUPERVISOR", ["32.73"]),
      context: { ip: "127.0.0.1", userAgent: "vitest", requestId },
      auditActor: supervisor,
    };
    try {
      const form = (filterQuery: string) => {
        const data = new FormData();
        data.set("filterQuery", filterQuery);
        return data;
      };
      expect(await previewAssignmentAction({ status: "idle" }, form("cari=3273014107850001"))).toMatchObject({ status: "success", result: { count: 0 } });
      expect(await previewAssignmentAction({ status: "idle" }, form("skala=besar"))).toMatchObject({ status: "success" });
    } finally {
      guard.authorized = null;
    }
    const events = await db.auditEvent.findMany({ where: { requestId }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.action, e.actorUsername, e.objectType])).toEqual([["lead.search", "sari-uji", "lead"]]);
  });
});
