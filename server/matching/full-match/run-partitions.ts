import "server-only";
import { spawn } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { config } from "@/server/config.ts";
import { databaseUrl } from "@/server/db/client.ts";
import { LIVENESS_KIND, workerIsGone } from "@/server/db/liveness-lock.ts";
import { matchPartition } from "./match-partition.ts";

/**
 * Runs a full run's units of name matching (match-partition.ts) and returns when all are done.
 * The units are rows of `match_work_partition`; whoever runs them claims one at a time (largest
 * first, so the last ones are small), which is all a pool of workers needs to share them:
 *   - `workers: 0` (default): the coordinator runs them itself, one after another;
 *   - `workers: n`: n processes (`jangkau match-partitions`) drain them side by side;
 *   - `helperJobs`: in a worker of the job queue, `match-partitions` jobs let other workers
 *     drain them beside the coordinator.
 * Either way the coordinator drains too and returns only when every unit is done.
 */

export interface PartitionRunOptions {
  workers?: number;
  /** Asks other processes to help (a worker of the job queue queues `match-partitions` jobs). */
  helperJobs?: (runId: number) => Promise<void>;
  log?: (message: string) => void;
}

export interface PartitionRunReport {
  /** Peak RSS in bytes of each worker process (empty when the coordinator ran the units). */
  workerPeakRss: number[];
}

export async function runPartitions(runId: number, options: PartitionRunOptions = {}): Promise<PartitionRunReport> {
  const workers = options.workers ?? 0;
  let workerPeakRss: number[] = [];
  if (options.helperJobs) await options.helperJobs(runId);
  if (workers <= 0) await drainUntilDone(runId);
  else {
    workerPeakRss = await Promise.all(Array.from({ length: workers }, () => spawnWorker(runId, options.log)));
    await drainUntilDone(runId);
  }
  return { workerPeakRss };
}

// How often the coordinator looks again while other processes still run units.
const WAIT_MS = 500;

/**
 * Runs units until every unit of the run is done. Units other processes hold are waited for; a
 * unit whose holder died (its lock is free while it still says RUNNING: a killed worker, a lost
 * connection) goes back to PENDING and is run here — a unit replaces its own output, so running
 * it twice is harmless.
 */
async function drainUntilDone(runId: number): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    for (;;) {
      await drainPartitions(runId);
      const { rows } = await client.query<{ partition: string }>(
        `SELECT partition FROM match_work_partition WHERE run_id = $1 AND status <> 'DONE'`,
        [runId],
      );
      if (rows.length === 0) return;
      for (const { partition } of rows) {
        await client.query("BEGIN");
        try {
          if (await workerIsGone(client, "matchUnit", unitKey(runId, partition))) {
            await client.query(`UPDATE match_work_partition SET status = 'PENDING' WHERE run_id = $1 AND partition = $2 AND status = 'RUNNING'`, [runId, partition]);
          }
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK").catch(() => undefined);
          throw error;
        }
      }
      await new Promise((resolve) => setTimeout(resolve, WAIT_MS));
    }
  } finally {
    await client.end();
  }
}

function unitKey(runId: number, partition: string): string {
  return `${runId}:${partition}`;
}

/**
 * Claims and runs units of the run until none is left to claim; returns how many it ran. A claim
 * takes the unit's liveness lock in the same statement (before it commits), so a unit marked
 * RUNNING always has a live holder or a free lock — never a holder that has not locked yet.
 */
export async function drainPartitions(runId: number): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl() });
  client.on("error", () => undefined);
  await client.connect();
  let ran = 0;
  try {
    for (;;) {
      // The unit is chosen by a scalar subquery, run once: joined as a FROM item instead, a
      // nested-loop plan re-runs it per row and claims a second unit nobody then runs.
      const { rows } = await client.query<{ partition: string }>(
        `UPDATE match_work_partition SET status = 'RUNNING'
         WHERE run_id = $1 AND partition = (
           SELECT partition FROM match_work_partition WHERE run_id = $1 AND status = 'PENDING'
           ORDER BY records DESC, rank LIMIT 1 FOR UPDATE SKIP LOCKED)
         RETURNING partition, pg_advisory_lock($2::int, hashtext($1::text || ':' || partition)) IS NOT NULL AS locked`,
        [runId, LIVENESS_KIND.matchUnit],
      );
      if (rows.length === 0) return ran;
      const partition = rows[0]!.partition;
      await matchPartition({ runId, partition }, client);
      await client.query(`SELECT pg_advisory_unlock($1::int, hashtext($2::text))`, [LIVENESS_KIND.matchUnit, unitKey(runId, partition)]);
      ran++;
    }
  } finally {
    await client.end();
  }
}

/** One worker process; resolves with its peak RSS (bytes), the last line it prints. */
function spawnWorker(runId: number, log?: (message: string) => void): Promise<number> {
  const bin = path.join(process.cwd(), "cli", "bin.mjs");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, "match-partitions", "--run-id", String(runId)], {
      stdio: ["ignore", "pipe", "inherit"],
      // A unit holds one regency; a budget well under the run's 1.5 GB per process.
      env: { ...process.env, DATABASE_URL: databaseUrl(), JANGKAU_CLI_MAX_HEAP_MB: String(config().JANGKAU_CLI_MAX_HEAP_MB ?? 1024) },
    });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`pekerja pencocokan berhenti dengan kode ${code}`));
      const report = JSON.parse(out.trim().split("\n").at(-1) ?? "{}") as { units?: number; peakRss?: number };
      log?.(`  pekerja: ${report.units ?? 0} bagian, puncak RSS ${Math.round((report.peakRss ?? 0) / 2 ** 20)} MB`);
      resolve(report.peakRss ?? 0);
    });
  });
}
