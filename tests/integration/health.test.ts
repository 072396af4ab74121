import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import packageJson from "@/package.json" with { type: "json" };
import { GET } from "@/app/api/health/route.ts";
import { databaseUrl, disconnectDb, setDatabaseUrl } from "@/server/db/client.ts";
import { PrismaClient } from "@/server/db/generated/client.ts";
import { getHealth } from "@/server/health/get-health.ts";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../support/throwaway-database.ts";

let database: ThrowawayDatabase;
let client: PrismaClient;

async function asOwner(sql: string): Promise<void> {
  const owner = new pg.Client({ connectionString: database.ownerUrl });
  await owner.connect();
  try {
    await owner.query(sql);
  } finally {
    await owner.end();
  }
}

beforeAll(async () => {
  database = await createThrowawayDatabase("health");
  client = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url }) });
});

afterAll(async () => {
  await client.$disconnect();
  await database.drop();
});

describe("health", () => {
  it("reports the database, the last match run and the version; the queue as unknown before it exists", async () => {
    const empty = await getHealth(client);
    expect(empty).toMatchObject({
      status: "ok",
      version: packageJson.version,
      database: { reachable: true },
      queue: { status: "unknown" },
      lastMatchRun: null,
    });
    expect(empty.database.latencyMs).toBeGreaterThanOrEqual(0);

    await client.matchRun.create({ data: { kind: "FULL", status: "SUCCEEDED", actorUsername: "admin", finishedAt: new Date() } });
    const finished = await getHealth(client);
    expect(finished.lastMatchRun).toMatchObject({ kind: "FULL", status: "SUCCEEDED", finishedAt: expect.any(String) });
  });

  it("reads the queue's depth and oldest waiting job once pg-boss's table exists", async () => {
    // pg-boss's layout as far as the health check reads it.
    await asOwner(`
      CREATE SCHEMA pgboss;
      CREATE TABLE pgboss.job (state text NOT NULL, created_on timestamptz NOT NULL);
      INSERT INTO pgboss.job VALUES ('created', '2026-01-02T03:04:05Z'), ('retry', '2026-01-03T00:00:00Z'), ('active', '2026-01-01T00:00:00Z'), ('completed', '2025-01-01T00:00:00Z');
    `);
    // Without the right to read it: unknown, not an error.
    expect((await getHealth(client)).queue).toEqual({ status: "unknown" });
    await asOwner("GRANT USAGE ON SCHEMA pgboss TO jangkau_app; GRANT SELECT ON pgboss.job TO jangkau_app;");
    expect((await getHealth(client)).queue).toEqual({ status: "ok", waiting: 2, oldestWaitingAt: "2026-01-02T03:04:05.000Z" });
  });

  it("GET /api/health: 200 with no connection details; 503 when the database is down", async () => {
    const ok = await GET();
    expect(ok.status).toBe(200);
    expect(ok.headers.get("cache-control")).toBe("no-store");
    const text = await ok.text();
    const url = new URL(databaseUrl());
    for (const secret of [url.hostname, url.port, url.username, decodeURIComponent(url.password), "postgres"]) expect(text).not.toContain(secret);

    const working = databaseUrl();
    try {
      await disconnectDb();
      setDatabaseUrl("postgresql://jangkau_app:x@127.0.0.1:1/jangkau");
      await new Promise((resolve) => setTimeout(resolve, 1_100)); // past the reuse window
      const down = await GET();
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({ status: "unavailable", database: { reachable: false } });
    } finally {
      await disconnectDb();
      setDatabaseUrl(working);
    }
  });
});
