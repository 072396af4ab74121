import "server-only";
import { spawn } from "node:child_process";
import path from "node:path";
import type { AuditActor } from "@/server/audit/append-audit-event.ts";
import { config } from "@/server/config.ts";
import { databaseUrl, db } from "@/server/db/client.ts";
import { createMatchRun, type MatchRunSummary } from "./run-match.ts";

/**
 * Matching after an import runs in a child process (`jangkau match`) with a heap of its own: a
 * CPU-heavy run never stalls the web server's requests, and a full run over a million records
 * never pushes an import's small heap (JANGKAU_CLI_MAX_HEAP_MB) over. The web server starts it in
 * the background and the import page follows the `match_run` row; the CLI waits for it, showing
 * its progress. JANGKAU_MATCH_AFTER_IMPORT=off turns matching after imports off (tests).
 */

export function matchingAfterImportEnabled(): boolean {
  return config().JANGKAU_MATCH_AFTER_IMPORT;
}

/** Heap of the matching process: a full run over 1,000,000 records needs about 3 GB. */

interface MatchProcess {
  runId: number;
  /** Resolves with the run's summary, rejects when the process failed. */
  done: Promise<MatchRunSummary>;
}

async function spawnMatch(options: { batchId?: string; full?: boolean; actor: AuditActor; showProgress?: boolean }): Promise<MatchProcess> {
  const runId = await createMatchRun(options.full ? "FULL" : "INCREMENTAL", options.actor, options.batchId);
  const args = [path.join(/*turbopackIgnore: true*/ process.cwd(), "cli", "bin.mjs"), "match", "--run-id", String(runId), "--json"];
  if (options.full) args.push("--full");
  else if (options.batchId) args.push("--batch", options.batchId);
  const child = spawn(process.execPath, args, {
    cwd: process.cwd(),
    env: { ...process.env, DATABASE_URL: databaseUrl(), JANGKAU_CLI_MAX_HEAP_MB: String(config().JANGKAU_MATCH_MAX_HEAP_MB), JANGKAU_MATCH_VERBOSE: options.showProgress ? "1" : "",
      // The run's audit event names the person whose import or click started it.
      JANGKAU_MATCH_ACTOR: JSON.stringify(options.actor) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout = (stdout + chunk.toString("utf8")).slice(-100_000)));
  child.stderr.on("data", (chunk: Buffer) => {
    if (options.showProgress) process.stderr.write(chunk);
    stderr = (stderr + chunk.toString("utf8")).slice(-2000);
  });
  const done = new Promise<MatchRunSummary>((resolve, reject) => {
    const fail = (message: string) => {
      void db.matchRun
        .updateMany({ where: { id: runId, status: "RUNNING" }, data: { status: "FAILED", phase: "berhenti", finishedAt: new Date(), message: message.slice(0, 1000) } })
        .catch(() => undefined);
      reject(new Error(message));
    };
    child.on("error", (error) => fail(`Proses pencocokan tidak dapat dimulai: ${error.message}`));
    child.on("exit", (code) => {
      const lastLine = stdout.trim().split("\n").at(-1) ?? "";
      if (code === 0) {
        try {
          resolve(JSON.parse(lastLine) as MatchRunSummary);
          return;
        } catch {
          // fall through: a run that printed no summary failed
        }
      }
      fail(`Proses pencocokan #${runId} berhenti (kode ${code}). ${stderr.trim().split("\n").at(-1) ?? ""}`.trim());
    });
  });
  return { runId, done };
}

/** Web server: start matching and return at once with the run's id (null when switched off). */
export async function startMatchInBackground(options: { batchId?: string; full?: boolean; actor: AuditActor }): Promise<number | null> {
  if (!options.full && !matchingAfterImportEnabled()) return null;
  const run = await spawnMatch(options);
  run.done.catch((error: unknown) => console.error(`[pencocokan] ${error instanceof Error ? error.message : String(error)}`));
  return run.runId;
}

/** CLI: re-resolve what each new batch touched, one after the other, waiting for each. */
export async function matchBatchesInline(batchIds: readonly string[], actor: AuditActor, options: { showProgress?: boolean } = {}): Promise<MatchRunSummary[]> {
  if (!matchingAfterImportEnabled()) return [];
  const summaries: MatchRunSummary[] = [];
  for (const batchId of batchIds) summaries.push(await (await spawnMatch({ batchId, actor, showProgress: options.showProgress })).done);
  return summaries;
}
