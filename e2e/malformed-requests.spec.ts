/**
 * What the serving layer (scripts/next-server.mjs) does before Next: malformed requests get a
 * 400 and an audit record instead of a 500, and the client address on the audit trail is the
 * connected peer, whatever X-Forwarded-For a client makes up.
 */
import { expect, test, type APIResponse, type Browser } from "@playwright/test";
import { trySignInViaApi } from "./fixtures/auth.ts";
import { authFile } from "./fixtures/e2e-env.ts";
import { createUserViaCli } from "./fixtures/users.ts";

const LOOPBACK = /^(127\.0\.0\.1|::1)$/;
const FORGED = { "x-forwarded-for": "203.0.113.66", "x-real-ip": "203.0.113.67", "x-jangkau-peer": "203.0.113.68" };

/** The audit row with this request id, as an admin sees it on the audit page. */
async function auditRow(browser: Browser, query: string, requestId: string) {
  const admin = await browser.newContext({ storageState: authFile("admin") });
  const page = await admin.newPage();
  await page.goto(`/audit?${query}`);
  const row = page.getByRole("table", { name: "Jejak audit" }).getByRole("row").filter({ hasText: requestId });
  await expect(row).toHaveCount(1);
  const cells = await row.getByRole("cell").allTextContents();
  await admin.close();
  return cells;
}

const cases: { name: string; send: (request: import("@playwright/test").APIRequestContext) => Promise<APIResponse>; reason: string; path: string }[] = [
  {
    name: "a NUL byte in a partner API path",
    send: (request) => request.post("/api/v1/partners/%00/records", { headers: FORGED, data: {} }),
    reason: "path_nul",
    path: "/api/v1/partners/%00/records",
  },
  { name: "invalid percent-encoding in a page path", send: (request) => request.get("/prospek/%ff%fe", { headers: FORGED }), reason: "path_encoding", path: "/prospek/%ff%fe" },
  {
    name: "a Next-Router-State-Tree header that does not parse",
    send: (request) => request.get("/masuk", { headers: { ...FORGED, RSC: "1", "Next-Router-State-Tree": "%7Bbukan-json" } }),
    reason: "router_state",
    path: "/masuk",
  },
];

for (const { name, send, reason, path } of cases) {
  test(`${name} gets 400 and is audited, with the real client address`, async ({ playwright, baseURL, browser }) => {
    const request = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
    const response = await send(request);
    expect(response.status()).toBe(400);
    const requestId = response.headers()["x-request-id"]!;
    expect(requestId).toBeTruthy();
    if (path.startsWith("/api/")) expect(await response.json()).toMatchObject({ status: 400, code: "malformed_request" });
    else expect(await response.text()).toContain("Permintaan tidak valid");
    await request.dispose();

    const cells = (await auditRow(browser, "aksi=request.malformed", requestId)).join(" | ");
    expect(cells).toContain("request.malformed");
    expect(cells).toContain(reason);
    expect(cells).toContain(path);
    expect(cells).not.toMatch(/203\.0\.113\./);
    expect(cells).toMatch(/\| (127\.0\.0\.1|::1) \|/);
  });
}

test("a forged X-Forwarded-For does not change the address a failed sign-in is audited with", async ({ playwright, baseURL, browser }) => {
  const user = await createUserViaCli({ role: "OFFICER" });
  const request = await playwright.request.newContext({ baseURL, extraHTTPHeaders: FORGED });
  expect(await trySignInViaApi(request, user.username, `${user.password}-salah`)).toBe(false);
  await request.dispose();

  const admin = await browser.newContext({ storageState: authFile("admin") });
  const page = await admin.newPage();
  await page.goto(`/audit?aksi=auth.sign_in_failed&pelaku=${user.username}`);
  const row = page.getByRole("table", { name: "Jejak audit" }).getByRole("row").filter({ hasText: "auth.sign_in_failed" });
  await expect(row).toHaveCount(1);
  const ipCell = row.getByRole("cell").nth(7);
  await expect(ipCell).toHaveText(LOOPBACK);
  await admin.close();
});
