import "server-only";
import { spawn } from "node:child_process";
import path from "node:path";
import type { AuditActor } from "@/server/audit/append-audit-event.ts";
import { databaseUrl, db } from "@/server/db/client.ts";
import { createMatchRun, runMatch, type MatchRunSummary } from "./run-match.ts";

/**
 * Matching after an import. In the web server a child process (`jangkau match`) does the work, so
 * a CPU-heavy run never stalls page requests and its memory is its own; the import page follows
 * the `match_run` row. The CLI matches in its own process, printing progress.
 * JANGKAU_MATCH_AFTER_IMPORT=off turns both off (tests that import without matching).
 */

export function matchingAfterImportEnabled(): boolean {
  return process.env.JANGKAU_MATCH_AFTER_IMPORT !== "off";
}

/** A full match of 1,000,000 records needs more than the CLI's default import heap. */
const MATCH_HEAP_MB = process.env.JANGKAU_MATCH_MAX_HEAP_MB ?? "3072";

export async function startMatchInBackground(options: { batchId?: string; full?: boolean; actor: AuditActor }): Promise<number | null> {
  if (!options.full && !matchingAfterImportEnabled()) return null;
  const kind = options.full ? "FULL" : "INCREMENTAL";
  const runId = await createMatchRun(kind, options.actor, options.batchId);
  const args = [path.join(/*turbopackIgnore: true*/ process.cwd(), "cli", "bin.mjs"), "match", "--run-id", String(runId), "--json"];
  if (options.full) args.push("--full");
  else if (options.batchId) args.push("--batch", options.batchId);
  const child = spawn(process.execPath, args, {
    cwd: process.cwd(),
    env: { ...process.env, DATABASE_URL: databaseUrl(), JANGKAU_CLI_MAX_HEAP_MB: MATCH_HEAP_MB },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString("utf8")).slice(-2000);
  });
  const markFailed = (message: string) =>
    db.matchRun
      .updateMany({ where: { id: runId, status: "RUNNING" }, data: { status: "FAILED", phase: "berhenti", finishedAt: new Date(), message: message.slice(0, 1000) } })
      .catch(() => undefined);
  child.on("error", (error) => void markFailed(`Proses pencocokan tidak dapat dimulai: ${error.message}`));
  child.on("exit", (code) => {
    if (code !== 0) {
      console.error(`[pencocokan] Proses pencocokan #${runId} berhenti dengan kode ${code}: ${stderr.trim().split("\n").at(-1) ?? ""}`);
      void markFailed(`Proses pencocokan berhenti (kode ${code}). ${stderr.trim().split("\n").at(-1) ?? ""}`);
    }
  });
  return runId;
}

/** CLI: re-resolve what each new batch touched, one after the other, in this process. */
export async function matchBatchesInline(batchIds: readonly string[], actor: AuditActor, log?: (message: string) => void): Promise<MatchRunSummary[]> {
  if (!matchingAfterImportEnabled()) return [];
  const summaries: MatchRunSummary[] = [];
  for (const batchId of batchIds) summaries.push(await runMatch({ kind: "INCREMENTAL", batchId, actor, log }));
  return summaries;
}
