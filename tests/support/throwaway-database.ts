import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { applyMigrations } from "@/server/db/migrate.ts";

export interface ThrowawayDatabase {
  name: string;
  /** The app role's connection, what the code under test uses. */
  url: string;
  /** The owner's: to tamper as an attacker with the owner's rights would, or to add test fixtures' DDL. */
  ownerUrl: string;
  drop(): Promise<void>;
}

/** The run's database, as the owner (superuser of the throwaway cluster). */
export function sharedOwnerUrl(): string {
  return inject("databaseOwnerUrl");
}

/** `url` with another database name. */
export function withDatabase(url: string, name: string): string {
  const next = new URL(url);
  next.pathname = `/${name}`;
  return next.toString();
}

/**
 * A migrated database of its own on the test server, for tests that need a table to start
 * empty or a global invariant (the only admin, an intact audit chain) the shared database
 * cannot promise while other files run in parallel. `migrate: false` leaves it empty.
 */
export async function createThrowawayDatabase(
  prefix: string,
  sharedUrl = process.env.DATABASE_URL as string,
  options: { migrate?: boolean } = {},
): Promise<ThrowawayDatabase> {
  const name = `${prefix}_${randomBytes(4).toString("hex")}`;
  const admin = sharedOwnerUrl();
  await runAsAdmin(admin, `CREATE DATABASE ${name}`);
  const ownerUrl = withDatabase(admin, name);
  if (options.migrate !== false) await applyMigrations(ownerUrl);
  return {
    name,
    url: withDatabase(sharedUrl, name),
    ownerUrl,
    drop: () => runAsAdmin(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
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
