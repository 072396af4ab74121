import "server-only";
import PgBoss from "pg-boss";
import pg from "pg";
import { APP_ROLE } from "../db/roles.ts";
import { JOB_NAMES, JOB_POLICIES, JOB_SCHEMA } from "./job-definitions.ts";

/** pg-boss's own queue for cron schedules (its timekeeper sends through it). */
const CRON_QUEUE = "__pgboss__send-it";

/**
 * Creates or upgrades the job queue's schema as the database owner, at migrate time: pg-boss's
 * tables and one queue per job name (each queue is a partition of `pgboss.job`, which is DDL the
 * app role may not run), then gives the app role exactly what working the queue needs — rows,
 * not structure. The app's own pg-boss runs with `migrate: false` and never changes the schema.
 * Idempotent; callers hold the migration lock, so concurrent starts do not race.
 */
export async function installJobQueue(ownerUrl: string): Promise<void> {
  const boss = new PgBoss({ connectionString: ownerUrl, schema: JOB_SCHEMA, migrate: true, supervise: false, schedule: false, max: 1 });
  boss.on("error", () => undefined); // start() rejects with the same error
  await boss.start();
  try {
    const existing = new Set((await boss.getQueues()).map((queue) => queue.name));
    for (const name of [...JOB_NAMES, CRON_QUEUE]) {
      const policy = name === CRON_QUEUE ? {} : { ...JOB_POLICIES[name as keyof typeof JOB_POLICIES], retryBackoff: true };
      if (existing.has(name)) await boss.updateQueue(name, { name, ...policy });
      else await boss.createQueue(name, { name, ...policy });
    }
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
  await grantQueueToApp(ownerUrl);
}

async function grantQueueToApp(ownerUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    // The schema name and role are constants of ours; GRANT takes no parameters.
    await client.query(`
      GRANT USAGE ON SCHEMA ${JOB_SCHEMA} TO ${APP_ROLE};
      GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${JOB_SCHEMA} TO ${APP_ROLE};
      GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${JOB_SCHEMA} TO ${APP_ROLE};
      -- Creating or dropping a queue is DDL: only the owner, at migrate time.
      REVOKE EXECUTE ON FUNCTION ${JOB_SCHEMA}.create_queue(text, json), ${JOB_SCHEMA}.delete_queue(text) FROM PUBLIC;
    `);
  } finally {
    await client.end();
  }
}
