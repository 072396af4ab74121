/**
 * The one region-scope rule (server/access/region-scope.ts) against its plain definition: a record
 * is in scope iff one of the scope codes is the record's code at that code's level — an
 * ancestor-or-self of the record's region. Every generated form is checked on real PostgreSQL
 * rows over all four region levels: the Prisma `where` and the SQL condition on the business's
 * per-level columns, both on a single code column (review pairs), and the in-memory test.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BUSINESS_REGION_COLUMNS,
  BUSINESS_REGION_FIELDS,
  regionScopeSql,
  regionScopeWhere,
  scopeIncludes,
  type RegionScope,
} from "@/server/access/region-scope.ts";
import { db, disconnectDb, setDatabaseUrl } from "@/server/db/client.ts";
import { SqlParams } from "@/server/leads/lead-query.ts";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../support/throwaway-database.ts";

/** Region codes of every level (province, regency/city, district, village), some nested, some not. */
const REGIONS = [
  "32", "35",
  "32.73", "32.04", "35.78",
  "32.73.01", "32.73.02", "32.04.01", "35.78.01",
  "32.73.01.1001", "32.73.01.1002", "32.73.02.1001", "32.04.01.2001", "35.78.01.1003",
];
/** Scope codes that hold no record or are not codes at all: undotted, a sibling, a prefix that is not a code. */
const ODD_SCOPE_CODES = ["3273", "33", "32.74", "32.7", "3", "32.73.01.100", ""];

/** The plain definition, on dotted codes, written without the rule's helpers. */
function plainlyInScope(scope: RegionScope, code: string | null): boolean {
  if (scope.kind === "all") return true;
  if (scope.kind === "none" || code === null) return false;
  const segments = code.split(".");
  const ancestorsOrSelf = segments.map((_, i) => segments.slice(0, i + 1).join("."));
  return scope.codes.some((raw) => {
    // An undotted code is the same code: split 2-2-2-4.
    const dotted = /^\d+$/.test(raw) ? [raw.slice(0, 2), raw.slice(2, 4), raw.slice(4, 6), raw.slice(6)].filter(Boolean).join(".") : raw;
    return ancestorsOrSelf.includes(dotted);
  });
}

/** A seeded generator, so a failure names a scope that can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function scopes(): RegionScope[] {
  const pool = [...REGIONS, ...ODD_SCOPE_CODES];
  const all: RegionScope[] = [{ kind: "all" }, { kind: "none" }, { kind: "regions", codes: [] }];
  for (const a of pool) {
    all.push({ kind: "regions", codes: [a] });
    for (const b of pool) if (a < b) all.push({ kind: "regions", codes: [a, b] });
  }
  const next = random(20261206);
  for (let i = 0; i < 150; i++) {
    const size = 3 + Math.floor(next() * 4);
    all.push({ kind: "regions", codes: Array.from({ length: size }, () => pool[Math.floor(next() * pool.length)]!) });
  }
  return all;
}

const sharedUrl = process.env.DATABASE_URL as string;
let privateDb: ThrowawayDatabase;
const businessCode = new Map<bigint, string>();
const reviewCode = new Map<bigint, string | null>();

beforeAll(async () => {
  privateDb = await createThrowawayDatabase("regionscope");
  await disconnectDb();
  setDatabaseUrl(privateDb.url);
  // One business per region, its per-level columns filled from its code as the matcher writes them.
  for (const code of REGIONS) {
    const [provinceCode, regencyCode, districtCode, villageCode] = code.split(".").map((_, i, s) => s.slice(0, i + 1).join("."));
    const business = await db.business.create({
      data: {
        name: `PT Wilayah ${code}`, nameCore: `WILAYAH ${code}`, status: "BELUM_TERDAFTAR", isLead: true, priority: 1, sources: ["kemnaker-bu"],
        latestPeriod: "2025-S2", recordCount: 1, matchRunId: 0, provinceCode, regencyCode, districtCode, villageCode,
      },
    });
    businessCode.set(business.id, code);
  }
  // Review pairs know their regency only (or nothing).
  for (const [i, code] of ["32.73", "32.04", "35.78", null].entries()) {
    const review = await db.matchReview.create({
      data: { leftFingerprint: `l${i}`, rightFingerprint: `r${i}`, leftRecordId: BigInt(i), rightRecordId: BigInt(i + 100), regencyCode: code, score: 0.8 },
    });
    reviewCode.set(review.id, code);
  }
});

afterAll(async () => {
  await disconnectDb();
  setDatabaseUrl(sharedUrl);
  await privateDb?.drop();
});

const sorted = (ids: Iterable<bigint>) => [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
const expected = (rows: Map<bigint, string | null>, scope: RegionScope) => sorted([...rows].filter(([, code]) => plainlyInScope(scope, code)).map(([id]) => id));

describe("the region-scope rule", () => {
  const cases = scopes();

  it(`agrees with its plain definition in memory, for ${cases.length} scopes over every region level`, () => {
    for (const scope of cases) {
      for (const code of [...REGIONS, null]) expect(scopeIncludes(scope, code), `${JSON.stringify(scope)} ∋ ${code}`).toBe(plainlyInScope(scope, code));
    }
  });

  it("agrees with it as a Prisma where and as SQL, on per-level columns and on a code column", async () => {
    for (const scope of cases) {
      const label = JSON.stringify(scope);
      const byPrisma = await db.business.findMany({ where: regionScopeWhere(scope, BUSINESS_REGION_FIELDS), select: { id: true } });
      expect(sorted(byPrisma.map((b) => b.id)), `${label}: Prisma, business`).toEqual(expected(businessCode, scope));
      // Inside an AND, as callers combine it with a lookup by id.
      const inAnd = await db.business.findMany({ where: { AND: [{ id: { gt: 0n } }, regionScopeWhere(scope, BUSINESS_REGION_FIELDS)] }, select: { id: true } });
      expect(sorted(inAnd.map((b) => b.id)), `${label}: Prisma AND, business`).toEqual(expected(businessCode, scope));

      const params = new SqlParams();
      const condition = regionScopeSql(scope, BUSINESS_REGION_COLUMNS, params);
      const bySql = await db.$queryRawUnsafe<{ id: bigint }[]>(`SELECT b.id FROM business b WHERE ${condition}`, ...params.values);
      expect(sorted(bySql.map((b) => b.id)), `${label}: SQL, business`).toEqual(expected(businessCode, scope));

      const reviews = await db.matchReview.findMany({ where: regionScopeWhere(scope, { code: "regencyCode" }), select: { id: true } });
      expect(sorted(reviews.map((r) => r.id)), `${label}: Prisma, review pairs`).toEqual(expected(reviewCode, scope));

      const reviewParams = new SqlParams();
      const reviewCondition = regionScopeSql(scope, { code: "m.regency_code" }, reviewParams);
      const reviewsBySql = await db.$queryRawUnsafe<{ id: bigint }[]>(`SELECT m.id FROM match_review m WHERE ${reviewCondition}`, ...reviewParams.values);
      expect(sorted(reviewsBySql.map((r) => r.id)), `${label}: SQL, review pairs`).toEqual(expected(reviewCode, scope));
    }
  });
});
