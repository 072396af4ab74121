import "server-only";
import { cookies } from "next/headers";
import type pg from "pg";
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
  return jar?.has(PIN_COOKIE) ? null : target;
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
