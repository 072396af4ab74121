import "server-only";
import path from "node:path";
import { ensureRegionsLoaded } from "@/server/regions/load-regions.ts";
import { setDatabaseUrl } from "./client.ts";
import { ensureEmbeddedPostgres, type EmbeddedPostgres } from "./embedded-postgres.ts";
import { applyMigrations } from "./migrate.ts";

export interface PreparedDatabase {
  url: string;
  embedded: EmbeddedPostgres | null;
  appliedMigrations: string[];
}

/** Where Jangkau keeps local state: the embedded cluster, generated secrets. Git-ignored. */
export function dataDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.JANGKAU_DATA_DIR || ".data");
}

/**
 * Chooses the database (DATABASE_URL, or the embedded server in the data folder), applies
 * pending migrations and loads the region table when empty. Safe to run from several
 * processes at once: the app, the CLI and tests all start through here.
 */
export async function prepareDatabase(options: { log?: (message: string) => void } = {}): Promise<PreparedDatabase> {
  const log = options.log ?? (() => {});
  let embedded: EmbeddedPostgres | null = null;
  let url = process.env.DATABASE_URL;
  if (!url) {
    embedded = await ensureEmbeddedPostgres({
      dataDir: dataDir(),
      port: Number(process.env.JANGKAU_DB_PORT) || undefined,
      log,
    });
    url = embedded.url;
  }
  setDatabaseUrl(url);
  // The schema engine's own chatter only when asked for; what was applied is always said.
  const engineLog = process.env.JANGKAU_DEBUG_MIGRATIONS === "1" ? log : undefined;
  const { applied } = await applyMigrations(url, { log: engineLog });
  if (applied.length) log(`Migrasi diterapkan: ${applied.join(", ")}`);
  const regions = await ensureRegionsLoaded({ log });
  if (regions.loaded) log("Data wilayah Kemendagri dimuat.");
  return { url, embedded, appliedMigrations: applied };
}
