import "server-only";
import { db } from "@/server/db/client.ts";
import type { MatchRunKind, MatchRunStatus } from "@/server/db/generated/enums.ts";

/**
 * Recent entity-resolution runs as the import page shows and polls them: what started each run,
 * how far it got and its figures, no personal data (no records, no actor). Plain JSON values: it
 * is sent as is.
 */
export interface MatchRunDto {
  id: number;
  kind: MatchRunKind;
  status: MatchRunStatus;
  /** "menunggu giliran", "membaca data", "mencocokkan", "mengklasifikasi", "menyimpan hasil", "selesai", "berhenti". */
  phase: string;
  /** Records to resolve and resolved so far; 0/0 until the run has read its data. */
  recordsTotal: number;
  recordsDone: number;
  /** The import batch an incremental run followed; null for a full re-match (by hand or at start-up). */
  trigger: MatchRunTriggerDto | null;
  /** Once the run succeeded: its figures. */
  result: MatchRunResultDto | null;
  /** Why it failed. */
  message: string | null;
  startedAt: string;
  finishedAt: string | null;
}

export interface MatchRunTriggerDto {
  batchId: string;
  source: string;
  period: string;
  fileName: string | null;
}

export interface MatchRunResultDto {
  records: number;
  businesses: number;
  leads: number;
  reviewPairs: number;
  seconds: number;
}

/** Runs the import page lists: enough to see the last few imports' runs and the last full one. */
export const RECENT_MATCH_RUNS = 10;

const RUN_COLUMNS = {
  id: true,
  kind: true,
  status: true,
  batchId: true,
  phase: true,
  recordsTotal: true,
  recordsDone: true,
  stats: true,
  message: true,
  startedAt: true,
  finishedAt: true,
} as const;

/**
 * The latest runs, newest first; then, when older than those, the last full run that succeeded:
 * busy import days push it out of the list, and it is when everything was last re-resolved.
 */
export async function findMatchRuns({ limit = RECENT_MATCH_RUNS }: { limit?: number } = {}): Promise<MatchRunDto[]> {
  const runs = await db.matchRun.findMany({ orderBy: [{ startedAt: "desc" }, { id: "desc" }], take: limit, select: RUN_COLUMNS });
  if (runs.length === limit && !runs.some((run) => run.kind === "FULL" && run.status === "SUCCEEDED")) {
    const lastFull = await db.matchRun.findFirst({
      where: { kind: "FULL", status: "SUCCEEDED" },
      orderBy: [{ startedAt: "desc" }, { id: "desc" }],
      select: RUN_COLUMNS,
    });
    if (lastFull) runs.push(lastFull);
  }
  const batchIds = [...new Set(runs.flatMap((run) => (run.batchId ? [run.batchId] : [])))];
  const batches = batchIds.length
    ? await db.importBatch.findMany({ where: { id: { in: batchIds } }, select: { id: true, source: true, period: true, fileName: true } })
    : [];
  const batchById = new Map(batches.map((batch) => [batch.id, batch]));

  return runs.map((run) => {
    const batch = run.batchId ? batchById.get(run.batchId) : undefined;
    return {
      id: run.id,
      kind: run.kind,
      status: run.status,
      phase: run.phase,
      recordsTotal: run.recordsTotal,
      recordsDone: run.recordsDone,
      trigger: batch ? { batchId: batch.id, source: batch.source, period: batch.period, fileName: batch.fileName } : null,
      result: run.status === "SUCCEEDED" ? resultOf(run.stats) : null,
      message: run.message,
      startedAt: run.startedAt.toISOString(),
      finishedAt: run.finishedAt?.toISOString() ?? null,
    };
  });
}

/** The figures of `match_run.stats` the page shows; null when the run left none. */
function resultOf(stats: unknown): MatchRunResultDto | null {
  if (!stats || typeof stats !== "object") return null;
  const s = stats as Record<string, unknown>;
  const number = (key: string) => (typeof s[key] === "number" ? s[key] : 0);
  if (typeof s.businesses !== "number") return null;
  return {
    records: number("records"),
    businesses: number("businesses"),
    leads: number("leads"),
    reviewPairs: number("reviewPairs"),
    seconds: number("seconds"),
  };
}

/** A run waiting or in progress, if any (one whose worker died is failed by the workers' heartbeat check). */
export async function findRunningMatchRun(): Promise<{ id: number; kind: MatchRunKind } | null> {
  return db.matchRun.findFirst({ where: { status: "RUNNING" }, orderBy: { id: "asc" }, select: { id: true, kind: true } });
}
