import "server-only";
import type pg from "pg";
import { loadCurrentRecords } from "./load-records.ts";
import { AUTO_LINK, scorePair } from "./score-pair.ts";
import { readTokenFrequencies, weightsFrom } from "./token-frequency.ts";
import type { MatchRecord } from "./types.ts";

/**
 * Names are weighed by how many current records use each word, so every import moves every
 * weight a little, and a pair scored in an earlier run may now score on the other side of a
 * threshold. An incremental run re-resolves only the businesses its records touch; this finds
 * the others whose stored result the new weights would change, so the run re-resolves them too
 * and ends where a full run over the same records would:
 *   - every pending review pair (its score is shown, and it may now link or fall out);
 *   - every name link that scored less than `DRIFT_MARGIN` above the link threshold, rescored
 *     with the new weights: those that fall below it.
 * Returns the records whose businesses must be re-resolved.
 */

/**
 * How far above the link threshold a stored name link is rescored. A batch moves scores by
 * thousandths (the 3,200-business determinism test saw at most 0.026 over two periods of
 * batches); a full run, which each new period's first batch usually triggers, rescores all.
 */
const DRIFT_MARGIN = 0.05;

export async function findDriftedLinks(client: pg.Client, tokenDeltas: ReadonlyMap<string, number>): Promise<bigint[]> {
  if (![...tokenDeltas.values()].some((delta) => delta !== 0)) return [];
  const { rows: review } = await client.query<{ l: string; r: string }>(
    `SELECT left_record_id::text AS l, right_record_id::text AS r FROM match_review WHERE status = 'PENDING'`,
  );
  const { rows: links } = await client.query<{ a: string; b: string }>(
    `SELECT br.source_record_id::text AS a, o.source_record_id::text AS b
     FROM business_record br JOIN business_record o ON o.business_id = br.business_id AND o.fingerprint = br.evidence->>'with'
     WHERE br.rule = 'nama' AND br.score < $1 AND br.source_record_id < o.source_record_id`,
    [AUTO_LINK + DRIFT_MARGIN],
  );
  const drifted = review.flatMap((p) => [BigInt(p.l), BigInt(p.r)]);
  if (links.length === 0) return drifted;

  await client.query(`CREATE TEMP TABLE IF NOT EXISTS tmp_drift_ids (id bigint PRIMARY KEY)`);
  await client.query(`TRUNCATE tmp_drift_ids`);
  await client.query(`INSERT INTO tmp_drift_ids SELECT unnest($1::bigint[]) ON CONFLICT DO NOTHING`, [links.flatMap((l) => [l.a, l.b])]);
  const records = new Map<string, MatchRecord>((await loadCurrentRecords(client, { onlyIdsTable: "tmp_drift_ids" })).map((r) => [String(r.id), r]));
  const counts = await readTokenFrequencies(client, [...records.values()].flatMap((r) => r.tokens));
  for (const [token, delta] of tokenDeltas) counts.set(token, (counts.get(token) ?? 0) + delta);
  const weights = weightsFrom(counts);
  for (const { a, b } of links) {
    const left = records.get(a);
    const right = records.get(b);
    // A record no longer current is superseded: the run re-resolves its business already.
    if (!left || !right) continue;
    const scored = scorePair(left, right, weights);
    if (!scored || scored.score < AUTO_LINK) drifted.push(left.id, right.id);
  }
  return drifted;
}
