/**
 * A counted list offers page numbers between Sebelumnya and Berikutnya: an admin with a long
 * inbox jumps to a page by its number and to the last page, and the current page is marked.
 * The notices are written read, so no bell count another spec looks at changes.
 */
import { expect, test } from "@playwright/test";
import { writeE2eDatabase } from "./fixtures/database.ts";
import { authFile } from "./fixtures/e2e-env.ts";

test.use({ storageState: authFile("admin") });

test("a long inbox offers its page numbers; a number opens its page and is marked current", async ({ page }) => {
  await writeE2eDatabase(7_520_001, (client) =>
    client.query(
      `INSERT INTO notification (user_id, kind, title, href, dedupe_key, created_at, read_at)
       SELECT u.id, 'IMPORT_FINISHED', 'Impor uji halaman ' || n, '/impor', 'e2e-page-numbers:' || n, now() - n * interval '1 minute', now()
         FROM app_user u, generate_series(1, 130) AS n
        WHERE u.username = 'admin'
       ON CONFLICT (user_id, dedupe_key) DO NOTHING`,
    ),
  );

  await page.goto("/akun/pemberitahuan");
  const pages = page.getByRole("navigation", { name: "Halaman pemberitahuan" });
  await expect(pages).toContainText(/Halaman 1 dari \d+/);
  await expect(pages.getByRole("link", { name: "Halaman 1", exact: true })).toHaveAttribute("aria-current", "page");

  await pages.getByRole("link", { name: "Halaman 3", exact: true }).click();
  await expect(page).toHaveURL(/halaman=3/);
  await expect(pages).toContainText(/Halaman 3 dari \d+/);
  await expect(pages.getByRole("link", { name: "Halaman 3", exact: true })).toHaveAttribute("aria-current", "page");
  await expect(pages.getByRole("link", { name: "Lebih baru" })).toBeVisible();

  const last = Number((await pages.getByText(/^Halaman 3 dari \d+$/).textContent())!.match(/dari (\d+)/)![1]);
  await pages.getByRole("link", { name: `Halaman ${last}`, exact: true }).click();
  await expect(pages.getByRole("link", { name: `Halaman ${last}`, exact: true })).toHaveAttribute("aria-current", "page");
  await expect(pages.getByRole("link", { name: "Lebih lama" })).toHaveCount(0);
});
