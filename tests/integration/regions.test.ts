import pg from "pg";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../support/throwaway-database.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findRegionAncestors } from "@/server/regions/find-region-ancestors.ts";
import { findRegionChildren } from "@/server/regions/find-region-children.ts";
import { findScopedRegionCascade } from "@/server/regions/find-scoped-region-cascade.ts";
import { findScopedRegionChildren } from "@/server/regions/find-scoped-region-children.ts";
import { getRegion } from "@/server/regions/get-region.ts";
import { ensureRegionsLoaded } from "@/server/regions/load-regions.ts";
import { searchRegions } from "@/server/regions/search-regions.ts";

const OFFICIAL_COUNTS = { PROVINCE: 38, REGENCY: 514, DISTRICT: 7285, VILLAGE: 83762 };

describe("ensureRegionsLoaded in an empty database", () => {
  // A database of its own: the shared test database may already have been filled by another file.
  let database: ThrowawayDatabase;
  let url: string;

  beforeAll(async () => {
    database = await createThrowawayDatabase("regions");
    url = database.url;
  });

  afterAll(async () => {
    await database.drop();
  });

  it("loads every level once, even when two processes start together", async () => {
    const messages: string[] = [];
    const started = performance.now();
    const results = await Promise.all([
      ensureRegionsLoaded({ url, log: (m) => messages.push(m) }),
      ensureRegionsLoaded({ url, log: (m) => messages.push(m) }),
    ]);
    const elapsedMs = performance.now() - started;

    expect(results.map((r) => r.loaded).sort()).toEqual([false, true]);
    for (const result of results) expect(result.counts).toEqual(OFFICIAL_COUNTS);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/idn-area-data/);
    // Measured at ~1.1 s; the bound only catches a load that stopped streaming.
    expect(elapsedMs).toBeLessThan(10_000);

    const again = await ensureRegionsLoaded({ url });
    expect(again).toEqual({ loaded: false, counts: OFFICIAL_COUNTS });
  });

  it("keeps parent links: every non-province points at an existing region one level up", async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ orphans: number; wrong_level: number }>(`
        SELECT count(*) FILTER (WHERE p.code IS NULL)::int AS orphans,
               count(*) FILTER (WHERE p.code IS NOT NULL AND r.code NOT LIKE p.code || '.%')::int AS wrong_level
        FROM region r LEFT JOIN region p ON p.code = r.parent_code
        WHERE r.level <> 'PROVINCE'`);
      expect(rows[0]).toEqual({ orphans: 0, wrong_level: 0 });
    } finally {
      await client.end();
    }
  });
});

describe("region queries", () => {
  beforeAll(async () => {
    const result = await ensureRegionsLoaded();
    expect(result.counts).toEqual(OFFICIAL_COUNTS);
    expect(await ensureRegionsLoaded()).toEqual({ loaded: false, counts: OFFICIAL_COUNTS });
  });

  it("gets one region by dotted or undotted code, as a plain DTO", async () => {
    const expected = { code: "32.73", name: "Kota Bandung", level: "REGENCY", parentCode: "32" };
    expect(await getRegion({ code: "32.73" })).toStrictEqual(expected);
    expect(await getRegion({ code: "3273" })).toStrictEqual(expected);
    expect(await getRegion({ code: "32.00" })).toBeNull();
    expect(await getRegion({ code: "nonsense" })).toBeNull();
  });

  it("lists the provinces for null and the children of a code", async () => {
    const provinces = await findRegionChildren({ parentCode: null });
    expect(provinces).toHaveLength(38);
    expect(provinces[0]).toStrictEqual({ code: "11", name: "Aceh", level: "PROVINCE", parentCode: null });

    const westJava = await findRegionChildren({ parentCode: "32" });
    expect(westJava).toContainEqual({ code: "32.73", name: "Kota Bandung", level: "REGENCY", parentCode: "32" });
    expect(westJava.every((r) => r.parentCode === "32" && r.level === "REGENCY")).toBe(true);
    expect(westJava.map((r) => r.code)).toEqual([...westJava.map((r) => r.code)].sort());

    expect((await findRegionChildren({ parentCode: "327301" })).every((r) => r.level === "VILLAGE")).toBe(true);
    expect(await findRegionChildren({ parentCode: "99.99" })).toEqual([]);
    expect(await findRegionChildren({ parentCode: "bad" })).toEqual([]);
  });

  it("lists ancestors province first, the region itself last", async () => {
    const [village] = await findRegionChildren({ parentCode: "32.73.01" });
    expect(village).toBeDefined();
    const path = await findRegionAncestors({ code: village!.code.replaceAll(".", "") });
    expect(path.map((r) => r.level)).toEqual(["PROVINCE", "REGENCY", "DISTRICT", "VILLAGE"]);
    expect(path.map((r) => r.code)).toEqual(["32", "32.73", "32.73.01", village!.code]);
    expect(path[1]?.name).toBe("Kota Bandung");

    expect(await findRegionAncestors({ code: "32" })).toHaveLength(1);
    expect(await findRegionAncestors({ code: "32.73.99.9999" })).toEqual([]);
  });

  describe("scoped region filters", () => {
    const officer = { kind: "regions", codes: ["32.73"] } as const;
    const codes = (regions: { code: string }[]) => regions.map((r) => r.code);

    it("offers a scoped user only the way down to their regions, then everything inside them", async () => {
      expect(codes(await findScopedRegionChildren({ parentCode: null, scope: officer }))).toEqual(["32"]);
      expect(codes(await findScopedRegionChildren({ parentCode: "32", scope: officer }))).toEqual(["32.73"]);
      expect(await findScopedRegionChildren({ parentCode: "32.73", scope: officer })).toEqual(await findRegionChildren({ parentCode: "32.73" }));
      expect(await findScopedRegionChildren({ parentCode: "33", scope: officer })).toEqual([]);
      expect(await findScopedRegionChildren({ parentCode: "32.04", scope: officer })).toEqual([]);
      expect(await findScopedRegionChildren({ parentCode: null, scope: { kind: "none" } })).toEqual([]);
      expect(await findScopedRegionChildren({ parentCode: null, scope: { kind: "all" } })).toHaveLength(38);
    });

    it("builds the cascade for a chosen code, and drops a path that leaves the scope", async () => {
      expect(await findScopedRegionCascade({ code: null, scope: officer })).toEqual({
        path: [],
        options: [await findScopedRegionChildren({ parentCode: null, scope: officer })],
      });

      const inside = await findScopedRegionCascade({ code: "32.73.01", scope: officer });
      expect(codes(inside.path)).toEqual(["32", "32.73", "32.73.01"]);
      expect(inside.options.map(codes)).toEqual([["32"], ["32.73"], codes(await findRegionChildren({ parentCode: "32.73" })), codes(await findRegionChildren({ parentCode: "32.73.01" }))]);

      // A hand-edited link to Kabupaten Bandung (32.04): nothing of it is shown, only the provinces the scope allows.
      expect(await findScopedRegionCascade({ code: "32.04", scope: officer })).toEqual({ path: [], options: [[expect.objectContaining({ code: "32" })]] });
    });
  });

  describe("searchRegions", () => {
    it("finds Bandung in both Kabupaten Bandung and Kota Bandung, exact matches first", async () => {
      const results = await searchRegions({ query: "bandung", limit: 10 });
      expect(results.slice(0, 2).map((r) => r.code).sort()).toEqual(["32.04", "32.73"]);
      expect(results[0]?.match).toBe("exact");
      expect(Object.keys(results[0]!).sort()).toEqual(["code", "level", "match", "name", "parentCode"]);
    });

    it.each(["kab bandung", "KAB. BANDUNG", "Kabupaten  Bandung", "kabupatenbandung"])(
      "reads a leading type word: %j → Kabupaten Bandung, not Kota Bandung",
      async (query) => {
        const results = await searchRegions({ query });
        expect(results[0]).toMatchObject({ code: "32.04", name: "Kabupaten Bandung", match: "exact" });
        expect(results.map((r) => r.code)).not.toContain("32.73");
      },
    );

    it.each(["kota adm jakarta selatan", "KOTA ADM. JAKARTA SELATAN", "Kota Administrasi Jakarta Selatan", "jakarta selatan"])(
      "finds Jakarta Selatan from %j",
      async (query) => {
        const [first] = await searchRegions({ query });
        expect(first).toMatchObject({ code: "31.74", name: "Kota Administrasi Jakarta Selatan", level: "REGENCY" });
      },
    );

    it("puts prefix matches before substring matches", async () => {
      const results = await searchRegions({ query: "bandung", level: "REGENCY" });
      expect(results.map((r) => [r.code, r.match])).toEqual([
        ["32.73", "exact"],
        ["32.04", "exact"],
        ["32.17", "prefix"],
      ]);
    });

    it("tolerates spacing and punctuation", async () => {
      expect((await searchRegions({ query: "tanjungpinang", level: "REGENCY" }))[0]?.name).toBe("Kota Tanjung Pinang");
      expect((await searchRegions({ query: "regapuu" }))[0]?.name).toBe("Regapu’u");
      expect((await searchRegions({ query: "KAB. KEP. SERIBU" }))[0]?.code).toBe("31.01");
    });

    it("finds a region by its code", async () => {
      expect((await searchRegions({ query: "3273" }))[0]).toMatchObject({ code: "32.73", match: "code" });
    });

    it("filters by level", async () => {
      const districts = await searchRegions({ query: "bandung", level: "DISTRICT" });
      expect(districts.length).toBeGreaterThan(0);
      expect(districts.every((r) => r.level === "DISTRICT")).toBe(true);
    });

    it("restricts to regions within a code, or within any of several", async () => {
      const inCity = await searchRegions({ query: "coblong", within: "32.73" });
      expect(inCity.map((r) => r.code)).toEqual(["32.73.02"]);
      expect(await searchRegions({ query: "coblong", within: "3204" })).toEqual([]);

      const inside = await searchRegions({ query: "bandung", within: ["32.04"], limit: 50 });
      expect(inside.map((r) => r.code)).toContain("32.04");
      expect(inside.every((r) => r.code === "32.04" || r.code.startsWith("32.04."))).toBe(true);

      // An empty or unreadable scope is no scope at all: nothing, never everything.
      expect(await searchRegions({ query: "bandung", within: [] })).toEqual([]);
      expect(await searchRegions({ query: "bandung", within: "32.7" })).toEqual([]);
    });

    it("honours the limit and ignores queries with nothing to search", async () => {
      expect(await searchRegions({ query: "sari", limit: 5 })).toHaveLength(5);
      expect(await searchRegions({ query: "sari", limit: 5000 })).toHaveLength(100);
      expect(await searchRegions({ query: "  .. " })).toEqual([]);
      expect(await searchRegions({ query: "a" })).toEqual([]);
    });
  });
});
