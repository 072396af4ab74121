import "server-only";
import pg from "pg";
import { databaseUrl } from "@/server/db/client.ts";
import { copyInLines } from "@/server/db/copy-in.ts";
import { arrayLiteral, copyValue } from "@/server/ingest/copy-text.ts";
import { partnerCode } from "../blocking-keys.ts";
import { serializeRecord, streamCurrentRecords } from "../load-records.ts";
import { stepTimer } from "../step-timer.ts";

/**
 * The first step of a full run: every current business record is parsed once and written to
 * `match_work_record` (streamed: read on one connection, written on another, never all in Node),
 * numbered in record-id order — the integers the coordinator's union-find works on. Then, in SQL,
 * the word frequencies names are weighed with, and the units of name matching: one per regency,
 * ranked by first appearance (a unit's number for its pairs; ties between equal scores are broken
 * by fingerprint, resolve-clusters.ts).
 */

export interface MatchWork {
  records: number;
  /** The newest period of any current record (freshness in the priority score). */
  newestPeriod: string;
  partitions: number;
}

/**
 * A full run sorts and hash-joins every record several times (identifier groups, scored pairs,
 * clusters, record links); with the 4 MB default each of those spills to disk in many runs. Per
 * sort or hash node, in the run's backends — far under the 1.5 GB a process may take.
 */
export const FULL_RUN_WORK_MEM = "128MB";

/** `client` is the run's own connection: the setting lasts for the run, its write transaction included. */
export async function prepareMatchWork(client: pg.Client, runId: number, log: (message: string) => void = () => undefined): Promise<MatchWork> {
  const step = stepTimer(log);
  await client.query(`SET work_mem = '${FULL_RUN_WORK_MEM}'`);
  await client.query(`SELECT match_work_clear()`);
  const writer = new pg.Client({ connectionString: databaseUrl() });
  await writer.connect();
  try {
    await copyInLines(writer, "match_work_record (idx, record_id, source, regency_code, fingerprint, npwp, nib, partner_code, tokens, period, record)", workLines(client));
  } finally {
    await writer.end();
  }
  step("catatan kerja ditulis");
  await client.query(`ANALYZE match_work_record`);
  await client.query(
    `INSERT INTO match_work_token (token, count)
     SELECT t, count(*)::int FROM match_work_record, LATERAL (SELECT DISTINCT unnest(tokens) AS t) x GROUP BY t
     UNION ALL SELECT '', count(*)::int FROM match_work_record`,
  );
  step("frekuensi kata");
  await client.query(
    `INSERT INTO match_work_partition (run_id, partition, rank, records)
     SELECT $1, coalesce(regency_code, ''), row_number() OVER (ORDER BY min(idx))::int, count(*)::int
     FROM match_work_record GROUP BY regency_code`,
    [runId],
  );
  const { rows } = await client.query<{ records: number; period: string | null; partitions: number }>(
    `SELECT (SELECT count(*)::int FROM match_work_record) AS records, (SELECT max(period) FROM match_work_record) AS period,
            (SELECT count(*)::int FROM match_work_partition WHERE run_id = $1) AS partitions`,
    [runId],
  );
  step("bagian pencocokan");
  return { records: rows[0]!.records, newestPeriod: rows[0]!.period ?? "", partitions: rows[0]!.partitions };
}

async function* workLines(client: pg.Client): AsyncGenerator<string> {
  let idx = 0;
  for await (const r of streamCurrentRecords(client)) {
    yield [idx++, String(r.id), r.source, r.regencyCode, r.fingerprint, r.npwp, r.nib, partnerCode(r), arrayLiteral(r.tokens), r.period, serializeRecord(r)]
      .map(copyValue)
      .join("\t");
  }
}
