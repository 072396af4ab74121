import "server-only";
import type pg from "pg";
import { loadCurrentRecords } from "./load-records.ts";
import { AUTO_LINK, REVIEW, scorePair } from "./score-pair.ts";
import { readTokenFrequencies, weightsFrom } from "./token-frequency.ts";
import type { LinkEvidence, MatchRecord } from "./types.ts";

/**
 * Names are weighed by how many current records use each word, so every import moves every
 * weight a little, and a pair scored in an earlier run may now score on the other side of a
 * threshold. An incremental run re-resolves only the businesses its records touch; this finds
 * the others whose stored result the new weights would change, so the run ends where a full run
 * over the same records would:
 *   - pending review pairs, rescored: those that now link or fall out of the queue are
 *     re-resolved; the others keep their place with the new score (`writeRescoredReviews`);
 *   - name links that scored less than `DRIFT_MARGIN` above the link threshold, rescored: those
 *     that fall below it are re-resolved.
 */

/**
 * How far above the link threshold a stored name link is rescored. A batch moves scores by
 * thousandths (the 3,200-business determinism test saw at most 0.026 over two periods of
 * batches); a full run, which each new period's first batch usually triggers, rescores all.
 */
const DRIFT_MARGIN = 0.05;

export interface DriftedLinks {
  /** Records whose businesses must be re-resolved. */
  records: bigint[];
  /** Pending review pairs still in the grey zone, with their new score and evidence. */
  reviews: { id: string; score: number; evidence: LinkEvidence }[];
}

export async function findDriftedLinks(client: pg.Client, tokenDeltas: ReadonlyMap<string, number>): Promise<DriftedLinks> {
  const drifted: DriftedLinks = { records: [], reviews: [] };
  if (![...tokenDeltas.values()].some((delta) => delta !== 0)) return drifted;
  const { rows: review } = await client.query<{ id: string; a: string; b: string }>(
    `SELECT id::text, left_record_id::text AS a, right_record_id::text AS b FROM match_review WHERE status = 'PENDING'`,
  );
  const { rows: links } = await client.query<{ a: string; b: string }>(
    `SELECT br.source_record_id::text AS a, o.source_record_id::text AS b
     FROM business_record br JOIN business_record o ON o.business_id = br.business_id AND o.fingerprint = br.evidence->>'with'
     WHERE br.rule = 'nama' AND br.score < $1 AND br.source_record_id < o.source_record_id`,
    [AUTO_LINK + DRIFT_MARGIN],
  );
  if (review.length + links.length === 0) return drifted;

  await client.query(`CREATE TEMP TABLE IF NOT EXISTS tmp_drift_ids (id bigint PRIMARY KEY)`);
  await client.query(`TRUNCATE tmp_drift_ids`);
  await client.query(`INSERT INTO tmp_drift_ids SELECT unnest($1::bigint[]) ON CONFLICT DO NOTHING`, [[...review, ...links].flatMap((p) => [p.a, p.b])]);
  const records = new Map<string, MatchRecord>((await loadCurrentRecords(client, { onlyIdsTable: "tmp_drift_ids" })).map((r) => [String(r.id), r]));
  const counts = await readTokenFrequencies(client, [...records.values()].flatMap((r) => r.tokens));
  for (const [token, delta] of tokenDeltas) counts.set(token, (counts.get(token) ?? 0) + delta);
  const weights = weightsFrom(counts);
  const rescore = (a: string, b: string) => {
    const left = records.get(a);
    const right = records.get(b);
    // A record no longer current is superseded: the run re-resolves its business already.
    if (!left || !right) return undefined;
    return { left, right, scored: scorePair(left, right, weights) };
  };
  for (const { id, a, b } of review) {
    const pair = rescore(a, b);
    if (!pair) continue;
    const score = pair.scored?.score ?? 0;
    if (score >= REVIEW && score < AUTO_LINK) drifted.reviews.push({ id, score, evidence: pair.scored!.evidence });
    else drifted.records.push(pair.left.id, pair.right.id);
  }
  for (const { a, b } of links) {
    const pair = rescore(a, b);
    if (pair && (pair.scored?.score ?? 0) < AUTO_LINK) drifted.records.push(pair.left.id, pair.right.id);
  }
  return drifted;
}

/** Inside the run's write transaction: the new scores of the review pairs left in place. */
export async function writeRescoredReviews(client: pg.ClientBase, reviews: DriftedLinks["reviews"]): Promise<void> {
  if (reviews.length === 0) return;
  await client.query(
    `UPDATE match_review m SET score = r.score, evidence = r.evidence, updated_at = now()
     FROM unnest($1::bigint[], $2::float8[], $3::jsonb[]) AS r(id, score, evidence)
     WHERE m.id = r.id AND m.status = 'PENDING' AND (m.score <> r.score OR m.evidence <> r.evidence)`,
    [reviews.map((r) => r.id), reviews.map((r) => r.score), reviews.map((r) => JSON.stringify(r.evidence))],
  );
}
