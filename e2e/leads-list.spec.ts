/**
 * Prospek as an officer of 32.73 Kota Bandung uses it: narrow the list to one kecamatan and a
 * skala usaha through the filter, sort by workers, hide a column, reload the link and get the
 * same view, save it by name; and a search that finds nothing.
 */
import { randomInt } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { authFile } from "./fixtures/e2e-env.ts";

test.use({ storageState: authFile("petugas") });

/** The table's column headers' names, in order. */
async function headers(page: Page): Promise<string[]> {
  return (await page.getByRole("table").getByRole("columnheader").allInnerTexts()).map((t) => t.replace(/[▲▼↕]/g, "").trim());
}

test("filters by kecamatan and skala, sorts, hides a column, survives a reload, saves the view", async ({ page }) => {
  await page.goto("/prospek");
  await expect(page.getByRole("heading", { name: "Prospek", level: 1 })).toBeVisible();
  const table = page.getByRole("table");
  await expect(table).toBeVisible();

  // A kecamatan and a skala one of the officer's own leads has.
  // Its cells: the checkbox, the name, the region.
  const firstRow = table.getByRole("row").nth(1);
  const region = (await firstRow.getByRole("cell").nth(2).innerText()).trim();
  const district = region.split(",")[0]!.trim();
  expect(district.length).toBeGreaterThan(0);

  // The region cascade: province → city → kecamatan, each typed and picked from its list.
  const filter = page.getByRole("search", { name: "Filter prospek" });
  // Region, scale and the rest fold away under "Tampilkan filter lainnya".
  await filter.getByText("Tampilkan filter lainnya").click();
  const province = filter.getByLabel("Provinsi");
  await expect(province).toBeEnabled();
  await province.fill("Jawa Barat");
  const city = filter.getByLabel("Kabupaten/Kota");
  await expect(city).toBeEnabled();
  await city.fill("Kota Bandung");
  const kecamatan = filter.getByLabel("Kecamatan", { exact: true });
  await expect(kecamatan).toBeEnabled();
  await kecamatan.fill(district);
  await expect(filter.getByLabel("Kelurahan/Desa")).toBeEnabled();
  await filter.getByRole("group", { name: "Skala usaha" }).getByLabel("Usaha Mikro").check();
  await filter.getByRole("group", { name: "Skala usaha" }).getByLabel("Usaha Kecil").check();
  await filter.getByRole("button", { name: "Terapkan filter" }).click();
  await expect(page).toHaveURL(/wilayah=32\.73\.\d\d&skala=mikro%2Ckecil/);

  const status = page.getByRole("status").filter({ hasText: "prospek" }).first();
  await expect(status).toBeVisible();
  const rows = table.getByRole("row");
  const empty = page.getByRole("region", { name: "Tidak ada prospek yang cocok dengan filter ini" });
  await expect(rows.nth(1).or(empty)).toBeVisible();
  if (await table.isVisible()) {
    // After the checkbox and the name: region, then scale.
    for (const text of await rows.locator("td:nth-child(3)").allInnerTexts()) expect(text).toContain(district);
    for (const text of await rows.locator("td:nth-child(4)").allInnerTexts()) expect(["Mikro", "Kecil"]).toContain(text.trim());
  }

  // Sort by workers: the header says so, and so does the URL.
  await page.getByRole("button", { name: /^Urutkan menurut Pekerja/ }).click();
  await expect(page).toHaveURL(/urut=pekerja/);
  await expect(page.getByRole("columnheader", { name: /Pekerja/ }).first()).toHaveAttribute("aria-sort", "descending");

  // Hide Prioritas.
  await page.getByText("Kolom", { exact: true }).click();
  await page.getByRole("group", { name: "Kolom yang ditampilkan" }).getByLabel("Prioritas").uncheck();
  await expect(page).toHaveURL(/kolom=/);
  await expect.poll(() => headers(page)).not.toContain("Prioritas");

  // The link alone reproduces the view.
  const url = page.url();
  await page.reload();
  expect(page.url()).toBe(url);
  await expect(page.getByRole("columnheader", { name: /Pekerja/ }).first()).toHaveAttribute("aria-sort", "descending");
  expect(await headers(page)).not.toContain("Prioritas");
  // The applied filters are chips; the folded fields still hold them.
  await expect(filter.getByRole("list", { name: "Filter aktif" })).toContainText("Skala: Usaha Mikro");
  await filter.getByText("Tampilkan filter lainnya").click();
  await expect(filter.getByLabel("Kecamatan", { exact: true })).toHaveValue(district);
  await expect(filter.getByRole("group", { name: "Skala usaha" }).getByLabel("Usaha Mikro")).toBeChecked();

  // Save it by name; it appears among the saved views and opens the same view.
  const name = `Kecamatan ${district} ${randomInt(1_000_000)}`;
  await page.getByRole("button", { name: "Simpan tampilan" }).click();
  const dialog = page.getByRole("dialog", { name: "Simpan tampilan" });
  await dialog.getByLabel("Nama tampilan").fill(name);
  await dialog.getByRole("button", { name: "Simpan", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: `Tampilan "${name}" disimpan.` })).toBeVisible();
  const saved = page.getByRole("region", { name: "Tampilan tersimpan" }).getByRole("link", { name });
  await expect(saved).toBeVisible();
  await page.goto("/prospek");
  await page.getByRole("region", { name: "Tampilan tersimpan" }).getByRole("link", { name }).click();
  await expect(page).toHaveURL(url);

  // And delete it again, after confirming.
  await page.getByRole("button", { name: `Hapus tampilan ${name}` }).click();
  await page.getByRole("dialog", { name: "Hapus tampilan?" }).getByRole("button", { name: "Ya, hapus" }).click();
  await expect(page.getByRole("region", { name: "Tampilan tersimpan" }).getByRole("link", { name })).toHaveCount(0);
});

test("a search that finds nothing shows the empty state with a way back", async ({ page }) => {
  await page.goto("/prospek?cari=qzxqzxqzx");
  await expect(page.getByRole("heading", { name: "Tidak ada prospek yang cocok dengan filter ini" })).toBeVisible();
  await page.getByRole("link", { name: "Hapus semua filter" }).click();
  await expect(page).toHaveURL(/\/prospek$/);
  await expect(page.getByRole("table")).toBeVisible();
});

test("another region's leads cannot be reached through the URL", async ({ page }) => {
  await page.goto("/prospek?wilayah=35.78");
  await expect(page.getByRole("heading", { name: "Tidak ada prospek yang cocok dengan filter ini" })).toBeVisible();
  const response = await page.request.get("/prospek/wilayah?induk=35");
  expect((await response.json()) as unknown).toEqual({ regions: [] });
});
