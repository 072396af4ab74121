import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { config } from "@/server/config.ts";
import { PrismaClient } from "./generated/client.ts";

export { Prisma } from "./generated/client.ts";
export type Db = PrismaClient;
/** The client handed to callbacks of `db.$transaction(async (tx) => …)`. */
export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

const globalForDb = globalThis as unknown as {
  jangkauDb?: PrismaClient;
  jangkauPool?: pg.Pool;
  jangkauDbUrl?: string;
  jangkauReplica?: { url: string; db: PrismaClient; pool: pg.Pool };
};

/**
 * The connection string chosen at start-up (see server/db/database.ts): DATABASE_URL when set,
 * otherwise the embedded server's. Kept on globalThis so Next's separate module graphs
 * (instrumentation, pages, route handlers) share one pool.
 */
export function setDatabaseUrl(url: string): void {
  globalForDb.jangkauDbUrl = url;
}

export function databaseUrl(): string {
  const url = globalForDb.jangkauDbUrl ?? config().DATABASE_URL;
  if (!url) throw new Error("Database belum siap: server/db/database.ts prepareDatabase() belum dijalankan.");
  return url;
}

function createClient(): PrismaClient {
  const { db: client, pool } = connect(databaseUrl());
  globalForDb.jangkauPool = pool;
  return client;
}

function connect(url: string): { db: PrismaClient; pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString: url, max: poolSize() });
  // An idle connection the server dropped (a restart) leaves the pool, which opens a new one on
  // the next query. Prisma's adapter listens for this only once Prisma has run a query, and
  // dbPool() may be used before that: unheard, the event would end the process.
  pool.on("error", () => undefined);
  return { db: new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) }), pool };
}

/**
 * The read replica (`DATABASE_REPLICA_URL`), or null when none is configured. Only for the heavy
 * reads server/db/read-db.ts sends there; its pool is created on first use, like the primary's.
 */
export function replica(): { url: string; db: PrismaClient; pool: pg.Pool } | null {
  const url = config().DATABASE_REPLICA_URL;
  if (!url) return null;
  const current = globalForDb.jangkauReplica;
  if (current?.url === url) return current;
  void current?.db.$disconnect();
  globalForDb.jangkauReplica = { url, ...connect(url) };
  return globalForDb.jangkauReplica;
}

/**
 * The pool behind `db`, for the few hot queries where Prisma's own work per query (compiling,
 * interpreting, mapping the result) costs more Node CPU than the query costs PostgreSQL: the lead
 * list's page and count. Same connections, same limit; values come back as `pg` parses them
 * (bigint as a string, json parsed).
 */
export function dbPool(): pg.Pool {
  globalForDb.jangkauDb ??= createClient();
  return globalForDb.jangkauPool!;
}

function poolSize(): number {
  return config().JANGKAU_DB_POOL_SIZE;
}

/** Lazily created so importing a module never needs the database to be up. */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    globalForDb.jangkauDb ??= createClient();
    const value = Reflect.get(globalForDb.jangkauDb, property);
    return typeof value === "function" ? value.bind(globalForDb.jangkauDb) : value;
  },
});

export async function disconnectDb(): Promise<void> {
  await Promise.all([globalForDb.jangkauDb?.$disconnect(), globalForDb.jangkauReplica?.db.$disconnect()]);
  globalForDb.jangkauDb = undefined;
  globalForDb.jangkauPool = undefined;
  globalForDb.jangkauReplica = undefined;
}
