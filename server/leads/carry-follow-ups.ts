import "server-only";
import type pg from "pg";
import { FOLLOW_UP_STATUS_LABELS, type FollowUpStatusValue } from "@/lib/leads/follow-up-status.ts";
import { SYSTEM_ACTOR } from "@/server/audit/system-actor.ts";

/**
 * Inside a match run's write transaction: the follow-up work of every business the run
 * dissolved (merged into another, e.g. after a confirmed review pair) moves to its successor
 * (business-ids.ts `successorIds`), so an officer's assignment and history never point at a
 * business that no longer exists.
 *
 * - The activities (the whole timeline) move to the successor.
 * - The follow-up row moves too when the successor has none (of several dissolved into one, the
 *   most recently updated); otherwise the successor's own follow-up stands and the dissolved
 *   one's is removed — its status and officer are named in the note below.
 * - The successor's timeline gets a system note per dissolved business.
 *
 * Returns how many dissolved businesses had follow-up work to carry.
 */
export async function carryFollowUps(client: pg.ClientBase, runId: number, successors: ReadonlyMap<bigint, bigint>): Promise<number> {
  if (successors.size === 0) return 0;
  const { rows: carried } = await client.query<{ old_id: string; new_id: string }>(
    `SELECT p.old_id::text, p.new_id::text FROM unnest($1::bigint[], $2::bigint[]) AS p(old_id, new_id)
     WHERE EXISTS (SELECT 1 FROM lead_follow_up f WHERE f.business_id = p.old_id)
        OR EXISTS (SELECT 1 FROM lead_activity a WHERE a.business_id = p.old_id)`,
    [[...successors.keys()].map(String), [...successors.values()].map(String)],
  );
  if (carried.length === 0) return 0;
  const oldIds = carried.map((c) => c.old_id);
  const newIds = carried.map((c) => c.new_id);

  // A successor without a follow-up of its own takes one of the dissolved ones over.
  await client.query(
    `UPDATE lead_follow_up f SET business_id = m.new_id, updated_at = now()
     FROM (SELECT DISTINCT ON (p.new_id) p.old_id, p.new_id
           FROM unnest($1::bigint[], $2::bigint[]) AS p(old_id, new_id)
           JOIN lead_follow_up o ON o.business_id = p.old_id
           WHERE NOT EXISTS (SELECT 1 FROM lead_follow_up s WHERE s.business_id = p.new_id)
           ORDER BY p.new_id, o.updated_at DESC, p.old_id) m
     WHERE f.business_id = m.old_id`,
    [oldIds, newIds],
  );
  // The others give way to the follow-up the successor already has.
  const { rows: removed } = await client.query<{ business_id: string; status: FollowUpStatusValue; officer: string | null }>(
    `DELETE FROM lead_follow_up f USING unnest($1::bigint[]) AS p(old_id)
     WHERE f.business_id = p.old_id
     RETURNING f.business_id::text, f.status, (SELECT u.username FROM app_user u WHERE u.id = f.assigned_to_id) AS officer`,
    [oldIds],
  );
  await client.query(
    `UPDATE lead_activity a SET business_id = p.new_id
     FROM unnest($1::bigint[], $2::bigint[]) AS p(old_id, new_id) WHERE a.business_id = p.old_id`,
    [oldIds, newIds],
  );

  const removedById = new Map(removed.map((r) => [r.business_id, r]));
  const notes = carried.map(({ old_id, new_id }) => {
    const gone = removedById.get(old_id);
    const replaced = gone
      ? ` Tindak lanjutnya (status ${FOLLOW_UP_STATUS_LABELS[gone.status]}${gone.officer ? `, petugas ${gone.officer}` : ""}) tidak dilanjutkan: yang berlaku tindak lanjut prospek ini.`
      : "";
    return { businessId: new_id, note: `Prospek #${old_id} digabung ke prospek ini oleh pencocokan #${runId}; riwayatnya dipindahkan ke sini.${replaced}` };
  });
  await client.query(
    `INSERT INTO lead_activity (business_id, kind, occurred_on, outcome, note, actor_id, actor_username)
     SELECT n.business_id, 'CATATAN_SISTEM', (now() AT TIME ZONE 'Asia/Jakarta')::date, 'Digabung oleh pencocokan', n.note, NULL, $3
     FROM unnest($1::bigint[], $2::text[]) AS n(business_id, note)`,
    [notes.map((n) => n.businessId), notes.map((n) => n.note), SYSTEM_ACTOR.username],
  );
  return carried.length;
}
