import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { promisify } from "node:util";
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client.ts";
import { PrismaClient } from "@/server/db/generated/client.ts";
import { TokenBuckets } from "@/server/http/token-bucket.ts";

const run = promisify(execFile);

/** A limiter of its own per test: files share the database. */
const newBuckets = () => new TokenBuckets({ limiter: `test_${randomUUID()}`, capacity: 10, perMinute: 30 });

/** Moves a bucket's last use back in time, as if `seconds` had passed. */
async function elapse(buckets: TokenBuckets, name: string, seconds: number): Promise<void> {
  const limiter = (buckets as unknown as { options: { limiter: string } }).options.limiter;
  await db.$executeRaw`UPDATE "rate_limit_bucket" SET "updated_at" = "updated_at" - make_interval(secs => ${seconds}::float8) WHERE "limiter" = ${limiter} AND "key" = ${name}`;
}

/** A connection pool of its own: another app instance on the same database. */
const instances: PrismaClient[] = [];
function anotherInstance(): PrismaClient {
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL!, max: 5 }) });
  instances.push(client);
  return client;
}

afterAll(async () => {
  await Promise.all(instances.map((client) => client.$disconnect()));
});

describe("token buckets in PostgreSQL", () => {
  it("allow a burst, then the sustained rate, and say when to come back", async () => {
    const buckets = newBuckets();
    for (let i = 0; i < 10; i++) expect((await buckets.take("a")).allowed).toBe(true);
    expect(await buckets.take("a")).toEqual({ allowed: false, retryAfterSeconds: 2, firstDenial: true });
    expect(await buckets.take("a")).toMatchObject({ allowed: false, firstDenial: false });
    // Another name has its own bucket.
    expect((await buckets.take("b")).allowed).toBe(true);
    await elapse(buckets, "a", 2); // 30 a minute = one every 2 s
    expect((await buckets.take("a")).allowed).toBe(true);
    expect((await buckets.take("a")).allowed).toBe(false);
    await elapse(buckets, "a", 600); // refills to the burst, no further
    for (let i = 0; i < 10; i++) expect((await buckets.take("a")).allowed).toBe(true);
    expect(await buckets.take("a")).toMatchObject({ allowed: false, firstDenial: true });
  });

  it("two instances with their own connections share one limit, even when they ask at once", async () => {
    const buckets = newBuckets();
    const [first, second] = [anotherInstance(), anotherInstance()];
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => buckets.take("shared", i % 2 === 0 ? first : second)),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
    expect(results.filter((r) => !r.allowed && r.firstDenial)).toHaveLength(1);
  });

  it("two app processes share one limit", async () => {
    const limiter = `test_${randomUUID()}`;
    const takeInChild = async () => {
      const { stdout } = await run(
        process.execPath,
        ["--conditions=react-server", "--import", "tsx", "tests/support/take-tokens.ts", limiter, "shared", "8"],
        { env: { ...process.env } },
      );
      return (JSON.parse(stdout.trim().split("\n").at(-1)!) as { allowed: number }).allowed;
    };
    const [a, b] = await Promise.all([takeInChild(), takeInChild()]);
    // 16 asked of one burst of 10 (one more only if the children ran a minute apart); each
    // process keeping its own bucket would allow 16.
    expect(a + b).toBeGreaterThanOrEqual(10);
    expect(a + b).toBeLessThanOrEqual(11);
  });
});
