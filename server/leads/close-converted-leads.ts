import "server-only";
import type pg from "pg";
import { CLOSED_BY_IMPORT, CLOSED_STATUSES_SQL } from "@/lib/leads/follow-up.ts";
import { SYSTEM_ACTOR } from "@/server/audit/system-actor.ts";

/**
 * The businesses a match run wrote: all of them (a full run), or an incremental run's re-resolved
 * businesses and, when it refreshed them, the notaries.
 */
export type WrittenBusinesses = "all" | { businessIds: readonly string[]; notaries: boolean };

/**
 * Inside a match run's write transaction: open follow-ups whose business this run found
 * registered and active in JKN close as Terdaftar ("import"), each with a system note naming the
 * BPJS period that showed it. A follow-up whose business vanished from the run (merged or gone)
 * stays as it is: nothing says it registered. Returns how many closed. The businesses are named
 * (`written`) rather than found by `match_run_id`, which a run leaves alone on a business whose
 * values did not change.
 */
export async function closeConvertedLeads(client: pg.ClientBase, written: WrittenBusinesses): Promise<number> {
  const writtenSql = written === "all" ? "TRUE" : `(b.id = ANY($3::bigint[])${written.notaries ? ` OR b.kind = 'NOTARIS'` : ""})`;
  const result = await client.query(
    `WITH target AS (
       SELECT f.business_id, f.status AS old_status,
              coalesce((SELECT max(ib.period) FROM business_record br
                          JOIN source_record sr ON sr.id = br.source_record_id
                          JOIN import_batch ib ON ib.id = sr.batch_id
                        WHERE br.business_id = b.id AND br.source = 'bpjs-bu'),
                       -- A notary: the period of the participant record that shows it active.
                       (SELECT max(ib.period) FROM business_record br
                          JOIN notary_status ns ON ns.source_record_id = br.source_record_id
                          JOIN source_record sr ON sr.id = ns.peserta_record_id
                          JOIN import_batch ib ON ib.id = sr.batch_id
                        WHERE br.business_id = b.id AND br.source = 'ahu-notaris'), b.latest_period) AS period
       FROM lead_follow_up f JOIN business b ON b.id = f.business_id
       WHERE ${writtenSql} AND b.status = 'TERDAFTAR_AKTIF' AND f.status NOT IN (${CLOSED_STATUSES_SQL})
       FOR UPDATE OF f
     ), closed AS (
       UPDATE lead_follow_up f SET status = 'TERDAFTAR', closed_at = now(), closed_by = $1, updated_at = now()
       FROM target t WHERE f.business_id = t.business_id
       RETURNING f.business_id
     )
     INSERT INTO lead_activity (business_id, kind, occurred_on, outcome, note, status_from, status_to, actor_id, actor_username)
     SELECT t.business_id, 'CATATAN_SISTEM', (now() AT TIME ZONE 'Asia/Jakarta')::date,
            'Terdaftar menurut data BPJS periode ' || t.period,
            'Ditutup otomatis: terdaftar menurut impor data BPJS periode ' || t.period,
            t.old_status, 'TERDAFTAR', NULL, $2
     FROM target t JOIN closed c ON c.business_id = t.business_id`,
    [CLOSED_BY_IMPORT, SYSTEM_ACTOR.username, ...(written === "all" ? [] : [written.businessIds])],
  );
  return result.rowCount ?? 0;
}
