import "server-only";
import type pg from "pg";

/**
 * The match run's per-record answer to the partners (balikan_status), inside its write
 * transaction: for each current ahu-entitas and kemnaker-bu record, whether its business is
 * registered in JKN and active, and BPJS's own employer record of it; for each current notary,
 * the same from its participant. Rows of records a newer period superseded are left as they
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
 * After notary_status is rewritten: a notary is registered unless it has no participant or BPJS
 * lists it as not registered, and unknown when BPJS leaves registration blank; activity is the
 * participant's, unknown when blank.
 */
export async function writeNotaryAnswers(client: pg.ClientBase, runId: number): Promise<void> {
  await client.query(
    `INSERT INTO balikan_status (source_record_id, bpjs_record_id, registered, active, match_run_id)
     SELECT ns.source_record_id, ns.peserta_record_id,
       CASE WHEN p.id IS NULL THEN FALSE ELSE (p.extra->>'registered')::boolean END,
       CASE WHEN p.id IS NULL OR p.extra->>'registered' = 'false' THEN NULL ELSE (p.extra->>'active')::boolean END,
       $1
     FROM notary_status ns LEFT JOIN source_record p ON p.id = ns.peserta_record_id
     ${UPSERT}`,
    [runId],
  );
}
