import "server-only";
import type pg from "pg";
import { bestParticipantsSql, CURRENT_PESERTA_CTE, FOREIGN_PARTICIPANT_CTE } from "@/server/balikan/balikan-rows.ts";
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

const UPSERT = `ON CONFLICT (source_record_id) DO UPDATE SET bpjs_record_id = EXCLUDED.bpjs_record_id,
  registered = EXCLUDED.registered, active = EXCLUDED.active, match_run_id = EXCLUDED.match_run_id`;

/** After the worker pass, which may still change a business's status. */
export async function writeBusinessAnswers(client: pg.ClientBase, runId: number, scope: BalikanStatusScope): Promise<void> {
  const all = scope === "all";
  if (!all && scope.businessIds.length === 0) return;
  const only = (alias: string) => (all ? "" : `AND ${alias}.business_id = ANY($2::bigint[])`);
  await client.query(
    `WITH bpjs AS (
       SELECT x.business_id,
         (array_agg(sr.id ORDER BY (sr.extra->>'registered' = 'true') DESC NULLS LAST, sr.id DESC))[1] AS record_id,
         count(*) FILTER (WHERE sr.extra->>'registered' = 'true') AS registered_records,
         count(*) FILTER (WHERE sr.extra->>'registered' = 'true' AND sr.extra->>'active' = 'true') AS active_records,
         count(*) FILTER (WHERE sr.extra->>'registered' IS NOT NULL) AS told_records
       FROM business_record x JOIN source_record sr ON sr.id = x.source_record_id
       WHERE x.source = 'bpjs-bu' ${only("x")}
       GROUP BY x.business_id)
     INSERT INTO balikan_status (source_record_id, bpjs_record_id, registered, active, match_run_id)
     SELECT br.source_record_id,
       CASE WHEN b.status <> 'BELUM_TERDAFTAR' AND k.registered_records > 0 THEN k.record_id END,
       CASE WHEN b.status <> 'BELUM_TERDAFTAR' THEN TRUE WHEN k.told_records = 0 THEN NULL ELSE FALSE END,
       CASE WHEN b.status = 'BELUM_TERDAFTAR' THEN NULL
            WHEN b.status = 'TERDAFTAR_NONAKTIF' THEN FALSE
            WHEN coalesce(k.registered_records, 0) = 0 OR k.active_records > 0 THEN TRUE END,
       $1
     FROM business_record br JOIN business b ON b.id = br.business_id
     LEFT JOIN bpjs k ON k.business_id = br.business_id
     WHERE br.source IN ('ahu-entitas', 'kemnaker-bu') ${only("br")}
     ${UPSERT}`,
    all ? [runId] : [runId, scope.businessIds],
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
