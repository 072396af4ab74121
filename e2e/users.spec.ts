/**
 * The admin's way of adding a colleague: create the account on the Pengguna page, the new user
 * signs in with the initial password, must replace it first, then sees their role's navigation,
 * and the audit trail shows the creation, the sign-in and the password change.
 */
import { expect, test } from "@playwright/test";
import { submitSignInForm } from "./fixtures/auth.ts";
import { authFile } from "./fixtures/e2e-env.ts";
import { newPassword, uniqueUsername } from "./fixtures/users.ts";

test.use({ storageState: authFile("admin") });

test("the admin's own row offers no Nonaktifkan: an admin cannot lock himself out", async ({ page }) => {
  await page.goto("/pengguna");
  const users = page.getByRole("table", { name: "Daftar pengguna" });
  const own = users.getByRole("row").filter({ has: page.getByRole("button", { name: "Ubah admin", exact: true }) });
  await expect(own).toHaveCount(1);
  await expect(own.getByRole("button", { name: /^Nonaktifkan/ })).toHaveCount(0);
  // Other users' rows still offer it.
  await expect(users.getByRole("button", { name: /^Nonaktifkan / }).first()).toBeVisible();
});

test("admin creates an officer who then signs in; the audit trail records both", async ({ page, browser }) => {
  const username = uniqueUsername("baru");
  const password = newPassword();
  const fullName = "Dewi Lestari";

  await page.goto("/pengguna");
  await page.getByRole("button", { name: "Tambah pengguna" }).click();
  const dialog = page.getByRole("dialog", { name: "Tambah pengguna" });
  await dialog.getByLabel("Nama pengguna", { exact: true }).fill(username);
  await dialog.getByLabel("Nama lengkap", { exact: true }).fill(fullName);
  await dialog.getByLabel("Peran", { exact: true }).selectOption({ label: "Petugas" });
  await dialog.getByRole("combobox", { name: "Wilayah" }).fill("Kota Bandung");
  await dialog.getByRole("option", { name: /Kota Bandung \(32\.73\)/ }).click();
  await expect(dialog.getByRole("list", { name: "Wilayah terpilih" })).toContainText("Kota Bandung");
  await dialog.getByLabel("Kata sandi awal", { exact: true }).fill(password);
  await dialog.getByRole("button", { name: "Simpan", exact: true }).click();

  await expect(page.getByText(`Pengguna ${username} dibuat.`)).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("table", { name: "Daftar pengguna" }).getByRole("row").filter({ hasText: username })).toBeVisible();

  // The new officer signs in with the initial password, in a browser of their own.
  const theirs = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const theirPage = await theirs.newPage();
  await theirPage.goto("/masuk");
  await submitSignInForm(theirPage, username, password);
  // The admin knows this password: the officer must replace it before anything else.
  await expect(theirPage).toHaveURL("/akun/kata-sandi");
  await expect(theirPage.getByRole("status").filter({ hasText: "dibuat atau diatur ulang oleh admin" })).toBeVisible();
  await theirPage.goto("/prospek");
  await expect(theirPage).toHaveURL("/akun/kata-sandi");
  await theirPage.getByLabel("Kata sandi saat ini").fill(password);
  // A guessable new password is refused with the server's feedback, in Indonesian.
  await theirPage.getByLabel("Kata sandi baru", { exact: true }).fill("dewilestari2026");
  await theirPage.getByLabel("Ulangi kata sandi baru").fill("dewilestari2026");
  await theirPage.getByRole("button", { name: "Ganti kata sandi" }).click();
  await expect(theirPage.getByText(/Kata sandi terlalu mudah ditebak/)).toBeVisible();
  const ownPassword = "sawah hijau di kaki gunung salak";
  await theirPage.getByLabel("Kata sandi baru", { exact: true }).fill(ownPassword);
  await theirPage.getByLabel("Ulangi kata sandi baru").fill(ownPassword);
  await theirPage.getByRole("button", { name: "Ganti kata sandi" }).click();
  await expect(theirPage.getByRole("status").filter({ hasText: "Kata sandi diganti." })).toBeVisible();
  await theirPage.getByRole("link", { name: "Lanjutkan" }).click();
  await expect(theirPage).toHaveURL("/prospek");
  await expect(theirPage.getByRole("navigation", { name: "Navigasi utama" }).getByRole("link")).toHaveText(["Prospek", "Tindak Lanjut"]);
  await expect(theirPage.getByTestId("current-user")).toContainText(fullName);
  await expect(theirPage.getByTestId("current-role")).toHaveText("Petugas");
  await expect(theirPage.getByTestId("current-scope")).toHaveText("Kota Bandung");
  await theirs.close();

  // Both events are in the audit trail, found as the admin would: with the page's URL filters.
  await page.goto(`/audit?aksi=user.create&pelaku=admin`);
  const trail = page.getByRole("table", { name: "Jejak audit" });
  const created = trail.getByRole("row").filter({ hasText: username });
  await expect(created).toHaveCount(1);
  await expect(created).toContainText("user.create");
  await expect(created).toContainText("Berhasil");

  await page.goto(`/audit?aksi=auth.sign_in&pelaku=${username}`);
  const signedIn = trail.getByRole("row").filter({ hasText: username });
  await expect(signedIn).toHaveCount(1);
  await expect(signedIn).toContainText("auth.sign_in");
  await expect(signedIn.getByRole("cell").nth(1)).toContainText(username);

  await page.goto(`/audit?aksi=auth.password_change&pelaku=${username}`);
  await expect(trail.getByRole("row").filter({ hasText: "auth.password_change" })).toHaveCount(1);
});
