/**
 * GET /api/health answers a load balancer without a session, while pages still send a caller
 * without one to the sign-in page.
 */
import { expect, test } from "@playwright/test";

test("the health check answers without a session; a page still asks to sign in", async ({ playwright, baseURL }) => {
  const anonymous = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const health = await anonymous.get("/api/health", { maxRedirects: 0 });
  expect(health.status()).toBe(200);
  expect(health.headers()["cache-control"]).toBe("no-store");
  const body = (await health.json()) as Record<string, unknown>;
  expect(body).toMatchObject({ status: "ok", database: { reachable: true }, version: expect.any(String) });
  expect(Object.keys(body).sort()).toEqual(["checkedAt", "database", "lastMatchRun", "queue", "replica", "status", "version"]);
  expect(JSON.stringify(body)).not.toMatch(/postgres|127\.0\.0\.1|localhost|password/i);

  const page = await anonymous.get("/prospek", { maxRedirects: 0 });
  expect([302, 303, 307]).toContain(page.status());
  expect(page.headers()["location"]).toContain("/masuk");
  await anonymous.dispose();
});
