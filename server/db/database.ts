import "server-only";
import path from "node:path";
import pg from "pg";
import { config } from "@/server/config.ts";
import { ensureRegionsLoaded } from "@/server/regions/load-regions.ts";
import { setDatabaseUrl } from "./client.ts";
import { ensureEmbeddedPostgres, type EmbeddedPostgres } from "./embedded-postgres.ts";
import { applyMigrations, pendingMigrations } from "./migrate.ts";
import { assertUnprivilegedAppRole, DatabaseRoleError, sameDatabase } from "./roles.ts";

export interface DatabaseConnections {
  /** The app role's connection: everything the app and the CLI do. */
  url: string;
  /** The owner's connection (migrations, backup, restore); null when not configured. */
  ownerUrl: string | null;
  embedded: EmbeddedPostgres | null;
}

export interface PreparedDatabase extends DatabaseConnections {
  appliedMigrations: string[];
}

/** Where Jangkau keeps local state: the embedded cluster, generated secrets. Git-ignored. */
export function dataDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ config().JANGKAU_DATA_DIR);
}

/**
 * Chooses the database without touching its schema: DATABASE_URL (the app role) with
 * DATABASE_OWNER_URL (the owner, optional), or the embedded server in the data folder, which has
 * both roles.
 */
export async function connectDatabase(options: { log?: (message: string) => void } = {}): Promise<DatabaseConnections> {
  const { DATABASE_URL: url, DATABASE_OWNER_URL, JANGKAU_DB_PORT } = config();
  if (!url) {
    const embedded = await ensureEmbeddedPostgres({
      dataDir: dataDir(),
      port: JANGKAU_DB_PORT,
      log: options.log,
    });
    return { url: embedded.url, ownerUrl: embedded.ownerUrl, embedded };
  }
  const ownerUrl = DATABASE_OWNER_URL ?? null;
  if (ownerUrl && !sameDatabase(url, ownerUrl)) {
    throw new DatabaseRoleError("DATABASE_OWNER_URL dan DATABASE_URL harus menunjuk server dan database yang sama.");
  }
  return { url, ownerUrl, embedded: null };
}

/** The owner's connection, or a clear refusal for commands that need it (migrate, backup, restore). */
export function requireOwnerUrl(connections: DatabaseConnections): string {
  if (connections.ownerUrl) return connections.ownerUrl;
  throw new DatabaseRoleError(
    "Perintah ini memerlukan peran pemilik database: atur DATABASE_OWNER_URL (lihat docs/security.md, bagian \"Database roles\").",
  );
}

/**
 * Chooses the database, applies pending migrations as the owner (when the owner's connection is
 * configured; otherwise refuses a database whose migrations lag behind the code), makes sure the
 * app's connection is unprivileged, and loads the region table when empty. Safe to run from
 * several processes at once: the app, the CLI and tests all start through here.
 */
export async function prepareDatabase(options: { log?: (message: string) => void; requireOwner?: boolean } = {}): Promise<PreparedDatabase> {
  const log = options.log ?? (() => {});
  const connections = await connectDatabase({ log });
  if (options.requireOwner) requireOwnerUrl(connections);
  let applied: string[] = [];
  if (connections.ownerUrl) {
    // The schema engine's own chatter only when asked for; what was applied is always said.
    const engineLog = config().JANGKAU_DEBUG_MIGRATIONS ? log : undefined;
    ({ applied } = await applyMigrations(connections.ownerUrl, { log: engineLog }));
    if (applied.length) log(`Migrasi diterapkan: ${applied.join(", ")}`);
  } else {
    await refuseUnmigrated(connections.url);
  }
  await assertUnprivilegedAppRole(connections.url);
  setDatabaseUrl(connections.url);
  const regions = await ensureRegionsLoaded({ log });
  if (regions.loaded) log("Data wilayah Kemendagri dimuat.");
  return { ...connections, appliedMigrations: applied };
}

async function refuseUnmigrated(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let pending: string[];
  try {
    pending = await pendingMigrations(client);
  } finally {
    await client.end();
  }
  if (pending.length) {
    throw new DatabaseRoleError(
      `Database belum dimigrasi (${pending.length} migrasi tertunda, mis. ${pending[0]}). ` +
        "Jalankan `npx jangkau db migrate` dengan DATABASE_OWNER_URL sebelum menjalankan aplikasi.",
    );
  }
}
