import "server-only";
import type pg from "pg";
import { copyInLines } from "@/server/db/copy-in.ts";
import { copyValue } from "@/server/ingest/copy-text.ts";
import { IdfWeights } from "./name-similarity.ts";
import type { MatchRecord } from "./types.ts";

/**
 * Word frequencies over all current business records, kept in `name_token_frequency` so an
 * incremental run weighs words as the full run did. The empty token holds the record count.
 */

export function countTokens(records: readonly Pick<MatchRecord, "tokens">[], sign = 1, into = new Map<string, number>()): Map<string, number> {
  into.set("", (into.get("") ?? 0) + sign * records.length);
  for (const r of records) {
    for (const t of new Set(r.tokens)) into.set(t, (into.get(t) ?? 0) + sign);
  }
  return into;
}

export function weightsFrom(counts: ReadonlyMap<string, number>): IdfWeights {
  return new IdfWeights((t) => counts.get(t) ?? 0, counts.get("") ?? 0);
}

export async function adjustTokenFrequencies(client: pg.ClientBase, deltas: ReadonlyMap<string, number>): Promise<void> {
  await client.query(`CREATE TEMP TABLE tmp_token_delta (token text, delta int) ON COMMIT DROP`);
  await copyInLines(client, "tmp_token_delta", linesOf(deltas));
  await client.query(
    `UPDATE name_token_frequency f SET count = greatest(f.count + d.delta, 0) FROM tmp_token_delta d WHERE d.token = f.token`,
  );
  await client.query(
    `INSERT INTO name_token_frequency (token, count)
     SELECT d.token, d.delta FROM tmp_token_delta d
     WHERE d.delta > 0 AND NOT EXISTS (SELECT 1 FROM name_token_frequency f WHERE f.token = d.token)`,
  );
}

/** Stored frequencies of the given words (and the record count). */
export async function readTokenFrequencies(client: pg.ClientBase, tokens: Iterable<string>): Promise<Map<string, number>> {
  const list = [...new Set(tokens), ""];
  const { rows } = await client.query<{ token: string; count: number }>(
    `SELECT token, count FROM name_token_frequency WHERE token = ANY($1::text[])`,
    [list],
  );
  return new Map(rows.map((r) => [r.token, r.count]));
}

function* linesOf(counts: ReadonlyMap<string, number>): Generator<string> {
  for (const [token, count] of counts) if (count !== 0) yield `${copyValue(token)}\t${count}`;
}
