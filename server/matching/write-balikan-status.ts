import "server-only";
import type pg from "pg";
import { bestParticipantsSql, CURRENT_PESERTA_CTE, FOREIGN_PARTICIPANT_CTE, participantByNikJoin } from "@/server/balikan/balikan-rows.ts";
import { CURRENT_BATCHES_SQL } from "./load-records.ts";

/**
 * The match run's per-record answer to the partners (balikan_status), inside its write
 * transaction: for each current ahu-entitas and kemnaker-bu record, whether its business is
 * registered in JKN and active, and BPJS's own employer record of it; for each current notary
 * and kemnaker-tk worker, the same from its participant. Rows of records a newer period superseded are left as they
 * stood, so a period's data balikan can be written late or again with that period's statuses.
 *
 * Unknown stays unknown: a business registered by BPJS's registry whose every registered record
 * leaves activity blank is neither active nor inactive (null); one whose BPJS records all leave
 * registration blank is neither registered nor not (null). Registered only through its workers
 * (no registered bpjs-bu record), the workers registered under it make it active.
 *
 * Set-based SQL over hash joins: national files are millions of records, and only the
 * businesses' BPJS records are grouped, a handful per business.
 */

export type BalikanStatusScope = "all" | { businessIds: readonly string[] };

// An answer as it stood is left alone (match_run_id is the run that last changed it): a re-run over
// the same files would otherwise write a new version of every row, a million and a half.
const UPSERT = `ON CONFLICT (source_record_id) DO UPDATE SET bpjs_record_id = EXCLUDED.bpjs_record_id,
  registered = EXCLUDED.registered, active = EXCLUDED.active, match_run_id = EXCLUDED.match_run_id
  WHERE (balikan_status.bpjs_record_id, balikan_status.registered, balikan_status.active)
    IS DISTINCT FROM (EXCLUDED.bpjs_record_id, EXCLUDED.registered, EXCLUDED.active)`;

/** After the worker pass, which may still change a business's status. */
export async function writeBusinessAnswers(client: pg.ClientBase, runId: number, scope: BalikanStatusScope): Promise<void> {
  const all = scope === "all";
  if (!all && scope.businessIds.length === 0) return;
  await writeAnswersOfLinks(
    client,
    `SELECT source_record_id, business_id FROM business_record
     WHERE source IN ('ahu-entitas', 'kemnaker-bu') ${all ? "" : "AND business_id = ANY($2::bigint[])"}`,
    all ? [runId] : [runId, scope.businessIds],
    all ? "" : "AND x.business_id = ANY($2::bigint[])",
  );
}

/**
 * The answer of each partner business record in `links` (source_record_id, business_id — null
 * when the record has no business: unknown) from its business's status and BPJS records. Only the
 * businesses' BPJS records are grouped, a handful per business: `bpjsFilter` narrows them to the
 * linked businesses (none for all).
 */
async function writeAnswersOfLinks(
  client: pg.ClientBase,
  links: string,
  params: unknown[],
  bpjsFilter = "AND x.business_id IN (SELECT business_id FROM links)",
): Promise<void> {
  await client.query(
    `WITH links AS (${links}),
     bpjs AS (
       SELECT x.business_id,
         (array_agg(sr.id ORDER BY (sr.extra->>'registered' = 'true') DESC NULLS LAST, sr.id DESC))[1] AS record_id,
         count(*) FILTER (WHERE sr.extra->>'registered' = 'true') AS registered_records,
         count(*) FILTER (WHERE sr.extra->>'registered' = 'true' AND sr.extra->>'active' = 'true') AS active_records,
         count(*) FILTER (WHERE sr.extra->>'registered' IS NOT NULL) AS told_records
       FROM business_record x JOIN source_record sr ON sr.id = x.source_record_id
       WHERE x.source = 'bpjs-bu' ${bpjsFilter}
       GROUP BY x.business_id)
     INSERT INTO balikan_status (source_record_id, bpjs_record_id, registered, active, match_run_id)
     SELECT l.source_record_id,
       CASE WHEN b.status <> 'BELUM_TERDAFTAR' AND k.registered_records > 0 THEN k.record_id END,
       CASE WHEN b.id IS NULL THEN NULL WHEN b.status <> 'BELUM_TERDAFTAR' THEN TRUE WHEN k.told_records = 0 THEN NULL ELSE FALSE END,
       CASE WHEN b.id IS NULL OR b.status = 'BELUM_TERDAFTAR' THEN NULL
            WHEN b.status = 'TERDAFTAR_NONAKTIF' THEN FALSE
            WHEN coalesce(k.registered_records, 0) = 0 OR k.active_records > 0 THEN TRUE END,
       $1
     FROM links l LEFT JOIN business b ON b.id = l.business_id
     LEFT JOIN bpjs k ON k.business_id = l.business_id
     ${UPSERT}`,
    params,
  );
}

/**
 * A participant's answer, from the participant row `p` (null when none): registered unless there
 * is none or BPJS lists it as not registered, unknown when BPJS leaves registration blank;
 * activity the participant's, unknown when blank.
 */
function participantAnswer(p: { id: string; registered: string; active: string }): string {
  return `CASE WHEN ${p.id} IS NULL THEN FALSE ELSE (${p.registered})::boolean END,
    CASE WHEN ${p.id} IS NULL OR ${p.registered} = 'false' THEN NULL ELSE (${p.active})::boolean END`;
}

/** After notary_status is rewritten. */
export async function writeNotaryAnswers(client: pg.ClientBase, runId: number): Promise<void> {
  await client.query(
    `INSERT INTO balikan_status (source_record_id, bpjs_record_id, registered, active, match_run_id)
     SELECT ns.source_record_id, ns.peserta_record_id,
       ${participantAnswer({ id: "p.id", registered: "p.extra->>'registered'", active: "p.extra->>'active'" })}, $1
     FROM notary_status ns LEFT JOIN source_record p ON p.id = ns.peserta_record_id
     ${UPSERT}`,
    [runId],
  );
}

/**
 * Each current kemnaker-tk worker's participant, chosen as the Pekerja file chooses it (by NIK,
 * else passport or KITAS; registered, active, newest first). Full runs only: workers and
 * participants come in national files that always start one.
 */
export async function writeWorkerAnswers(client: pg.ClientBase, runId: number): Promise<void> {
  await client.query(
    `WITH ${CURRENT_PESERTA_CTE}, ${FOREIGN_PARTICIPANT_CTE},
     workers AS MATERIALIZED (
       SELECT r.id, r.nik, r.extra->>'passportNumber' AS passport, r.extra->>'kitas' AS kitas
       FROM source_record r JOIN (${CURRENT_BATCHES_SQL}) c ON c.id = r.batch_id WHERE c.source = 'kemnaker-tk'),
     best AS (${bestParticipantsSql("workers")})
     INSERT INTO balikan_status (source_record_id, bpjs_record_id, registered, active, match_run_id)
     SELECT w.id, b.id, ${participantAnswer({ id: "b.id", registered: "b.registered", active: "b.active" })}, $1
     FROM workers w LEFT JOIN best b ON b.worker_id = w.id
     ${UPSERT}`,
    [runId],
  );
}

/**
 * Answers for the records of a period that arrived after a newer one of its source (`ahu-entitas`,
 * `kemnaker-bu`, `ahu-notaris`): no run matches them — the newer period is the one current — yet
 * the agreements owe their balikan all the same. Each gets the answer the newest match gave the
 * same partner record: a business record through its business in the current results (by Kode
 * WLKP, else NPWP, else NIB, the identifiers a partner keeps across periods; the lowest id when
 * several share one; never a notary, whose NPWP is personal), a notary through its NIK among the current participants. A business record
 * none of these finds is answered "Tidak diketahui": it was never matched by name, so saying
 * "Belum terdaftar" would be a guess. Records already answered keep their answer.
 *
 * `batchIds`: the older batch that started an incremental run; "all" (full runs): every older
 * batch with unanswered records.
 */
export async function writeLatePeriodAnswers(client: pg.ClientBase, runId: number, batchIds: readonly string[] | "all"): Promise<void> {
  if (batchIds !== "all" && batchIds.length === 0) return;
  const params: unknown[] = batchIds === "all" ? [runId] : [runId, batchIds];
  const unanswered = (sources: string) => `
    SELECT r.id, r.source, r.nik, r.npwp, r.nib, r.kode_wlkp FROM source_record r
    JOIN import_batch ib ON ib.id = r.batch_id AND ib.source IN (${sources})
    WHERE NOT EXISTS (SELECT 1 FROM (${CURRENT_BATCHES_SQL}) c WHERE c.id = ib.id)
      ${batchIds === "all" ? "" : "AND ib.id = ANY($2::uuid[])"}
      AND NOT EXISTS (SELECT 1 FROM balikan_status s WHERE s.source_record_id = r.id)`;
  await writeAnswersOfLinks(
    client,
    `SELECT r.id AS source_record_id, found.id AS business_id
     FROM (${unanswered("'ahu-entitas', 'kemnaker-bu'")}) r
     LEFT JOIN LATERAL (
       SELECT x.id FROM (
         SELECT b.id, 1 AS rank FROM business b WHERE r.source = 'kemnaker-bu' AND b.kode_wlkp = r.kode_wlkp
         UNION ALL SELECT b.id, 2 FROM business b WHERE b.npwp = r.npwp
         UNION ALL SELECT b.id, 3 FROM business b WHERE b.nib = r.nib
       ) x JOIN business k ON k.id = x.id AND k.kind = 'BADAN_USAHA'
       ORDER BY x.rank, x.id LIMIT 1
     ) found ON TRUE`,
    params,
  );
  await client.query(
    `WITH ${CURRENT_PESERTA_CTE}
     INSERT INTO balikan_status (source_record_id, bpjs_record_id, registered, active, match_run_id)
     SELECT n.id, pn.id, ${participantAnswer({ id: "pn.id", registered: "pn.registered", active: "pn.active" })}, $1
     FROM (${unanswered("'ahu-notaris'")}) n
     ${participantByNikJoin("n")}
     ${UPSERT}`,
    params,
  );
}
