import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyOutLines } from "@/server/db/copy-out.ts";

/**
 * COPY's rows as text lines, in batches a caller can take turns between: however much one read
 * returns (COPY reads up to 1 MB ahead), no batch holds more than 1,000 lines, and every row
 * arrives once, in order, its multi-byte characters whole.
 */

let client: pg.Client;

beforeAll(async () => {
  client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
});

afterAll(async () => {
  await client.end();
});

describe("copyOutLines", () => {
  it("hands 50,000 rows on in batches of at most 1,000 lines, each row once and in order", async () => {
    const sizes: number[] = [];
    const lines: string[] = [];
    for await (const batch of copyOutLines(client, "SELECT g, 'Kopérasi ✓ ' || g FROM generate_series(1, 50000) g")) {
      sizes.push(batch.length);
      lines.push(...batch);
    }
    expect(Math.max(...sizes)).toBeLessThanOrEqual(1_000);
    expect(lines).toHaveLength(50_000);
    expect(lines[0]).toBe("1\tKopérasi ✓ 1");
    expect(lines.every((line, i) => line === `${i + 1}\tKopérasi ✓ ${i + 1}`)).toBe(true);
  });
});
