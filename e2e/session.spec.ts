/**
 * Sessions live on the server: signing out, or an admin deactivating the account, ends them,
 * and the cookie that carried them is refused from the next request on.
 */
import { expect, test } from "@playwright/test";
import { newSignedInContext } from "./fixtures/auth.ts";
import { authFile } from "./fixtures/e2e-env.ts";
import { createUserViaCli } from "./fixtures/users.ts";

test("after signing out, replaying the old session cookie is refused", async ({ browser }) => {
  const user = await createUserViaCli({ role: "OFFICER" });
  const context = await newSignedInContext(browser, user.username, user.password);
  const page = await context.newPage();
  await page.goto("/prospek");
  await expect(page.getByRole("heading", { name: "Prospek", level: 1 })).toBeVisible();
  const cookies = await context.cookies();

  await page.getByRole("button", { name: "Keluar" }).click();
  await expect(page).toHaveURL(/\/masuk\?keluar=1$/);
  await expect(page.getByRole("status")).toHaveText("Anda telah keluar.");
  await context.close();

  // A stolen copy of the cookie, taken before sign-out, is worth nothing afterwards.
  const replay = await browser.newContext();
  await replay.addCookies(cookies);
  const replayPage = await replay.newPage();
  await replayPage.goto("/prospek");
  await expect(replayPage).toHaveURL(/\/masuk(\?|$)/);
  await expect(replayPage.getByRole("button", { name: "Masuk", exact: true })).toBeVisible();
  await replay.close();
});

test.describe("deactivation", () => {
  test.use({ storageState: authFile("admin") });

  test("a deactivated user's open session stops working on the next request", async ({ browser, page }) => {
    const user = await createUserViaCli({ role: "OFFICER" });
    const userContext = await newSignedInContext(browser, user.username, user.password);
    const userPage = await userContext.newPage();
    await userPage.goto("/prospek");
    await expect(userPage.getByRole("heading", { name: "Prospek", level: 1 })).toBeVisible();

    // The admin deactivates the account on the Pengguna page.
    await page.goto("/pengguna");
    await page.getByRole("button", { name: `Nonaktifkan ${user.username}`, exact: true }).click();
    const dialog = page.getByRole("dialog", { name: `Nonaktifkan pengguna ${user.username}?` });
    await dialog.getByRole("button", { name: "Nonaktifkan", exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole("status").filter({ hasText: `Pengguna ${user.username} dinonaktifkan` })).toBeVisible();

    await userPage.reload();
    await expect(userPage).toHaveURL(/\/masuk(\?|$)/);
    await userContext.close();
  });
});

test.describe("what the browser can read", () => {
  test.use({ storageState: authFile("admin") });

  test("the session endpoint shows the display name only: no session id, role or regions", async ({ page }) => {
    const response = await page.request.get("/api/auth/session");
    const body = await response.json();
    expect(body.user).toEqual({ name: "Admin Jangkau" });
    expect(Object.keys(body).sort()).toEqual(["expires", "user"]);
  });

  test("a forged session cookie is refused", async ({ browser }) => {
    const context = await browser.newContext();
    await context.addCookies([{ name: "next-auth.session-token", value: "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..forged", url: "http://localhost" }]);
    const page = await context.newPage();
    await page.goto("/pengguna");
    await expect(page).toHaveURL(/\/masuk(\?|$)/);
    await context.close();
  });
});
