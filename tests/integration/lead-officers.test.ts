import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { regionScopeFor } from "@/server/access/region-scope.ts";
import { db } from "@/server/db/client.ts";
import { findLeadOfficers } from "@/server/leads/find-lead-officers.ts";
import { ensureRegionsLoaded } from "@/server/regions/load-regions.ts";

/** The officers a lead list offers: those whose regions overlap the caller's, chosen by the query. */
describe("findLeadOfficers", () => {
  it("lists active officers inside the scope or containing it, and none elsewhere", async () => {
    await ensureRegionsLoaded();
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
