import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import packageJson from "@/package.json" with { type: "json" };
import { GET } from "@/app/api/health/route.ts";
import { databaseUrl, disconnectDb, setDatabaseUrl } from "@/server/db/client.ts";
import { PrismaClient } from "@/server/db/generated/client.ts";
import { getHealth } from "@/server/health/get-health.ts";
import { enqueueJob } from "@/server/jobs/enqueue-job.ts";
import { closeJobQueue } from "@/server/jobs/job-queue.ts";
import { SYSTEM_ACTOR } from "@/server/audit/system-actor.ts";
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
  setDatabaseUrl(database.url);
  client = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url }) });
});

afterAll(async () => {
  await closeJobQueue();
  await client.$disconnect();
  await database.drop();
});

describe("health", () => {
  it("reports the database, the queue, the last match run and the version", async () => {
    const empty = await getHealth(client);
    expect(empty).toMatchObject({
      status: "ok",
      version: packageJson.version,
      database: { reachable: true },
      queue: { status: "ok", waiting: 0, oldestWaitingAt: null },
      lastMatchRun: null,
    });
    expect(empty.database.latencyMs).toBeGreaterThanOrEqual(0);

    await client.matchRun.create({ data: { kind: "FULL", status: "SUCCEEDED", actorUsername: "admin", finishedAt: new Date() } });
    const finished = await getHealth(client);
    expect(finished.lastMatchRun).toMatchObject({ kind: "FULL", status: "SUCCEEDED", finishedAt: expect.any(String) });
  });

  it("counts the jobs waiting in the queue and the oldest; unknown, not an error, without the right to read it", async () => {
    const before = new Date();
    await enqueueJob("audit-checkpoint", { actor: SYSTEM_ACTOR });
    await enqueueJob("audit-checkpoint", { actor: SYSTEM_ACTOR });
    const queue = (await getHealth(client)).queue;
    expect(queue).toMatchObject({ status: "ok", waiting: 2 });
    expect(new Date(String((queue as { oldestWaitingAt: unknown }).oldestWaitingAt)).getTime()).toBeGreaterThanOrEqual(before.getTime() - 1_000);

    await asOwner("REVOKE USAGE ON SCHEMA pgboss FROM jangkau_app");
    try {
      expect((await getHealth(client)).queue).toEqual({ status: "unknown" });
    } finally {
      await asOwner("GRANT USAGE ON SCHEMA pgboss TO jangkau_app");
    }
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
