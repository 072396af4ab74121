import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { destroyEmbeddedPostgres, ensureEmbeddedPostgres } from "../../server/db/embedded-postgres.ts";
import { applyMigrations } from "../../server/db/migrate.ts";

/**
 * One throwaway embedded PostgreSQL for the whole run, migrated with the real migrations.
 * Test files get its URL through `inject("databaseUrl")` and DATABASE_URL.
 */
export default async function setup(project: TestProject) {
  const dataDir = await mkdtemp(path.join(tmpdir(), "jangkau-test-"));
  const server = await ensureEmbeddedPostgres({ dataDir, port: 55000 + Math.floor(Math.random() * 5000) });
  await applyMigrations(server.url);
  process.env.DATABASE_URL = server.url;
  project.provide("databaseUrl", server.url);
  return async () => {
    await destroyEmbeddedPostgres(dataDir);
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}
