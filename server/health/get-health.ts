import "server-only";
import packageJson from "@/package.json" with { type: "json" };
import { config } from "@/server/config.ts";
import { db, databaseUrl, type Db } from "@/server/db/client.ts";
import { replicaStatus } from "@/server/db/read-db.ts";
import { readQueueStatus, type QueueStatus } from "./read-queue-status.ts";

/**
 * What GET /api/health tells a load balancer and monitoring: whether this instance can serve
 * (its database answers), and a few operational figures. Nothing personal, no secret, no host
 * name or connection string: the answer is public.
 */
export interface Health {
  status: "ok" | "unavailable";
  version: string;
  checkedAt: string;
  database: { reachable: boolean; latencyMs: number | null };
  queue: { status: "unknown" } | { status: "ok"; waiting: number; oldestWaitingAt: string | null };
  /**
   * The read replica (DATABASE_REPLICA_URL): `none` without one; `lagging` or `down` means its
   * reads go to the primary meanwhile — this instance still serves (200).
   */
  replica: { status: "none" } | { status: "ok" | "lagging" | "down"; lagSeconds: number | null };
  lastMatchRun: { kind: string; status: string; startedAt: string; finishedAt: string | null } | null;
}

/** A database that has not answered by then is down for the load balancer's purposes. */
const DATABASE_TIMEOUT_MS = 2_000;
/**
 * Answers are reused this long, per process: monitoring polls every few seconds, and a flood of
 * unauthenticated health checks then costs the database at most one check a second per instance.
 */
const REUSE_MS = 1_000;

const globalForHealth = globalThis as unknown as { jangkauHealth?: { key: string; at: number; health: Promise<Health> } };

/** `client`: another database than the app's, checked afresh (tests). */
export function getHealth(client: Db = db): Promise<Health> {
  if (client !== db) return checkHealth(client);
  // Keyed by databases so a process that switches them (tests) never reuses another's answer.
  const key = currentDatabase();
  const now = Date.now();
  const cached = globalForHealth.jangkauHealth;
  if (cached && cached.key === key && now - cached.at < REUSE_MS) return cached.health;
  const health = checkHealth(client);
  globalForHealth.jangkauHealth = { key, at: now, health };
  return health;
}

function currentDatabase(): string {
  try {
    return `${databaseUrl()} ${config().DATABASE_REPLICA_URL ?? ""}`;
  } catch {
    return "none"; // not prepared yet: the check itself then reports the database unreachable
  }
}

async function checkHealth(client: Db): Promise<Health> {
  const base = { version: packageJson.version, checkedAt: new Date().toISOString(), replica: await replicaDto() };
  const started = performance.now();
  try {
    await withTimeout(client.$queryRaw`SELECT 1`, DATABASE_TIMEOUT_MS);
  } catch {
    return { ...base, status: "unavailable", database: { reachable: false, latencyMs: null }, queue: { status: "unknown" }, lastMatchRun: null };
  }
  const latencyMs = Math.round((performance.now() - started) * 10) / 10;
  const [queue, lastRun] = await Promise.all([
    readQueueStatus(client),
    client.matchRun
      .findFirst({ orderBy: { startedAt: "desc" }, select: { kind: true, status: true, startedAt: true, finishedAt: true } })
      .catch(() => null),
  ]);
  return {
    ...base,
    status: "ok",
    database: { reachable: true, latencyMs },
    queue: queueDto(queue),
    lastMatchRun: lastRun && {
      kind: lastRun.kind,
      status: lastRun.status,
      startedAt: lastRun.startedAt.toISOString(),
      finishedAt: lastRun.finishedAt?.toISOString() ?? null,
    },
  };
}

async function replicaDto(): Promise<Health["replica"]> {
  const replica = await replicaStatus().catch(() => null);
  return replica ? { status: replica.status, lagSeconds: replica.lagSeconds } : { status: "none" };
}

function queueDto(queue: QueueStatus): Health["queue"] {
  if (queue.status === "unknown") return queue;
  return { status: "ok", waiting: queue.waiting, oldestWaitingAt: queue.oldestWaitingAt?.toISOString() ?? null };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("timeout")), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
