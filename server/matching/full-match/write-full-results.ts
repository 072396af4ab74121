import "server-only";
import pg from "pg";
import { databaseUrl } from "@/server/db/client.ts";
import { copyInLines } from "@/server/db/copy-in.ts";
import { copyOutRows } from "@/server/db/copy-out.ts";
import { businessIdOf, businessIdSql, settleCollisions, STABLE_FINGERPRINT_SQL } from "../business-ids.ts";
import { classifyBusiness } from "../classify.ts";
import { deserializeRecord } from "../load-records.ts";
import { FULL_RUN_WORK_MEM } from "./prepare-work.ts";
import { LINK_RULES } from "../record-linker.ts";
import { BUSINESS_SOURCES_SQL, type MatchRecord } from "../types.ts";
import { BUSINESS_COLUMNS, LINK_COLUMNS, LINK_VALUE_COLUMNS, applyReviewCandidates, businessLine, officerLinksSql, upsertBusinesses, writeDependents } from "../write-results.ts";
import { stepTimer } from "../step-timer.ts";

/**
 * The end of a full run, streamed. Before the write transaction (`classifyClusters`): business
 * ids (business-ids.ts's rule: a hash of the cluster's anchor fingerprint, in SQL), and each
 * cluster classified as its records stream out of PostgreSQL in cluster order, into a temp table. Inside it (`writeFullResults`): businesses,
 * record links, blocking keys, review candidates and word frequencies go from the work tables to
 * the real ones in SQL, then what hangs off the businesses (write-results.ts).
 */

export interface ClassifiedWork {
  businesses: number;
  leads: number;
  byStatus: Record<string, number>;
  /** Businesses this run dissolves → the business that took most of their records. */
  successors: Map<bigint, bigint>;
}

export async function classifyClusters(
  client: pg.Client,
  runId: number,
  newestPeriod: string,
  review: [number, number][],
  log: (message: string) => void = () => undefined,
): Promise<ClassifiedWork> {
  const step = stepTimer(log);
  await assignClusterIds(client);
  step("nomor badan usaha");
  const successors = new Map<bigint, bigint>();
  const { rows } = await client.query<{ old_id: string; new_id: string }>(
    `WITH moved AS (
       SELECT p.business_id AS old_id, c.business_id AS new_id, count(*) AS votes
       FROM match_work_link l JOIN match_work_record w ON w.idx = l.idx JOIN tmp_prev_business p ON p.fingerprint = w.fingerprint
       JOIN tmp_cluster_business c ON c.cluster = l.cluster
       WHERE NOT EXISTS (SELECT 1 FROM tmp_cluster_business k WHERE k.business_id = p.business_id)
       GROUP BY 1, 2)
     SELECT DISTINCT ON (old_id) old_id::text, new_id::text FROM moved ORDER BY old_id, votes DESC, new_id`,
  );
  for (const r of rows) successors.set(BigInt(r.old_id), BigInt(r.new_id));
  step("penerus");

  // Clusters classified as their records stream out (read on a second connection, written here).
  await client.query(`DROP TABLE IF EXISTS tmp_full_business`);
  await client.query(`CREATE TEMP TABLE tmp_full_business (LIKE business INCLUDING DEFAULTS)`);
  const counts: ClassifiedWork = { businesses: 0, leads: 0, byStatus: {}, successors };
  const reader = new pg.Client({ connectionString: databaseUrl() });
  await reader.connect();
  try {
    await reader.query(`SET work_mem = '${FULL_RUN_WORK_MEM}'`);
    await copyInLines(client, `tmp_full_business (${BUSINESS_COLUMNS.join(", ")})`, businessLines(reader, runId, newestPeriod, counts));
  } finally {
    await reader.end();
  }

  step("klasifikasi");
  await client.query(`DROP TABLE IF EXISTS tmp_review_pick`);
  await client.query(`CREATE TEMP TABLE tmp_review_pick (rank int, seq int)`);
  await copyInLines(client, "tmp_review_pick", review.map(([rank, seq]) => `${rank}\t${seq}`));
  return counts;
}

async function* businessLines(reader: pg.Client, runId: number, newestPeriod: string, counts: ClassifiedWork): AsyncGenerator<string> {
  let cluster = -1;
  let members: MatchRecord[] = [];
  const flush = () => {
    const facts = classifyBusiness(members, newestPeriod);
    counts.businesses++;
    if (facts.isLead) counts.leads++;
    counts.byStatus[facts.status] = (counts.byStatus[facts.status] ?? 0) + 1;
    // The cluster number stands in for the id until the write maps it (tmp_cluster_business).
    return businessLine(cluster, facts, members.length, runId);
  };
  for await (const [c, record] of copyOutRows(
    reader,
    `SELECT l.cluster, w.record FROM match_work_link l JOIN match_work_record w ON w.idx = l.idx ORDER BY l.cluster, l.idx`,
  )) {
    const next = Number(c);
    if (next !== cluster && members.length > 0) {
      yield flush();
      members = [];
    }
    cluster = next;
    members.push(deserializeRecord(record!));
  }
  if (members.length > 0) yield flush();
}

/**
 * `tmp_cluster_business (cluster, business_id)`: each cluster's id from its anchor
 * (business-ids.ts), hashed in SQL; the rare hash two anchors share is settled in Node by the
 * same rule as an incremental run's. `tmp_prev_business`: the previous business of each
 * fingerprint, for the successors of dissolved businesses.
 */
async function assignClusterIds(client: pg.Client): Promise<void> {
  await client.query(`DROP TABLE IF EXISTS tmp_prev_business, tmp_cluster_business`);
  await client.query(
    `CREATE TEMP TABLE tmp_prev_business AS
     SELECT DISTINCT ON (fingerprint) fingerprint, business_id FROM business_record WHERE source IN (${BUSINESS_SOURCES_SQL})
     ORDER BY fingerprint, source_record_id DESC`,
  );
  await client.query(`ANALYZE tmp_prev_business`);
  await client.query(
    `CREATE TEMP TABLE tmp_cluster_business AS
     SELECT cluster, anchor, ${businessIdSql("anchor")} AS business_id FROM (
       SELECT DISTINCT ON (l.cluster) l.cluster, w.fingerprint AS anchor
       FROM match_work_link l JOIN match_work_record w ON w.idx = l.idx
       ORDER BY l.cluster, w.fingerprint !~ ${STABLE_FINGERPRINT_SQL}, w.fingerprint COLLATE "C") a`,
  );
  const { rows: losers } = await client.query<{ cluster: number; anchor: string }>(
    `SELECT cluster, anchor FROM (
       SELECT cluster, anchor, business_id, row_number() OVER (PARTITION BY business_id ORDER BY anchor COLLATE "C") AS n FROM tmp_cluster_business) x
     WHERE n > 1 ORDER BY anchor COLLATE "C"`,
  );
  if (losers.length > 0) {
    const tries = losers.flatMap((l) => Array.from({ length: SETTLE_TRIES }, (_, k) => String(businessIdOf(l.anchor, k + 1))));
    const { rows: held } = await client.query<{ id: string }>(`SELECT business_id::text AS id FROM tmp_cluster_business WHERE business_id = ANY($1::bigint[])`, [tries]);
    const looked = new Set(tries);
    const heldIds = new Set(held.map((h) => BigInt(h.id)));
    const ids = settleCollisions(
      losers.map((l) => l.anchor),
      (id) => {
        if (!looked.has(String(id))) throw new Error(`nomor badan usaha untuk ${id} tidak dapat ditentukan`);
        return heldIds.has(id);
      },
    );
    await client.query(`UPDATE tmp_cluster_business t SET business_id = s.id FROM unnest($1::int[], $2::bigint[]) AS s(cluster, id) WHERE t.cluster = s.cluster`, [
      losers.map((l) => l.cluster),
      ids.map(String),
    ]);
  }
  await client.query(`ALTER TABLE tmp_cluster_business ADD PRIMARY KEY (cluster)`);
  await client.query(`CREATE INDEX ON tmp_cluster_business (business_id)`);
  await client.query(`ANALYZE tmp_cluster_business`);
}

/**
 * Attempts looked up per colliding anchor. At ten million businesses an attempt collides again
 * about twice in a billion; an anchor that ran out of all four would fail the run rather than
 * take an id unchecked.
 */
const SETTLE_TRIES = 4;

/** Inside the run's write transaction: the work tables into the real ones. */
export async function writeFullResults(
  client: pg.Client,
  runId: number,
  successors: ReadonlyMap<bigint, bigint>,
  log: (message: string) => void,
): Promise<{ followUpsCarried: number }> {
  const step = stepTimer(log);
  // Every link the run makes, then written as a difference: a link already stored as it is stays,
  // so a re-run over the same files rewrites neither its rows nor their three indexes (one on a
  // random-order fingerprint). The officers are linked here too, to the businesses about to be
  // written (the classified ones), rather than after them.
  const ruleNames = `ARRAY[${LINK_RULES.map((r) => `'${r}'`).join(", ")}]`;
  await client.query(`CREATE TEMP TABLE tmp_full_link (LIKE business_record) ON COMMIT DROP`);
  await client.query(
    `INSERT INTO tmp_full_link (${LINK_COLUMNS})
     SELECT w.record_id, c.business_id, w.source, w.fingerprint, (${ruleNames})[l.rule + 1], p.score,
       CASE WHEN l.rule = 0 THEN '{}'::jsonb
            WHEN p.evidence IS NOT NULL THEN p.evidence || jsonb_build_object('with', x.fingerprint)
            ELSE jsonb_build_object('with', x.fingerprint) END
     FROM match_work_link l
     JOIN match_work_record w ON w.idx = l.idx
     JOIN tmp_cluster_business c ON c.cluster = l.cluster
     LEFT JOIN match_work_record x ON x.idx = l.with_idx
     LEFT JOIN match_work_pair p ON p.rank = l.pair_rank AND p.seq = l.pair_seq`,
  );
  await client.query(
    `INSERT INTO tmp_full_link (${LINK_COLUMNS})
     ${officerLinksSql(`(SELECT m.business_id AS id, t.npwp FROM tmp_full_business t JOIN tmp_cluster_business m ON m.cluster = t.id)`)}`,
  );
  await client.query(`ANALYZE tmp_full_link`);
  step("tautan dihitung");
  // Notaries are not clusters: their rows and links stay for the notary step to keep their ids
  // (write-notary-leads.ts).
  await client.query(
    `DELETE FROM business_record br WHERE br.source <> 'ahu-notaris' AND NOT EXISTS (
       SELECT 1 FROM tmp_full_link t WHERE t.source_record_id = br.source_record_id
         AND (${LINK_VALUE_COLUMNS.map((c) => `t.${c}`).join(", ")}) IS NOT DISTINCT FROM (${LINK_VALUE_COLUMNS.map((c) => `br.${c}`).join(", ")}))`,
  );
  await client.query(
    `DELETE FROM business b WHERE b.kind = 'BADAN_USAHA' AND NOT EXISTS (SELECT 1 FROM tmp_cluster_business k WHERE k.business_id = b.id)`,
  );
  step("lama dihapus");
  await upsertBusinesses(client, "tmp_full_business", { table: "tmp_cluster_business", key: "cluster", id: "business_id" });
  step("badan usaha");
  await client.query(
    `INSERT INTO business_record (${LINK_COLUMNS})
     SELECT ${LINK_COLUMNS} FROM tmp_full_link t
     WHERE NOT EXISTS (SELECT 1 FROM business_record br WHERE br.source_record_id = t.source_record_id)
     ORDER BY t.source_record_id`,
  );
  step("tautan catatan");
  // Millions of keys in hash order: loading them into a bare table and building the indexes
  // afterwards is many times faster than maintaining the indexes row by row. Only match runs
  // read match_key, and they are serialised, so the brief exclusive lock harms no one. The
  // index DDL needs the table's owner, which the app is not: two owner functions do just that.
  await client.query(`SELECT match_key_begin_reload()`);
  await client.query(`INSERT INTO match_key (key, source_record_id) SELECT unnest(keys), record_id FROM match_work_key`);
  await client.query(`SELECT match_key_end_reload()`);
  step("kunci pencocokan");
  await client.query(
    `CREATE TEMP TABLE tmp_review (lf text, rf text, lr bigint, rr bigint, regency text, score float8, evidence jsonb) ON COMMIT DROP`,
  );
  // Left and right in fingerprint order, as the in-memory resolver orders them.
  await client.query(
    `INSERT INTO tmp_review
     SELECT CASE WHEN o.a_first THEN a.fingerprint ELSE b.fingerprint END, CASE WHEN o.a_first THEN b.fingerprint ELSE a.fingerprint END,
            CASE WHEN o.a_first THEN a.record_id ELSE b.record_id END, CASE WHEN o.a_first THEN b.record_id ELSE a.record_id END,
            CASE WHEN o.a_first THEN a.regency_code ELSE b.regency_code END, p.score, p.evidence
     FROM tmp_review_pick k JOIN match_work_pair p ON p.rank = k.rank AND p.seq = k.seq
     JOIN match_work_record a ON a.idx = p.a JOIN match_work_record b ON b.idx = p.b
     CROSS JOIN LATERAL (SELECT a.fingerprint COLLATE "C" < b.fingerprint COLLATE "C" AS a_first) o`,
  );
  await applyReviewCandidates(client, "all");
  await client.query(`DELETE FROM name_token_frequency`);
  await client.query(`INSERT INTO name_token_frequency (token, count) SELECT token, count FROM match_work_token WHERE count <> 0`);
  step("tinjauan");
  return writeDependents(client, runId, "full", [], successors, step, log);
}
