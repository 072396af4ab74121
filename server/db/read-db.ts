import "server-only";
import { cookies } from "next/headers";
import pg from "pg";
import { publicUrlIsHttps } from "@/lib/public-url.ts";
import { config } from "@/server/config.ts";
import { databaseUrl, db, dbPool, replica, type Db } from "./client.ts";

/**
 * Where heavy reads go: the dashboard, exports and the lead, follow-up and audit lists read from
 * the replica when `DATABASE_REPLICA_URL` is set, so they do not compete with writes on the
 * primary. Everything else — writes, the audit trail, the guard, detail pages — stays on the
 * primary (`db`).
 *
 * A replica replays the primary's changes a little later. So that a user never misses their own
 * change, every server action pins its user to the primary for a few seconds (a cookie): the
 * page it re-renders and the next few they open read the primary. Outside a request (the CLI,
 * tests) there is no user to pin.
 *
 * A replica that is down, or lags more than JANGKAU_REPLICA_MAX_LAG_SECONDS, is not read: its
 * reads go to the primary until a later check finds it well again (replicaStatus). A list page
 * is then slower, never broken, and never weeks stale. Checked at start (a log line) and at most
 * every REPLICA_CHECK_MS while reads come, in the background once a first answer is known.
 */

const PIN_COOKIE = "jangkau-baca-utama";
/** Streaming replication normally replays within a second; ten leave room for a busy replica. */
const PIN_SECONDS = 10;

/** After a change: this user's reads go to the primary for PIN_SECONDS. */
export async function pinReadsToPrimary(): Promise<void> {
  if (!config().DATABASE_REPLICA_URL) return;
  const jar = await requestCookies();
  jar?.set(PIN_COOKIE, "1", { maxAge: PIN_SECONDS, httpOnly: true, sameSite: "lax", path: "/", secure: publicUrlIsHttps(config().NEXTAUTH_URL) });
}

async function replicaForThisRead() {
  const target = replica();
  if (!target) return null;
  const jar = await requestCookies();
  if (jar?.has(PIN_COOKIE)) return null;
  return (await replicaStatus())?.status === "ok" ? target : null;
}

/** The replica as the last check found it: read (`ok`), or passed over for the primary. */
export interface ReplicaStatus {
  status: "ok" | "lagging" | "down";
  /** Seconds behind the primary; null when it could not be asked. */
  lagSeconds: number | null;
  checkedAt: Date;
}

/** How long a check's answer stands: a replica that went down is passed over within this. */
const REPLICA_CHECK_MS = 5_000;
/** A replica that has not answered by then is down for our purposes (a host that drops packets). */
const REPLICA_TIMEOUT_MS = 2_000;

const globalForReplica = globalThis as unknown as {
  jangkauReplicaCheck?: { url: string; status?: ReplicaStatus; pending?: Promise<ReplicaStatus> };
};

/**
 * The configured replica's state (null without one). Callers share one check at a time; once a
 * first answer is known, a stale one is returned at once while the next check runs, so a read
 * never waits for a replica that stopped answering.
 */
export async function replicaStatus(): Promise<ReplicaStatus | null> {
  const url = config().DATABASE_REPLICA_URL;
  if (!url) return null;
  let entry = globalForReplica.jangkauReplicaCheck;
  if (entry?.url !== url) entry = globalForReplica.jangkauReplicaCheck = { url };
  const known = entry.status;
  if (known && Date.now() - known.checkedAt.getTime() < REPLICA_CHECK_MS) return known;
  const current = entry;
  current.pending ??= checkReplica(url).then((status) => {
    current.status = status;
    current.pending = undefined;
    return status;
  });
  return known ?? current.pending;
}

/** Asks the replica how far behind it is, on a connection of its own with a short timeout. */
async function checkReplica(url: string): Promise<ReplicaStatus> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: REPLICA_TIMEOUT_MS, query_timeout: REPLICA_TIMEOUT_MS, application_name: "jangkau-replica-check" });
  client.on("error", () => undefined);
  try {
    await client.connect();
    // Caught up when it replayed all it received (an idle primary sends nothing new, however old
    // its last transaction); otherwise behind by the age of the last transaction it replayed. A
    // server not in recovery (a promoted replica, a copy) is not behind anything.
    const { rows } = await client.query<{ lag: number | null }>(`
      SELECT CASE WHEN NOT pg_is_in_recovery() OR pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
                  ELSE extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8 END AS lag`);
    return classifyReplica(rows[0]?.lag ?? null, config().JANGKAU_REPLICA_MAX_LAG_SECONDS);
  } catch {
    return { status: "down", lagSeconds: null, checkedAt: new Date() };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A replica whose lag is unknown (nothing replayed yet) or over the limit is not read. */
export function classifyReplica(lagSeconds: number | null, maxLagSeconds: number): ReplicaStatus {
  const lag = lagSeconds === null ? null : Math.round(lagSeconds * 10) / 10;
  return { status: lag !== null && lag <= maxLagSeconds ? "ok" : "lagging", lagSeconds: lag, checkedAt: new Date() };
}

/** The start's line about the replica: whether lists will read it, or the primary for now. */
export async function describeReplicaAtStart(): Promise<string | null> {
  const status = await replicaStatus();
  if (!status) return null;
  if (status.status === "ok") return `Replika baca tersambung (tertinggal ${status.lagSeconds ?? 0} detik): daftar, dasbor dan ekspor membacanya.`;
  if (status.status === "lagging") {
    return `Replika baca tertinggal ${status.lagSeconds ?? "?"} detik (batas ${config().JANGKAU_REPLICA_MAX_LAG_SECONDS}): daftar dibaca dari basis data utama sampai replika menyusul.`;
  }
  return "Replika baca (DATABASE_REPLICA_URL) tidak dapat dihubungi: daftar dibaca dari basis data utama sampai replika kembali.";
}

/** The client for a heavy read: the replica's, or the primary's when none or pinned. */
export async function readDb(): Promise<Db> {
  return (await replicaForThisRead())?.db ?? db;
}

/** The pool behind readDb(), for the lead list's raw queries. */
export async function readPool(): Promise<pg.Pool> {
  return (await replicaForThisRead())?.pool ?? dbPool();
}

/** The connection string behind readDb(), for an export's own snapshot connection. */
export async function readDatabaseUrl(): Promise<string> {
  return (await replicaForThisRead())?.url ?? databaseUrl();
}

async function requestCookies() {
  try {
    return await cookies();
  } catch {
    return null; // outside a request
  }
}
