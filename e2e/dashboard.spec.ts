/**
 * Dasbor Cakupan as a supervisor of Jawa Barat uses it: charts with their tables, the drill-down
 * from the province to a regency and back by the breadcrumbs, a chart's CSV, and no way into
 * another province. Officers have no dashboard.
 */
import { readFile } from "node:fs/promises";
import { expect, test, type Locator } from "@playwright/test";
import { authFile } from "./fixtures/e2e-env.ts";

/** "12.345" → 12345 (id-ID grouping). */
const count = (text: string | null) => Number((text ?? "").replace(/\./g, "").trim());

/** The values of one column of a chart card's table, by header, for the body rows and the footer. */
async function column(card: Locator, header: string): Promise<{ rows: number[]; footer: number | null }> {
  const table = card.getByRole("table");
  // Header text without the sort arrow (and without the header row's capitals: textContent, not innerText).
  const headers = (await table.locator("thead th").allTextContents()).map((text) => text.replace(/[▲▼↕]/g, "").trim());
  const index = headers.indexOf(header);
  expect(index, `column ${header}`).toBeGreaterThan(0);
  const rows = await table.locator("tbody tr").evaluateAll((trs, i) => trs.map((tr) => tr.children[i]?.textContent ?? ""), index);
  const footer = (await table.locator("tfoot tr").count()) ? await table.locator("tfoot tr").first().locator("th, td").nth(index).innerText() : null;
  return { rows: rows.map(count), footer: footer === null ? null : count(footer) };
}

test.describe("as a supervisor of Jawa Barat", () => {
  test.use({ storageState: authFile("supervisor") });

  test("drills from Jawa Barat to a regency, each chart with its table, and downloads a chart's CSV", async ({ page }) => {
    // Seven page loads with a dozen charts each: a journey, not one step; on a busy 2-core
    // machine it came within reach of the default 30 s.
    test.slow();
    await page.goto("/dasbor");
    await expect(page.getByRole("heading", { name: "Dasbor Cakupan", level: 1 })).toBeVisible();
    const top = page.getByRole("region", { name: /per provinsi/ });
    await expect(top.getByRole("figure", { name: /Grafik batang bertumpuk badan usaha/ }).locator("svg").first()).toBeVisible();
    // Only the supervisor's own province is offered.
    await expect(top.getByRole("table").locator("tbody tr")).toHaveCount(1);
    const provinceTotal = (await column(top, "Jumlah BU")).rows[0]!;
    expect(provinceTotal).toBeGreaterThan(0);

    await top.getByRole("link", { name: "Jawa Barat" }).click();
    await expect(page).toHaveURL(/\/dasbor\?wilayah=32$/);
    const trail = page.getByRole("navigation", { name: "Jejak wilayah" });
    await expect(trail.getByRole("link", { name: "Wilayah saya" })).toBeVisible();
    await expect(trail.locator("[aria-current=page]")).toHaveText("Jawa Barat");

    const regencies = page.getByRole("region", { name: /per kabupaten\/kota — Jawa Barat/ });
    await expect(regencies.getByRole("figure").locator("svg").first()).toBeVisible();
    // The province's figures are the sum of its regencies' (plus any known only to the province).
    for (const header of ["Jumlah BU", "BU belum terdaftar", "Pekerja (Kemnaker)", "Potensi pekerja"]) {
      const { rows, footer } = await column(regencies, header);
      expect(rows.reduce((a, b) => a + b, 0), header).toBe(footer);
    }
    // Every other chart has its numbers beside it.
    for (const name of [/per skala usaha/, /per sektor KBLI/, /per sumber data/, /Tren per periode/, /Corong tindak lanjut/]) {
      const card = page.getByRole("region", { name });
      await expect(card.getByRole("table")).toBeVisible();
      await expect(card.getByRole("figure").locator("svg").first()).toBeVisible();
    }

    const downloading = page.waitForEvent("download");
    await regencies.getByRole("link", { name: /Unduh CSV/ }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^dasbor-wilayah-32-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile((await download.path())!, "utf8");
    expect(csv.startsWith("\uFEFFKabupaten/Kota,BU terdaftar aktif,")).toBe(true);
    expect(csv).toContain("\r\nKota Bandung,");
    expect(csv.trimEnd().split("\r\n").at(-1)).toMatch(/^Jumlah,/);

    await regencies.getByRole("table").getByRole("link", { name: "Kota Bandung" }).click();
    await expect(page).toHaveURL(/\/dasbor\?wilayah=32\.73$/);
    await expect(page.getByRole("region", { name: /per kecamatan — Kota Bandung/ }).getByRole("table")).toBeVisible();
    await page.getByRole("navigation", { name: "Jejak wilayah" }).getByRole("link", { name: "Jawa Barat" }).click();
    await expect(page).toHaveURL(/\/dasbor\?wilayah=32$/);

    // The workers view of the same region, held in the URL.
    await page.getByRole("navigation", { name: "Ukuran grafik" }).getByRole("link", { name: "Pekerja" }).click();
    await expect(page).toHaveURL(/wilayah=32&ukuran=pekerja/);
    await expect(page.getByRole("region", { name: /Terdaftar dan potensi pekerja per kabupaten\/kota/ })).toBeVisible();
  });

  test("cannot open or download another province", async ({ page, request }) => {
    const response = await page.goto("/dasbor?wilayah=35");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Halaman tidak ditemukan" })).toBeVisible();
    expect((await request.get("/dasbor/unduh?grafik=wilayah&wilayah=35.78")).status()).toBe(404);
    expect((await request.get("/dasbor/unduh?grafik=petugas&wilayah=35")).status()).toBe(404);
  });
});

test.describe("as an officer", () => {
  test.use({ storageState: authFile("petugas") });

  test("gets 403 for the dashboard and its downloads", async ({ page, request }) => {
    expect((await page.goto("/dasbor"))?.status()).toBe(403);
    expect((await request.get("/dasbor/unduh?grafik=wilayah&wilayah=32.73")).status()).toBe(403);
  });
});
