import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, inject } from "vitest";
import { disconnectDb, setDatabaseUrl } from "@/server/db/client.ts";
import { applyMigrations } from "@/server/db/migrate.ts";
import { ensureRegionsLoaded } from "@/server/regions/load-regions.ts";

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

/**
 * For an import test file: a throwaway database with the regions loaded and a scratch folder for
 * files and storage, made before the file's tests and dropped after them. `dir()` is the folder.
 */
export function importDatabaseForFile(prefix: string): { dir: () => string; database: () => ThrowawayDatabase } {
  let database: ThrowawayDatabase | undefined;
  let dir: string | undefined;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), `jangkau-${prefix}-`));
    process.env.JANGKAU_STORAGE_DIR = path.join(dir, "storage");
    database = await createThrowawayDatabase(prefix);
    process.env.DATABASE_URL = database.url;
    setDatabaseUrl(database.url);
    await ensureRegionsLoaded({ url: database.ownerUrl });
  });
  afterAll(async () => {
    await disconnectDb();
    await database?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  return { dir: () => dir!, database: () => database! };
}
