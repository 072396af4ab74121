import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectDb, setDatabaseUrl } from "@/server/db/client.ts";
import { findRegionAncestors } from "@/server/regions/find-region-ancestors.ts";
import { findRegionChildren } from "@/server/regions/find-region-children.ts";
import { ensureRegionsLoaded } from "@/server/regions/load-regions.ts";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../support/throwaway-database.ts";

// Starts with an empty region table: a database of its own.
const sharedUrl = process.env.DATABASE_URL as string;
let database: ThrowawayDatabase;

beforeAll(async () => {
  database = await createThrowawayDatabase("regioncache");
  await disconnectDb();
  setDatabaseUrl(database.url);
});

afterAll(async () => {
  await disconnectDb();
  setDatabaseUrl(sharedUrl);
  await database.drop();
});

describe("region lookups kept in memory", () => {
  it("never keep an empty answer, and hand each caller its own copy", { timeout: 120_000 }, async () => {
    // Before the table is loaded: nothing, and nothing remembered.
    expect(await findRegionChildren({ parentCode: null })).toEqual([]);
    expect(await findRegionAncestors({ code: "32.73" })).toEqual([]);
    await ensureRegionsLoaded({ url: database.url });
    const provinces = await findRegionChildren({ parentCode: null });
    expect(provinces.length).toBeGreaterThan(30);
    expect((await findRegionAncestors({ code: "32.73" })).map((r) => r.code)).toEqual(["32", "32.73"]);

    // A caller sorting or emptying its list leaves the next caller's alone.
    provinces.reverse().length = 1;
    const again = await findRegionChildren({ parentCode: null });
    expect(again.length).toBeGreaterThan(30);
    expect(again[0]!.code).toBe("11");
  });
});
