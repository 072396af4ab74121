/**
 * A list's rows link to their leads, and a link Next.js prefetches asks the server for that
 * route as soon as it scrolls into view: a page of 50 leads would be 50 more signed-in requests
 * (each the app's layout rendered for the user) for every list an officer opens, on a tablet's
 * mobile data too. Rows link without prefetching; the click still navigates inside the app.
 */
import { expect, test, type Page, type Request } from "@playwright/test";
import { authFile } from "./fixtures/e2e-env.ts";

test.use({ storageState: authFile("supervisor") });

/** The prefetches of lead pages the browser sends while `page` is open. */
function leadPrefetches(page: Page): Request[] {
  const seen: Request[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (/^\/prospek\/\d+/.test(url.pathname) && request.headers()["next-router-prefetch"] !== undefined) seen.push(request);
  });
  return seen;
}

/** Scrolls the whole page into view, row by row, and gives the browser time to prefetch. */
async function readToTheEnd(page: Page): Promise<void> {
  for (let y = 0; y < 12; y++) {
    await page.mouse.wheel(0, 600);
    await page.waitForTimeout(100);
  }
  await page.waitForTimeout(1_000);
}

for (const { list, url, table } of [
  { list: "Prospek", url: "/prospek", table: "Daftar prospek" },
  { list: "Tindak Lanjut", url: "/tindak-lanjut?tampil=semua", table: null },
]) {
  test(`${list} asks the server for no row's lead page until one is opened`, async ({ page }) => {
    const prefetches = leadPrefetches(page);
    await page.goto(url);
    const rows = (table ? page.getByRole("table", { name: table }) : page.getByRole("table")).getByRole("row");
    await expect(rows.nth(1)).toBeVisible();
    expect(await rows.count()).toBeGreaterThan(2);
    await readToTheEnd(page);
    expect(prefetches.map((r) => r.url())).toEqual([]);

    // Opening one still navigates inside the app, to its page.
    const link = rows.nth(1).getByRole("link").first();
    const name = (await link.innerText()).trim();
    await link.click();
    await expect(page).toHaveURL(/\/prospek\/\d+$/);
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  });
}
