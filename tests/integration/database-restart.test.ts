import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, disconnectDb, setDatabaseUrl } from "@/server/db/client.ts";
import { destroyEmbeddedPostgres, ensureEmbeddedPostgres, stopEmbeddedPostgres } from "@/server/db/embedded-postgres.ts";

// Restarting PostgreSQL under the shared test server would fail every other file's queries:
// this file runs a cluster of its own.
const sharedUrl = process.env.DATABASE_URL as string;
let dataDir: string;
let port: number;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "jangkau-db-restart-"));
  const server = await ensureEmbeddedPostgres({ dataDir, port: 51000 + Math.floor(Math.random() * 3000) });
  port = server.port;
  await disconnectDb();
  setDatabaseUrl(server.url);
});

afterAll(async () => {
  await disconnectDb();
  setDatabaseUrl(sharedUrl);
  await destroyEmbeddedPostgres(dataDir);
  await rm(dataDir, { recursive: true, force: true });
});

/** What a page does: a plain read and a short transaction (the lead list's settings + query). */
async function browse(): Promise<void> {
  await db.$queryRaw`SELECT 1`;
  await db.$transaction([db.$executeRawUnsafe("SELECT set_config('random_page_cost', '1.1', true)"), db.$queryRaw`SELECT count(*) FROM pg_class`]);
}

describe("PostgreSQL restarted while users browse", () => {
  it("fails requests only during the outage; the pool reconnects by itself", { timeout: 90_000 }, async () => {
    // Every pooled connection has been used before the restart, so each is a dead socket after it.
    await Promise.all(Array.from({ length: 12 }, browse));

    const outcomes: { at: number; ok: boolean }[] = [];
    let browsing = true;
    const users = Array.from({ length: 6 }, async () => {
      while (browsing) {
        const at = Date.now();
        outcomes.push({ at, ok: await browse().then(() => true, () => false) });
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    });

    await new Promise((resolve) => setTimeout(resolve, 500));
    const outageStarted = Date.now();
    await stopEmbeddedPostgres(dataDir);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const restarted = await ensureEmbeddedPostgres({ dataDir, port });
    expect(restarted.port).toBe(port);
    const outageEnded = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    browsing = false;
    await Promise.all(users);

    const before = outcomes.filter((o) => o.at < outageStarted);
    const during = outcomes.filter((o) => o.at >= outageStarted && o.at < outageEnded);
    const after = outcomes.filter((o) => o.at >= outageEnded);
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((o) => o.ok)).toBe(true);
    expect(during.some((o) => !o.ok)).toBe(true);
    // A request started at the very moment the server came back may still meet a dead socket;
    // none may fail once the pool has seen the restart.
    expect(after.length).toBeGreaterThan(20);
    expect(after.filter((o) => o.at >= outageEnded + 200).every((o) => o.ok)).toBe(true);
    await browse();
  });
});
