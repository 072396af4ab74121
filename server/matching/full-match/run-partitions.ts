import "server-only";
import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
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

/**
 * What one process did draining units: how many, in how long, how much of that was its own CPU
 * and how much its PostgreSQL backend's. Against the wall clock they say whether more processes
 * can help: what neither used is waiting — for a core other work holds, or for the disk.
 */
export interface DrainReport {
  units: number;
  seconds: number;
  nodeCpuSeconds: number;
  /** Null when the backend's CPU cannot be read (PostgreSQL on another machine). */
  postgresCpuSeconds: number | null;
}

export function describeDrain(who: string, report: DrainReport): string {
  const share = (cpu: number) => `${cpu.toFixed(1)} s (${report.seconds > 0 ? Math.round((cpu / report.seconds) * 100) : 0} %)`;
  const postgres = report.postgresCpuSeconds === null ? "" : `, CPU PostgreSQL ${share(report.postgresCpuSeconds)}`;
  return `  ${who}: ${report.units} bagian dalam ${report.seconds.toFixed(1)} s, CPU Node ${share(report.nodeCpuSeconds)}${postgres}`;
}

/** CPU seconds a local backend has used so far (its /proc entry), null when it is not local. */
async function backendCpuSeconds(pid: number): Promise<number | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name, which may hold spaces: utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

// Linux reports process CPU in clock ticks of 1/100 s (USER_HZ) on every architecture it runs on.
const CLOCK_TICKS_PER_SECOND = 100;

export async function runPartitions(runId: number, options: PartitionRunOptions = {}): Promise<PartitionRunReport> {
  const workers = options.workers ?? 0;
  let workerPeakRss: number[] = [];
  if (options.helperJobs) await options.helperJobs(runId);
  if (workers <= 0) await drainUntilDone(runId, options.log);
  else {
    workerPeakRss = await Promise.all(Array.from({ length: workers }, () => spawnWorker(runId, options.log)));
    await drainUntilDone(runId, options.log);
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
async function drainUntilDone(runId: number, log?: (message: string) => void): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    for (;;) {
      const drained = await drainPartitions(runId);
      if (drained.units > 0) log?.(describeDrain("proses ini", drained));
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
 * Claims and runs units of the run until none is left to claim. A claim takes the unit's liveness
 * lock in the same statement (before it commits), so a unit marked RUNNING always has a live
 * holder or a free lock — never a holder that has not locked yet.
 */
export async function drainPartitions(runId: number): Promise<DrainReport> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const client = new pg.Client({ connectionString: databaseUrl() });
  client.on("error", () => undefined);
  await client.connect();
  const { rows: backend } = await client.query<{ pid: number }>(`SELECT pg_backend_pid() AS pid`);
  const backendCpu = await backendCpuSeconds(backend[0]!.pid);
  let ran = 0;
  const report = async (): Promise<DrainReport> => {
    const used = process.cpuUsage(cpu);
    const postgres = backendCpu === null ? null : await backendCpuSeconds(backend[0]!.pid);
    return {
      units: ran,
      seconds: (performance.now() - started) / 1000,
      nodeCpuSeconds: (used.user + used.system) / 1e6,
      postgresCpuSeconds: postgres === null || backendCpu === null ? null : postgres - backendCpu,
    };
  };
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
      if (rows.length === 0) return await report();
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
      const report = JSON.parse(out.trim().split("\n").at(-1) ?? "{}") as Partial<DrainReport> & { peakRss?: number };
      const drained = { units: report.units ?? 0, seconds: report.seconds ?? 0, nodeCpuSeconds: report.nodeCpuSeconds ?? 0, postgresCpuSeconds: report.postgresCpuSeconds ?? null };
      log?.(`${describeDrain("pekerja", drained)}, puncak RSS ${Math.round((report.peakRss ?? 0) / 2 ** 20)} MB`);
      resolve(report.peakRss ?? 0);
    });
  });
}
