import "server-only";
import { spawn } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { config } from "@/server/config.ts";
import { databaseUrl } from "@/server/db/client.ts";
import { matchPartition } from "./match-partition.ts";

/**
 * Runs a full run's units of name matching (match-partition.ts) and returns when all are done.
 * The units are rows of `match_work_partition`; whoever runs them claims one at a time (largest
 * first, so the last ones are small), which is all a pool of workers needs to share them:
 *   - `workers: 0` (default): the coordinator runs them itself, one after another;
 *   - `workers: n`: n processes (`jangkau match-partitions`) drain them side by side.
 * This runner is the one place to swap for a job queue: each unit is already one small payload
 * ({runId, partition}) whose output goes to PostgreSQL.
 */

export interface PartitionRunOptions {
  workers?: number;
  log?: (message: string) => void;
}

export interface PartitionRunReport {
  /** Peak RSS in bytes of each worker process (empty when the coordinator ran the units). */
  workerPeakRss: number[];
}

export async function runPartitions(runId: number, options: PartitionRunOptions = {}): Promise<PartitionRunReport> {
  const workers = options.workers ?? 0;
  let workerPeakRss: number[] = [];
  if (workers <= 0) await drainPartitions(runId);
  else workerPeakRss = await Promise.all(Array.from({ length: workers }, () => spawnWorker(runId, options.log)));
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    const { rows } = await client.query<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM match_work_partition WHERE run_id = $1 AND status <> 'DONE' GROUP BY status`,
      [runId],
    );
    if (rows.length > 0) throw new Error(`bagian pencocokan tidak selesai: ${rows.map((r) => `${r.n} ${r.status}`).join(", ")}`);
  } finally {
    await client.end();
  }
  return { workerPeakRss };
}

/** Claims and runs units of the run until none is left; returns how many it ran. */
export async function drainPartitions(runId: number): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl() });
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
         RETURNING partition`,
        [runId],
      );
      if (rows.length === 0) return ran;
      await matchPartition({ runId, partition: rows[0]!.partition }, client);
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
