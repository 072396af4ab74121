import { describe, expect, it } from "vitest";
import { homePathFor, navItemsFor } from "@/lib/navigation.ts";
import { hasPermission, PERMISSIONS, ROLE_PERMISSIONS } from "@/lib/permissions.ts";
import { BUSINESS_REGION_FIELDS, regionScopeFor, regionScopeWhere, scopeIncludes } from "@/server/access/region-scope.ts";

describe("permission map", () => {
  it("gives each role exactly its navigation", () => {
    const labels = (role: Parameters<typeof navItemsFor>[0]) => navItemsFor(role).map((i) => i.label);
    expect(labels("ADMIN")).toEqual(["Prospek", "Tindak Lanjut", "Dasbor Cakupan", "Laporan Monev", "Tinjauan Pencocokan", "Impor Data", "Data Balikan", "Perjanjian", "Pengguna", "Audit"]);
    expect(labels("SUPERVISOR")).toEqual(["Prospek", "Tindak Lanjut", "Dasbor Cakupan", "Laporan Monev", "Tinjauan Pencocokan"]);
    expect(labels("OFFICER")).toEqual(["Prospek", "Tindak Lanjut"]);
    expect(labels("AUDITOR")).toEqual(["Audit"]);
  });

  it("lets only the auditor and admin read the audit trail, and the auditor nothing else", () => {
    expect(ROLE_PERMISSIONS.AUDITOR).toEqual(["audit.read", "audit.export", "account.self"]);
    expect(hasPermission("OFFICER", "audit.read")).toBe(false);
    expect(hasPermission("SUPERVISOR", "users.manage")).toBe(false);
    expect(PERMISSIONS.every((p) => hasPermission("ADMIN", p))).toBe(true);
  });

  it("keeps export apart from reading: supervisors read leads but do not export them", () => {
    expect(hasPermission("SUPERVISOR", "leads.read")).toBe(true);
    expect(hasPermission("SUPERVISOR", "leads.export")).toBe(false);
    expect(hasPermission("OFFICER", "leads.export")).toBe(true);
  });

  it("lands each role on its first page", () => {
    expect(homePathFor("AUDITOR")).toBe("/audit");
    expect(homePathFor("OFFICER")).toBe("/prospek");
  });
});

describe("region scope", () => {
  const officer = regionScopeFor("OFFICER", ["32.73"]);

  it("covers the assigned regency and everything below it, nothing beside it", () => {
    expect(scopeIncludes(officer, "32.73")).toBe(true);
    expect(scopeIncludes(officer, "32.73.01.1001")).toBe(true);
    expect(scopeIncludes(officer, "32.7")).toBe(false);
    expect(scopeIncludes(officer, "32.74.01")).toBe(false);
    expect(scopeIncludes(officer, "32")).toBe(false);
    expect(scopeIncludes(officer, null)).toBe(false);
  });

  it("gives admins everything and auditors and unassigned officers nothing", () => {
    expect(scopeIncludes(regionScopeFor("ADMIN", []), "91.03")).toBe(true);
    expect(scopeIncludes(regionScopeFor("AUDITOR", ["32"]), "32.73")).toBe(false);
    expect(regionScopeFor("OFFICER", [])).toEqual({ kind: "none" });
  });

  it("builds the query condition that matches the same rows", () => {
    expect(regionScopeWhere(regionScopeFor("ADMIN", []), { code: "regionCode" })).toEqual({});
    // An empty IN, which matches nothing wherever the condition sits (an empty OR does not inside an AND).
    expect(regionScopeWhere({ kind: "none" }, { code: "regionCode" })).toEqual({ OR: [{ regionCode: { in: [] } }] });
    expect(regionScopeWhere(officer, { code: "regionCode" })).toEqual({
      OR: [{ regionCode: "32.73" }, { regionCode: { startsWith: "32.73." } }],
    });
    expect(regionScopeWhere(regionScopeFor("OFFICER", ["3273", "32", "35.78"]), BUSINESS_REGION_FIELDS)).toEqual({
      OR: [{ provinceCode: "32" }, { regencyCode: { in: ["32.73", "35.78"] } }],
    });
  });
});
