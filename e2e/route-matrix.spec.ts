/**
 * Walks tests/access/route-matrix.ts over HTTP: every page and route handler, requested as each
 * role (the setup project's sessions) and without a session. Allowed → 200 (or the row's
 * allowed statuses), not allowed → 403, no session → redirect to /masuk (public rows: 200).
 * Server actions are checked by tests/unit/route-matrix.test.ts through their `.permission`.
 */
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { ROLES, type Role } from "../lib/permissions.ts";
import { PAGE_ROWS, ROUTE_HANDLER_ROWS, roleMayUse } from "../tests/access/route-matrix.ts";
import { authFile, type DemoUser } from "./fixtures/e2e-env.ts";

const ACCOUNT_OF: Record<Role, DemoUser> = { ADMIN: "admin", SUPERVISOR: "supervisor", OFFICER: "petugas", AUDITOR: "auditor" };

function describeResponse(response: APIResponse): string {
  return `${response.status()} ${response.url()}${response.headers()["location"] ? ` → ${response.headers()["location"]}` : ""}`;
}

// The partner web service takes API keys, not sessions: a session cookie opens nothing there
// (e2e/partner-api.spec.ts requests it with a key).
for (const row of ROUTE_HANDLER_ROWS.filter((row) => row.access.kind === "partner-key")) {
  test.describe(`route handler ${row.path} (partner key)`, () => {
    for (const account of [...ROLES.map((role) => ACCOUNT_OF[role]), null]) {
      test(`${account ?? "without a session"}: 401 without a key`, async ({ playwright, baseURL }) => {
        const storageState = account ? authFile(account) : { cookies: [], origins: [] };
        const request = await playwright.request.newContext({ baseURL, storageState });
        try {
          const response = await request.fetch(row.path, { method: row.methods[0]!, data: {}, maxRedirects: 0 });
          expect(response.status(), describeResponse(response)).toBe(401);
          expect(response.headers()["www-authenticate"]).toContain("Bearer");
        } finally {
          await request.dispose();
        }
      });
    }
  });
}

for (const row of [...PAGE_ROWS, ...ROUTE_HANDLER_ROWS.filter((row) => row.access.kind !== "partner-key")]) {
  // A handler without GET (an upload) is requested with its own method, from our own origin as a
  // page of the app would send it, so a same-origin check lets it through to the guard's answer.
  const method = row.kind === "route" && !row.methods.includes("GET") ? row.methods[0]! : "GET";
  const send = (request: APIRequestContext, baseURL: string | undefined, options: { maxRedirects?: number } = {}) =>
    method === "GET" ? request.get(row.path, options) : request.fetch(row.path, { ...options, method, headers: { origin: baseURL ?? "" } });
  test.describe(`${row.kind === "page" ? "page" : "route handler"} ${row.path}`, () => {
    for (const role of ROLES) {
      const allowed = roleMayUse(row.access, role);
      test(`${role}: ${allowed ? "allowed" : "403"}`, async ({ playwright, baseURL }) => {
        const request = await playwright.request.newContext({ baseURL, storageState: authFile(ACCOUNT_OF[role]) });
        try {
          if (allowed) {
            // Redirects are followed: "/" and, for a signed-in user, "/masuk" lead to the role's home.
            const response = await send(request, baseURL);
            expect(row.allowedStatuses ?? [200], describeResponse(response)).toContain(response.status());
            expect(new URL(response.url()).pathname, "a signed-in user must not be sent to sign in").not.toBe("/masuk");
          } else {
            const response = await send(request, baseURL, { maxRedirects: 0 });
            expect(response.status(), describeResponse(response)).toBe(403);
          }
        } finally {
          await request.dispose();
        }
      });
    }

    test(`without a session: ${row.access.kind === "public" ? (row.allowedStatuses ?? [200]).join("/") : "→ /masuk"}`, async ({ playwright, baseURL }) => {
      const request = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
      try {
        const response = await send(request, baseURL, { maxRedirects: 0 });
        if (row.access.kind === "public") {
          expect(row.allowedStatuses ?? [200], describeResponse(response)).toContain(response.status());
        } else {
          expect([302, 303, 307, 308], describeResponse(response)).toContain(response.status());
          expect(new URL(response.headers()["location"] ?? "", baseURL).pathname).toBe("/masuk");
        }
      } finally {
        await request.dispose();
      }
    });
  });
}
