/**
 * Signs every demo account in once through next-auth's API (the admin with its second factor) and keeps the session cookie in
 * e2e/.auth/<user>.json, so specs start signed in with `test.use({ storageState })`.
 * Specs must not sign these sessions out (sign-out revokes the server-side session): tests
 * that sign out open a session of their own.
 */
import { expect, test as setup } from "@playwright/test";
import { signInDemoViaApi } from "./fixtures/auth.ts";
import { authFile, DEMO_USER_NAMES } from "./fixtures/e2e-env.ts";

for (const user of DEMO_USER_NAMES) {
  setup(`sign in as ${user}`, async ({ request }) => {
    // The admin signs in with an authenticator code computed from the demo secret.
    await signInDemoViaApi(request, user);
    // The cookie is only worth keeping if the server accepts it for a page behind sign-in.
    const home = await request.get("/", { maxRedirects: 0 });
    expect(home.status(), "a signed-in visit to / redirects to the role's first page").toBe(307);
    expect(home.headers()["location"]).not.toContain("/masuk");
    await request.storageState({ path: authFile(user) });
  });
}
