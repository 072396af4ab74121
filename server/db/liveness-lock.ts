import "server-only";
import type pg from "pg";
import type { Tx } from "./client.ts";

/**
 * "Is the process doing this work still alive?" for long work whose record outlives a killed
 * process (a match run, an export). The worker holds a session advisory lock named after its
 * work on its own connection for as long as it works; PostgreSQL drops the lock the moment that
 * connection goes — SIGKILL, out of memory, a crashed host — so whoever later finds the work
 * unfinished can tell a dead worker (the lock is free) from a busy one at once, instead of
 * waiting for a heartbeat to go stale.
 *
 * Locks use PostgreSQL's two-integer form: the first names the kind of work, the second the item
 * (a run id; an export id hashed with hashtext). Single-bigint advisory keys elsewhere in the app
 * live in a separate key space, so they never collide with these.
 */
// `export`: every audited file download that streams (lead lists, one business's workers).
// `job`: a queue job a worker runs (server/jobs/job-heartbeat.ts). `matchUnit`: one regency of
// a full run's name matching, claimed by whichever process drains it ("<run>:<regency>").
export const LIVENESS_KIND = { matchRun: 70_201, export: 70_202, job: 70_203, matchUnit: 70_204 } as const;
export type LivenessKind = keyof typeof LIVENESS_KIND;

/** A text key (a UUID) as the lock's int4 item; a collision only makes a dead worker look alive. */
const ITEM_SQL = (placeholder: string) => `hashtext(${placeholder}::text)`;

/** Takes the work's lock on the worker's own connection, held until that connection closes. */
export async function holdLivenessLock(client: pg.ClientBase, kind: LivenessKind, item: number | string): Promise<void> {
  await client.query(`SELECT pg_advisory_lock($1::int, ${ITEM_SQL("$2")})`, [LIVENESS_KIND[kind], String(item)]);
}

/**
 * True when no live worker holds the work's lock. Taken for the caller's transaction only, so a
 * worker cannot start (or a second sweeper decide) while the caller records the work as failed.
 */
export async function workerIsGone(tx: Tx | pg.ClientBase, kind: LivenessKind, item: number | string): Promise<boolean> {
  const sql = `SELECT pg_try_advisory_xact_lock($1::int, ${ITEM_SQL("$2")}) AS free`;
  const params = [LIVENESS_KIND[kind], String(item)];
  const rows = "$queryRawUnsafe" in tx ? await tx.$queryRawUnsafe<{ free: boolean }[]>(sql, ...params) : (await tx.query<{ free: boolean }>(sql, params)).rows;
  return rows[0]?.free === true;
}
