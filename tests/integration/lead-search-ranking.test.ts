import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseLeadListState } from "@/lib/leads/lead-url-state.ts";
import type { RegionScope } from "@/server/access/region-scope.ts";
import { disconnectDb, setDatabaseUrl } from "@/server/db/client.ts";
import { COUNT_CAP, findLeads, type LeadCount } from "@/server/leads/find-leads.ts";
import { searchName } from "@/server/leads/lead-query.ts";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../support/throwaway-database.ts";

/**
 * A name search sorted by match takes shortcuts (find-leads.ts): the strong matches alone when
 * they fill the page, or every row of a small region scored directly. Whatever the path, its
 * pages must be exactly the plain ranking of every match — similarity, then id, best first —
 * and its count the plain count. 30,000 names of 20 common words, so words repeat and tie.
 */
let database: ThrowawayDatabase;
const ALL: RegionScope = { kind: "all" };
const BANDUNG: RegionScope = { kind: "regions", codes: ["32.73"] };
const WORDS = ["SINAR", "JAYA", "MAKMUR", "ABADI", "SUMBER", "REJEKI", "KOPI", "KOPERASI", "TEKNIK", "MANDIRI"]
  .concat(["BERKAH", "SENTOSA", "UTAMA", "PRIMA", "KARYA", "CAHAYA", "BINTANG", "MULIA", "SURYA", "BARU"]);

async function query<R extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query<R>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

/** Every match of `q` in `regency` (null: anywhere), ranked the plain way, and how many. */
async function plainRanking(q: string, regency: string | null): Promise<{ ids: string[]; count: number }> {
  const rows = await query<{ id: string }>(
    `SELECT id::text FROM business b
     WHERE b.is_lead AND ($2::text IS NULL OR b.regency_code = $2)
       AND (word_similarity($1, b.name_core) >= 0.45 OR b.name_core LIKE $1 || '%')
     ORDER BY word_similarity($1, b.name_core) DESC, b.id DESC`,
    [searchName(q), regency],
  );
  return { ids: rows.map((r) => r.id), count: rows.length };
}

async function rankedPages(q: string, scope: RegionScope, pages: number) {
  const base = parseLeadListState(new URLSearchParams({ cari: q }));
  const ids: string[] = [];
  const counts: LeadCount[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < pages; i++) {
    const page = await findLeads({ state: { ...base, cursor }, scope, actorId: null, pageSize: 50 });
    ids.push(...page.rows.map((r) => r.id));
    counts.push(page.count);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return { ids, counts };
}

beforeAll(async () => {
  database = await createThrowawayDatabase("leadrank");
  await disconnectDb();
  process.env.DATABASE_URL = database.url;
  setDatabaseUrl(database.url);
  // Four in five are leads; one in 25 lies in Kota Bandung (32.73), the rest in Surabaya.
  await query(
    `INSERT INTO business (id, name, name_core, status, is_lead, priority, sources, latest_period, record_count, match_run_id,
       province_code, regency_code)
     SELECT g, 'PT ' || core, core, CASE WHEN g % 5 = 0 THEN 'TERDAFTAR_AKTIF' ELSE 'BELUM_TERDAFTAR' END::"BusinessStatus",
       g % 5 <> 0, CASE WHEN g % 5 = 0 THEN 0 ELSE 10 + g % 90 END, ARRAY['kemnaker-bu'], '2025-S2', 1, 1,
       CASE WHEN g % 25 = 1 THEN '32' ELSE '35' END, CASE WHEN g % 25 = 1 THEN '32.73' ELSE '35.78' END
     FROM generate_series(1, 30000) AS g,
       LATERAL (SELECT $1::text[] AS w) words,
       LATERAL (SELECT w[1 + g % 20] || ' ' || w[1 + (g / 20) % 20] || CASE WHEN g % 3 = 0 THEN ' ' || w[1 + (g / 400) % 20] ELSE '' END AS core) name`,
    [WORDS],
  );
  await query("ANALYZE business");
}, 120_000);

afterAll(async () => {
  await disconnectDb();
  await database?.drop();
});

describe("a name search ranked by match", () => {
  it.each([
    ["common words, exactly", "sinar jaya"],
    ["a prefix of two words", "ma"],
    ["a misspelling", "sumbr rejki"],
    ["one word", "jaya"],
    ["nothing similar", "zzqx"],
  ])("%s (%s): the plain ranking and count, nationally and in a city", async (_, q) => {
    for (const [scope, regency] of [[ALL, null], [BANDUNG, "32.73"]] as const) {
      const expected = await plainRanking(q, regency);
      if (q !== "zzqx") expect(expected.count).toBeGreaterThan(0);
      const found = await rankedPages(q, scope, 4);
      expect(found.ids).toEqual(expected.ids.slice(0, 200));
      // Every page, whichever path it took, counts the same.
      const count = expected.count > COUNT_CAP ? { value: COUNT_CAP, capped: true } : { value: expected.count, capped: false };
      expect(found.counts).toEqual(found.counts.map(() => count));
    }
  });
});
