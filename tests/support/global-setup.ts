import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { destroyEmbeddedPostgres, ensureEmbeddedPostgres } from "../../server/db/embedded-postgres.ts";
import { applyMigrations } from "../../server/db/migrate.ts";

/**
 * One throwaway embedded PostgreSQL for the whole run, migrated with the real migrations as the
 * owner. Test files connect as the app role, like production: its URL comes through
 * `inject("databaseUrl")` and DATABASE_URL; the owner's (`inject("databaseOwnerUrl")`) is only
 * for tests that create databases or play the attacker with the owner's rights.
 */
export default async function setup(project: TestProject) {
  const dataDir = await mkdtemp(path.join(tmpdir(), "jangkau-test-"));
  const server = await ensureEmbeddedPostgres({ dataDir, port: 55000 + Math.floor(Math.random() * 5000) });
  await applyMigrations(server.ownerUrl);
  process.env.DATABASE_URL = server.url;
  project.provide("databaseUrl", server.url);
  project.provide("databaseOwnerUrl", server.ownerUrl);
  // Local state (generated keys, audit checkpoints) in the run's folder, never the repository's .data.
  project.provide("dataDir", dataDir);
  return async () => {
    await destroyEmbeddedPostgres(dataDir);
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    databaseOwnerUrl: string;
    dataDir: string;
  }
}
