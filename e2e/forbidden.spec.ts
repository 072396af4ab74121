/** An officer typing the address of a page outside their role gets HTTP 403 and the 403 page. */
import { expect, test } from "@playwright/test";
import { authFile } from "./fixtures/e2e-env.ts";

test.use({ storageState: authFile("petugas") });

for (const path of ["/pengguna", "/audit", "/impor", "/balikan", "/dasbor"]) {
  test(`an officer opening ${path} gets 403`, async ({ page }) => {
    const response = await page.goto(path);
    expect(response?.status()).toBe(403);
    await expect(page).toHaveURL(path);
    await expect(page.getByRole("heading", { name: "Anda tidak berhak membuka halaman ini" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Kembali ke beranda" })).toBeVisible();
  });
}
