/**
 * Two production servers on one database, as behind a load balancer: a second `next start`
 * (scripts/next-server.mjs) on the e2e server's data folder and embedded PostgreSQL. A partner
 * key's burst of 10 is shared: calls spread over both instances get 10 through, not 10 each.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { writeE2eDatabase } from "./fixtures/database.ts";
import { e2eDataDir, repoRoot } from "./fixtures/e2e-env.ts";

const SECOND_PORT = 3400 + Math.floor(Math.random() * 300);
let second: ChildProcess | null = null;

test.afterAll(async () => {
  if (!second || second.exitCode !== null) return;
  const exited = new Promise((resolve) => second!.once("exit", resolve));
  second.kill("SIGTERM");
  await exited;
});

test("two instances on one database share a partner key's rate limit", async ({ playwright, baseURL }) => {
  test.setTimeout(180_000);
  second = spawn(process.execPath, ["scripts/next-server.mjs"], {
    cwd: repoRoot,
    stdio: "ignore",
    // The first server's data folder: its embedded PostgreSQL (left running) and its keys.
    env: { ...process.env, PORT: String(SECOND_PORT), NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", JANGKAU_DATA_DIR: e2eDataDir(), DATABASE_URL: "", JANGKAU_DEMO: "" },
  });
  const secondUrl = `http://127.0.0.1:${SECOND_PORT}`;
  const client = await playwright.request.newContext({ storageState: { cookies: [], origins: [] } });
  try {
    // Ready when its health check says so.
    await expect
      .poll(async () => (await client.get(`${secondUrl}/api/health`).catch(() => null))?.status() ?? 0, { timeout: 120_000, intervals: [1_000] })
      .toBe(200);

    const secret = `jk_${randomBytes(32).toString("base64url")}`;
    await writeE2eDatabase(7_311, (db) =>
      db.query(`INSERT INTO partner_api_key (id, partner, name, prefix, secret_hash, created_by_username) VALUES ($1, 'kemnaker', $2, $3, $4, 'e2e')`, [
        randomUUID(),
        `Dua instans ${randomUUID().slice(0, 6)}`,
        secret.slice(0, 8),
        createHash("sha256").update(secret, "utf8").digest("hex"),
      ]),
    );
    // Cheap calls (refused for their content type) still take a token.
    const statuses: number[] = [];
    const started = Date.now();
    for (let i = 0; i < 16; i++) {
      const base = i % 2 === 0 ? baseURL : secondUrl;
      const response = await client.post(`${base}/api/v1/partners/kemnaker-bu/records`, {
        headers: { Authorization: `Bearer ${secret}`, "Content-Type": "text/plain", "Idempotency-Key": randomUUID() },
        data: "x",
      });
      statuses.push(response.status());
    }
    const refilled = Math.floor((Date.now() - started) / 2_000); // 30 a minute: one token every 2 s
    const through = statuses.filter((status) => status !== 429).length;
    // One shared burst of 10 (plus what refilled meanwhile); 16 if each instance kept its own.
    expect(through, statuses.join(",")).toBeGreaterThanOrEqual(10);
    expect(through, statuses.join(",")).toBeLessThanOrEqual(Math.min(15, 10 + refilled));
  } finally {
    await client.dispose();
  }
});
