import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, disconnectDb, setDatabaseUrl } from "@/server/db/client.ts";
import { findReviewPairs } from "@/server/matching/find-review-pairs.ts";
import { businessRow } from "../support/factories.ts";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../support/throwaway-database.ts";

/**
 * The review queue shows one pair per pair of businesses: a business known to Kemnaker and to
 * BPJS meets a grey-zone record once, not once per record; a pair already decided, or whose two
 * records already belong to one business, asks for nothing more.
 */
let database: ThrowawayDatabase;
const BATCH = randomUUID();
const reviews = new Map<string, bigint>();

beforeAll(async () => {
  database = await createThrowawayDatabase("reviewpairs");
  await disconnectDb();
  process.env.DATABASE_URL = database.url;
  setDatabaseUrl(database.url);
  const inBandung = { provinceCode: "32", regencyCode: "32.73" };
  // Business → its records (id, source).
  const businesses: [number, [number, string][]][] = [
    [1, [[11, "kemnaker-bu"], [12, "bpjs-bu"]]],
    [2, [[21, "ahu-entitas"]]],
    [3, [[31, "kemnaker-bu"]]],
    [4, [[41, "bpjs-bu"]]],
    [5, [[51, "kemnaker-bu"], [52, "bpjs-bu"]]],
    [6, [[61, "ahu-entitas"]]],
    [7, [[71, "kemnaker-bu"], [72, "bpjs-bu"]]],
  ];
  await db.importBatch.create({
    data: { id: BATCH, source: "kemnaker-bu", period: "2025-S2", channel: "CLI", fileSha256: "0".repeat(64), fileSize: 0n, dataRows: 0, accepted: 0, rejected: 0, duplicates: 0, warnings: 0, actorUsername: "uji" },
  });
  await db.business.createMany({ data: businesses.map(([id]) => businessRow(id, { ...inBandung, name: `PT Usaha ${id}` })) });
  const records = businesses.flatMap(([businessId, rs]) => rs.map(([id, source]) => ({ id, source, businessId })));
  await db.sourceRecord.createMany({ data: records.map((r) => ({ id: BigInt(r.id), batchId: BATCH, source: r.source, line: r.id, name: `PT Usaha ${r.businessId}`, raw: [] })) });
  await db.businessRecord.createMany({
    data: records.map((r) => ({ sourceRecordId: BigInt(r.id), businessId: BigInt(r.businessId), source: r.source, fingerprint: `f${r.id}`, rule: "dasar" })),
  });
  const review = async (left: number, right: number, score: number, status: "PENDING" | "CONFIRMED" = "PENDING") => {
    const row = await db.matchReview.create({
      data: {
        leftFingerprint: `f${left}`,
        rightFingerprint: `f${right}`,
        leftRecordId: BigInt(left),
        rightRecordId: BigInt(right),
        regencyCode: "32.73",
        score,
        status,
        ...(status === "PENDING" ? {} : { decidedBy: "penyelia", decidedAt: new Date() }),
      },
    });
    reviews.set(`${left}-${right}`, row.id);
  };
  // Business 2 against business 1, once through each of its records.
  await review(11, 21, 0.7);
  await review(12, 21, 0.65);
  await review(31, 41, 0.6);
  // Both records already in business 5.
  await review(51, 52, 0.9);
  // Decided once for businesses 6 and 7: the other record pair asks nothing more.
  await review(61, 71, 0.8, "CONFIRMED");
  await review(61, 72, 0.75);
}, 120_000);

afterAll(async () => {
  await disconnectDb();
  await database?.drop();
});

describe("findReviewPairs", () => {
  it("shows one pending pair per pair of businesses, the strongest, and counts pairs of businesses", async () => {
    const page = await findReviewPairs({ scope: { kind: "regions", codes: ["32.73"] }, status: "PENDING", page: 1, pageSize: 10 });
    expect(page.pairs.map((p) => p.id)).toEqual([String(reviews.get("11-21")), String(reviews.get("31-41"))]);
    expect(page.total).toBe(2);
    expect(page.pairs[0]!.left?.id).toBe("11");
  });

  it("pages over pairs of businesses", async () => {
    const second = await findReviewPairs({ scope: { kind: "all" }, status: "PENDING", page: 2, pageSize: 1 });
    expect(second.pairs.map((p) => p.id)).toEqual([String(reviews.get("31-41"))]);
    expect([second.total, second.pageCount]).toEqual([2, 2]);
  });

  it("lists the decision once, and nothing outside the caller's regions", async () => {
    const decided = await findReviewPairs({ scope: { kind: "all" }, status: "CONFIRMED", page: 1, pageSize: 10 });
    expect(decided.pairs.map((p) => p.id)).toEqual([String(reviews.get("61-71"))]);
    const elsewhere = await findReviewPairs({ scope: { kind: "regions", codes: ["35.78"] }, status: "PENDING", page: 1, pageSize: 10 });
    expect(elsewhere.total).toBe(0);
  });
});
