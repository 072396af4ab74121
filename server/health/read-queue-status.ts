import "server-only";
import type { Db } from "@/server/db/client.ts";

export type QueueStatus =
  | { status: "unknown" }
  | {
      status: "ok";
      /** Jobs waiting to start (created or retrying), counted up to WAITING_COUNT_CAP. */
      waiting: number;
      /** Creation time of the oldest waiting job; null when none waits. */
      oldestWaitingAt: Date | null;
    };

/** Counting stops here: a health check must stay cheap however long the queue grows. */
export const WAITING_COUNT_CAP = 10_000;

/**
 * The background queue's depth, read from pg-boss's own table (schema `pgboss`, created when
 * the queue first starts). Read defensively — the only place that knows pg-boss's layout: no
 * schema yet, a layout this query does not know or no right to read it all answer "unknown",
 * never an error, so the health of the web server does not depend on the queue being set up.
 */
export async function readQueueStatus(client: Pick<Db, "$queryRaw">): Promise<QueueStatus> {
  try {
    const [table] = await client.$queryRaw<{ present: boolean }[]>`SELECT to_regclass('pgboss.job') IS NOT NULL AS "present"`;
    if (!table?.present) return { status: "unknown" };
    const [row] = await client.$queryRaw<{ waiting: number; oldest: Date | null }[]>`
      SELECT
        (SELECT count(*)::int FROM (SELECT 1 FROM pgboss.job WHERE "state"::text IN ('created', 'retry') LIMIT ${WAITING_COUNT_CAP}) AS capped) AS "waiting",
        (SELECT min("created_on") FROM pgboss.job WHERE "state"::text IN ('created', 'retry')) AS "oldest"`;
    return row ? { status: "ok", waiting: row.waiting, oldestWaitingAt: row.oldest } : { status: "unknown" };
  } catch {
    return { status: "unknown" };
  }
}
