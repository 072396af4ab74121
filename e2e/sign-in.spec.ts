/**
 * Sign-in failures all read the same, five wrong passwords lock the account (and then even the
 * right password is refused with that same text), and pages behind sign-in send visitors to it.
 */
import { expect, test } from "@playwright/test";
import { SIGN_IN_FAILED, submitSignInForm } from "./fixtures/auth.ts";
import { authFile } from "./fixtures/e2e-env.ts";
import { createUserViaCli, uniqueUsername } from "./fixtures/users.ts";

test("a wrong password and an unknown user get the same message", async ({ page }) => {
  const user = await createUserViaCli({ role: "OFFICER" });
  await page.goto("/masuk");
  // Next's route announcer is an (empty) alert too: take the one carrying the message.
  const alert = page.getByRole("alert").filter({ hasText: SIGN_IN_FAILED });

  await submitSignInForm(page, user.username, `${user.password}-salah`);
  await expect(alert).toHaveText(SIGN_IN_FAILED);
  const wrongPassword = await alert.textContent();

  await submitSignInForm(page, uniqueUsername("tidak-ada"), user.password);
  await expect(alert).toHaveText(SIGN_IN_FAILED);
  expect(await alert.textContent()).toBe(wrongPassword);
  await expect(page).toHaveURL(/\/masuk/);
});

test("five wrong passwords lock the account; the right one is then refused with the same message", async ({ page, browser }) => {
  const user = await createUserViaCli({ role: "OFFICER" });
  await page.goto("/masuk");
  // Next's route announcer is an (empty) alert too: take the one carrying the message.
  const alert = page.getByRole("alert").filter({ hasText: SIGN_IN_FAILED });

  let message: string | null = null;
  for (let attempt = 1; attempt <= 5; attempt++) {
    await submitSignInForm(page, user.username, `salah-${attempt}-${user.password}`);
    await expect(alert).toHaveText(SIGN_IN_FAILED);
    message ??= await alert.textContent();
  }

  await submitSignInForm(page, user.username, user.password);
  await expect(alert).toHaveText(SIGN_IN_FAILED);
  expect(await alert.textContent()).toBe(message);
  await expect(page).toHaveURL(/\/masuk/);
  // Still signed out: a page behind sign-in sends us back.
  await page.goto("/prospek");
  await expect(page).toHaveURL(/\/masuk/);

  // The refusal is the lock's doing, and the audit trail says so.
  const admin = await browser.newContext({ storageState: authFile("admin") });
  const auditPage = await admin.newPage();
  await auditPage.goto(`/audit?aksi=auth.lockout&pelaku=${user.username}`);
  await expect(auditPage.getByRole("table", { name: "Jejak audit" }).getByRole("row").filter({ hasText: "auth.lockout" })).toHaveCount(1);
  await admin.close();
});

test("a visitor without a session is sent from /prospek to /masuk, and back after signing in", async ({ page }) => {
  const user = await createUserViaCli({ role: "OFFICER" });
  const response = await page.goto("/prospek");
  await expect(page).toHaveURL(/\/masuk(\?|$)/);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("button", { name: "Masuk", exact: true })).toBeVisible();

  await submitSignInForm(page, user.username, user.password);
  await expect(page).toHaveURL("/prospek");
  await expect(page.getByRole("heading", { name: "Prospek", level: 1 })).toBeVisible();
});
