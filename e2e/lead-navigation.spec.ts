/**
 * Working through a list: a lead opened from a filtered, sorted list offers the previous and next
 * lead of that list, and the sidebar's and the breadcrumb's "Prospek" return to the list as it
 * was; sources are named as people know them.
 */
import { expect, test } from "@playwright/test";
import { authFile } from "./fixtures/e2e-env.ts";

test.use({ storageState: authFile("petugas") });

const LIST = "/prospek?skala=mikro&urut=nama";

test("a lead opened from a list steps to its neighbours and returns to the list as it was", async ({ page }) => {
  await page.goto(LIST);
  const links = page.getByRole("table", { name: /Daftar prospek/ }).getByRole("row").getByRole("link");
  await expect(links.nth(2)).toBeVisible();
  const [first, second, third] = await Promise.all([0, 1, 2].map(async (i) => ({ name: (await links.nth(i).textContent())!.trim(), href: (await links.nth(i).getAttribute("href"))! })));

  await links.nth(1).click();
  await expect(page.getByRole("heading", { level: 1, name: second!.name })).toBeVisible();
  const nav = page.getByRole("navigation", { name: "Navigasi prospek" });
  await expect(nav.getByRole("link", { name: /^‹ Sebelumnya/ })).toHaveAttribute("href", first!.href);
  await expect(nav.getByRole("link", { name: /^Berikutnya/ })).toHaveAttribute("href", third!.href);
  await nav.getByRole("link", { name: /^Berikutnya/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: third!.name })).toBeVisible();

  // Sources by name, not by id.
  const identity = page.getByRole("region", { name: "Identitas" });
  await expect(identity).not.toContainText(/kemnaker-bu|ahu-entitas|bpjs-bu/);

  // The breadcrumb and the sidebar go back to the filtered, sorted list.
  const back = nav.getByRole("link", { name: "Prospek", exact: true });
  await expect(back).toHaveAttribute("href", /urut=nama/);
  await expect(back).toHaveAttribute("href", /skala=mikro/);
  await page.getByRole("navigation", { name: "Navigasi utama" }).getByRole("link", { name: "Prospek" }).click();
  await expect(page).toHaveURL(/\/prospek\?.*skala=mikro/);
  await expect(page).toHaveURL(/urut=nama/);
});

test.describe("on a long list", () => {
  // A supervisor of Jawa Barat: enough leads for several pages.
  test.use({ storageState: authFile("supervisor") });

  test("keyset pages keep a way back: Sebelumnya returns page by page", async ({ page }) => {
    await page.goto("/prospek");
    const pager = page.getByRole("navigation", { name: "Halaman prospek" });
    const firstLead = page.getByRole("table", { name: /Daftar prospek/ }).getByRole("row").getByRole("link").first();
    const firstName = await firstLead.textContent();
    await pager.getByRole("link", { name: "Berikutnya" }).click();
    await expect(page).toHaveURL(/setelah=.*lalu=/);
    const secondPage = page.url();
    await pager.getByRole("link", { name: "Berikutnya" }).click();
    await expect(page).not.toHaveURL(secondPage);
    await expect(pager.getByRole("link", { name: "Halaman pertama" })).toBeVisible();
    await pager.getByRole("link", { name: "Sebelumnya" }).click();
    await expect(page).toHaveURL(secondPage);
    await pager.getByRole("link", { name: "Sebelumnya" }).click();
    await expect(page).toHaveURL("/prospek");
    await expect(firstLead).toHaveText(firstName!);
  });
});

test("the filter folds away, leaving the first leads in sight, and each active filter is a removable chip", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto("/prospek?skala=mikro,kecil&urut=nama");
  const table = page.getByRole("table", { name: /Daftar prospek/ });
  await expect(table.getByRole("row").nth(1)).toBeInViewport();
  const filter = page.getByRole("search", { name: "Filter prospek" });
  await expect(filter.getByRole("group", { name: "Skala usaha" })).toBeHidden();
  await expect(filter.getByText("2 aktif")).toBeVisible();

  const chips = filter.getByRole("list", { name: "Filter aktif" });
  await expect(chips.getByRole("listitem")).toHaveText(["Skala: Usaha Mikro×", "Skala: Usaha Kecil×"]);
  await chips.getByRole("link", { name: "Hapus filter Skala: Usaha Mikro" }).click();
  await expect(page).toHaveURL(/skala=kecil/);
  await expect(page).not.toHaveURL(/mikro/);
  // The sort is not a filter: it stays.
  await expect(page).toHaveURL(/urut=nama/);

  await filter.getByText("Tampilkan filter lainnya").click();
  await expect(filter.getByRole("group", { name: "Skala usaha" }).getByLabel("Usaha Kecil")).toBeChecked();
});
