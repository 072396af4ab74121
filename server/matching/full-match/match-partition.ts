import "server-only";
import pg from "pg";
import { databaseUrl } from "@/server/db/client.ts";
import { copyInLines } from "@/server/db/copy-in.ts";
import { copyOutRows } from "@/server/db/copy-out.ts";
import { copyValue } from "@/server/ingest/copy-text.ts";
import { recordKeyHashes } from "../blocking-keys.ts";
import { deserializeRecord } from "../load-records.ts";
import { scoreRegency } from "../score-regency.ts";
import { weightsFrom } from "../token-frequency.ts";
import type { MatchRecord } from "../types.ts";

/**
 * One unit of a full run's name matching: the records of one regency (`partition`, '' for those
 * without one) are scored against each other, and the pairs at or above the review threshold and
 * the records' blocking keys go to PostgreSQL (`match_work_pair`, `match_work_key`) — nothing
 * goes back to the coordinator but "done". Its payload is small and it reads only the work
 * tables, so any process can run it: in the coordinator, or a pool of workers sharing the units.
 * Run twice (a retried worker), it replaces its own output.
 */

export interface MatchPartitionPayload {
  runId: number;
  partition: string;
}

export async function matchPartition(payload: MatchPartitionPayload, connection?: pg.Client): Promise<{ records: number; pairs: number }> {
  // A worker draining many units reuses its connection: most regencies take milliseconds.
  const client = connection ?? new pg.Client({ connectionString: databaseUrl() });
  if (!connection) await client.connect();
  try {
    const { rows } = await client.query<{ rank: number }>(`SELECT rank FROM match_work_partition WHERE run_id = $1 AND partition = $2`, [
      payload.runId,
      payload.partition,
    ]);
    // The run it belonged to was replaced (a later full run cleared the work tables).
    if (rows.length === 0) return { records: 0, pairs: 0 };
    const rank = rows[0]!.rank;
    const where = payload.partition === "" ? `regency_code IS NULL` : `regency_code = ${client.escapeLiteral(payload.partition)}`;
    const idx: number[] = [];
    const block: MatchRecord[] = [];
    for await (const [i, text] of copyOutRows(client, `SELECT idx, record FROM match_work_record WHERE ${where} ORDER BY idx`)) {
      idx.push(Number(i));
      block.push(deserializeRecord(text!));
    }
    const { rows: counts } = await client.query<{ token: string; count: number }>(
      `SELECT token, count FROM match_work_token WHERE token = ANY($1::text[])`,
      [[...new Set(block.flatMap((r) => r.tokens)), ""]],
    );
    const weights = weightsFrom(new Map(counts.map((c) => [c.token, c.count])));
    const pairs: string[] = [];
    scoreRegency(block, weights, (x, y, score, evidence) => {
      pairs.push([rank, pairs.length, idx[x]!, idx[y]!, score, JSON.stringify(evidence)].map(copyValue).join("\t"));
    });

    await client.query("BEGIN");
    await client.query(`DELETE FROM match_work_pair WHERE rank = $1`, [rank]);
    await client.query(`DELETE FROM match_work_key WHERE record_id = ANY($1::bigint[])`, [block.map((r) => String(r.id))]);
    await copyInLines(client, "match_work_pair (rank, seq, a, b, score, evidence)", pairs);
    await copyInLines(
      client,
      "match_work_key (record_id, keys)",
      block.map((r) => `${r.id}\t{${[...recordKeyHashes(r)].join(",")}}`),
    );
    await client.query(`UPDATE match_work_partition SET status = 'DONE' WHERE run_id = $1 AND partition = $2`, [payload.runId, payload.partition]);
    await client.query("COMMIT");
    return { records: block.length, pairs: pairs.length };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    if (!connection) await client.end();
  }
}
