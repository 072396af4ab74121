/**
 * The second factor as users meet it: an admin without an authenticator is sent to enrolment
 * before anything else (QR code inline, secret for manual entry, confirmation with a code, ten
 * recovery codes shown once); afterwards a correct password alone opens no session, a recovery
 * code works once, and another admin can reset the factor, which ends that admin's sessions.
 * Sensitive pages offer "Konfirmasi identitas".
 */
import { expect, test } from "@playwright/test";
import { CODE_REQUIRED_ERROR } from "../lib/second-factor.ts";
import { confirmIdentity, SESSION_COOKIE, submitSignInCode, submitSignInForm, trySignInViaApi } from "./fixtures/auth.ts";
import { authFile } from "./fixtures/e2e-env.ts";
import { freshTotpCode } from "./fixtures/totp.ts";
import { createUserViaCli } from "./fixtures/users.ts";

test("an admin enrols an authenticator first; then sign-in needs the code, a recovery code works once, and a reset ends the sessions", async ({
  browser,
  playwright,
  baseURL,
}) => {
  // Enrolment may wait for a fresh 30-second step.
  test.setTimeout(90_000);
  const admin = await createUserViaCli({ role: "ADMIN", prefix: "admin-tfa", name: "Admin Dua Langkah" });
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/masuk");
  await submitSignInForm(page, admin.username, admin.password);

  // Before anything else: enrolment, wherever the admin tries to go.
  await expect(page).toHaveURL("/akun/keamanan");
  await page.goto("/pengguna");
  await expect(page).toHaveURL("/akun/keamanan");
  await expect(page.getByRole("status").filter({ hasText: "Admin wajib memakai verifikasi dua langkah" })).toBeVisible();
  const qr = page.getByRole("img", { name: "Kode QR untuk aplikasi autentikator" });
  await expect(qr).toHaveAttribute("src", /^data:image\/svg\+xml;base64,/);
  const secret = (await page.getByTestId("totp-secret").textContent())!.replace(/\s+/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);

  await page.getByLabel("Kode dari aplikasi").fill("000000");
  await page.getByRole("button", { name: "Aktifkan autentikator" }).click();
  await expect(page.getByText(/Kode tidak cocok/)).toBeVisible();
  await page.getByLabel("Kode dari aplikasi").fill(await freshTotpCode(secret));
  await page.getByRole("button", { name: "Aktifkan autentikator" }).click();
  const codes = page.getByRole("list", { name: "Kode pemulihan" }).getByRole("listitem");
  await expect(codes).toHaveCount(10);
  const recoveryCodes = (await codes.allTextContents()).map((code) => code.trim());
  expect(recoveryCodes.every((code) => /^[a-z2-9]{5}-[a-z2-9]{5}$/.test(code))).toBe(true);
  await page.getByRole("link", { name: "Saya sudah menyimpan kode pemulihan" }).click();
  await expect(page).toHaveURL("/prospek");
  // Once active, the secret is not shown again.
  await page.goto("/akun/keamanan");
  await expect(page.getByTestId("second-factor-status")).toContainText("Aktif");
  await expect(page.getByTestId("totp-secret")).toHaveCount(0);
  await expect(page.getByText("10", { exact: true })).toBeVisible();

  // The right password alone: the server asks for the code and issues no session.
  const api = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  expect(await trySignInViaApi(api, admin.username, admin.password)).toBe(CODE_REQUIRED_ERROR);
  expect((await api.storageState()).cookies.some((cookie) => cookie.name === SESSION_COOKIE)).toBe(false);
  expect((await api.get("/prospek", { maxRedirects: 0 })).headers()["location"]).toContain("/masuk");
  await api.dispose();

  // Through the form: password, then a wrong code, then a recovery code.
  const second = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const secondPage = await second.newPage();
  await secondPage.goto("/masuk");
  await submitSignInForm(secondPage, admin.username, admin.password, "000000");
  await expect(secondPage.getByRole("alert").filter({ hasText: "Kode salah, kedaluwarsa, atau sudah dipakai" })).toBeVisible();
  await submitSignInCode(secondPage, recoveryCodes[0]!);
  await expect(secondPage).toHaveURL("/prospek");
  await secondPage.goto("/akun/keamanan");
  await expect(secondPage.getByText("9", { exact: true })).toBeVisible();

  // The same recovery code a second time is refused.
  const third = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const thirdPage = await third.newPage();
  await thirdPage.goto("/masuk");
  await submitSignInForm(thirdPage, admin.username, admin.password, recoveryCodes[0]!);
  await expect(thirdPage.getByRole("alert").filter({ hasText: "Kode salah, kedaluwarsa, atau sudah dipakai" })).toBeVisible();
  await third.close();

  // Another admin resets the factor (lost phone): with confirmation; the sessions end at once.
  const demoAdmin = await browser.newContext({ storageState: authFile("admin") });
  const adminPage = await demoAdmin.newPage();
  await adminPage.goto("/pengguna");
  await adminPage.getByRole("button", { name: `Atur ulang autentikator ${admin.username}`, exact: true }).click();
  const dialog = adminPage.getByRole("dialog", { name: `Atur ulang autentikator ${admin.username}?` });
  await expect(dialog).toContainText("semua sesinya diakhiri");
  await dialog.getByRole("button", { name: "Atur ulang", exact: true }).click();
  await expect(adminPage.getByRole("status").filter({ hasText: `Autentikator ${admin.username} diatur ulang` })).toBeVisible();
  await adminPage.goto(`/audit?aksi=user.totp_reset&pelaku=admin`);
  await expect(adminPage.getByRole("table", { name: "Jejak audit" }).getByRole("row").filter({ hasText: "user.totp_reset" }).first()).toBeVisible();
  await demoAdmin.close();

  await secondPage.reload();
  await expect(secondPage).toHaveURL(/\/masuk(\?|$)/);
  await page.reload();
  await expect(page).toHaveURL(/\/masuk(\?|$)/);
  await second.close();
  await context.close();
});

test.describe("Konfirmasi identitas", () => {
  test.use({ storageState: authFile("admin") });

  test("sensitive pages offer it; a wrong password is refused, the right one confirms for 5 minutes", async ({ page }) => {
    await page.goto("/impor/kunci-api");
    await page.getByRole("button", { name: "Konfirmasi identitas" }).click();
    const dialog = page.getByRole("dialog", { name: "Konfirmasi identitas" });
    await dialog.getByLabel("Kata sandi atau kode").fill("bukan-kata-sandi-admin");
    await dialog.getByRole("button", { name: "Konfirmasi", exact: true }).click();
    await expect(dialog.getByText("Kata sandi atau kode salah.")).toBeVisible();
    await dialog.getByRole("button", { name: "Batal" }).click();
    await confirmIdentity(page);
  });
});
