import { randomBytes } from "node:crypto";
import pg from "pg";
import { applyMigrations } from "@/server/db/migrate.ts";

export interface ThrowawayDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/**
 * A migrated database of its own on the test server, for tests that need a table to start
 * empty or a global invariant (the only admin, an intact audit chain) the shared database
 * cannot promise while other files run in parallel.
 */
export async function createThrowawayDatabase(prefix: string, sharedUrl = process.env.DATABASE_URL as string): Promise<ThrowawayDatabase> {
  const name = `${prefix}_${randomBytes(4).toString("hex")}`;
  const url = new URL(sharedUrl);
  url.pathname = `/${name}`;
  await runAsAdmin(sharedUrl, `CREATE DATABASE ${name}`);
  await applyMigrations(url.toString());
  return {
    name,
    url: url.toString(),
    drop: () => runAsAdmin(sharedUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function runAsAdmin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
