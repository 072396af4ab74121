/**
 * Laporan Monev as an admin and a supervisor use it: choose the partner and year, read the
 * figures in their tables, download the PDF (its text read back with pdftotext) and the XLSX
 * (read back with exceljs); a year without data shows the empty state; axe finds nothing; an
 * officer gets 403 on the page and on the download.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test, type Page } from "@playwright/test";
import ExcelJS from "exceljs";
import { expectNoAxeViolations } from "./fixtures/axe.ts";
import { authFile } from "./fixtures/e2e-env.ts";

// The demo data's delivery period is 2025-S2.
const YEAR = "2025";

async function chooseReport(page: Page, partner: string, year: string) {
  await page.goto("/laporan");
  await expect(page.getByRole("heading", { name: "Laporan Monev", level: 1 })).toBeVisible();
  await page.getByLabel("Mitra", { exact: true }).selectOption({ label: partner });
  await page.getByLabel("Tahun", { exact: true }).selectOption(year);
  await page.getByRole("button", { name: "Tampilkan" }).click();
  await expect(page).toHaveURL(new RegExp(`tahun=${year}`));
}

async function download(page: Page, name: string, dir: string): Promise<string> {
  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("link", { name }).click();
  const file = await downloadPromise;
  const target = path.join(dir, file.suggestedFilename());
  await file.saveAs(target);
  return target;
}

test.describe("as admin", () => {
  test.use({ storageState: authFile("admin") });

  test("reads Kemnaker's year, downloads the PDF and the XLSX, and axe finds nothing", async ({ page }) => {
    const dir = await mkdtemp(path.join(tmpdir(), "jangkau-e2e-monev-"));
    try {
      await chooseReport(page, "Kemnaker", YEAR);
      await expect(page.getByRole("heading", { name: `Laporan Monitoring dan Evaluasi Kemnaker Tahun ${YEAR}`, level: 2 })).toBeVisible();
      const received = page.getByRole("table", { name: "Data diterima per periode" });
      await expect(received.getByRole("row").filter({ hasText: `${YEAR}-S2` }).first()).toContainText("Kemnaker — Badan Usaha");
      await expect(page.getByRole("table", { name: "Prospek menurut status" })).toContainText("Belum terdaftar");
      await expectNoAxeViolations(page);

      const pdfPath = await download(page, "Unduh PDF", dir);
      expect(path.basename(pdfPath)).toBe(`laporan-monev-kemnaker-${YEAR}.pdf`);
      const { stdout: text } = await promisify(execFile)("pdftotext", ["-layout", pdfPath, "-"]);
      expect(text).toContain("Laporan Monitoring dan Evaluasi");
      expect(text).toContain(`Kemnaker — Tahun ${YEAR}`);
      expect(text).toContain("Pasal 9 — Monitoring dan Evaluasi");
      expect(text).toContain(`${YEAR}-S1 dan ${YEAR}-S2`);
      expect(text).toContain("Prospek menurut status");
      expect(text).toContain("Perubahan cakupan");
      expect(text).toMatch(/Dibuat \d{1,2} \w+ \d{4}, [\d.]+ WIB oleh admin/);
      expect(text).toMatch(/Halaman 1 dari \d+/);
      // No identifier of a business or a person: no NPWP, NIK or phone-like run of digits.
      expect(text).not.toMatch(/\d{12,}/);

      const xlsxPath = await download(page, "Unduh XLSX", dir);
      expect(path.basename(xlsxPath)).toBe(`laporan-monev-kemnaker-${YEAR}.xlsx`);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await readFile(xlsxPath)) as unknown as ArrayBuffer);
      expect(workbook.worksheets.map((w) => w.name)).toContain("Data diterima per periode");
      expect(workbook.getWorksheet("Ringkasan")!.getCell("A1").value).toBe(`Laporan Monitoring dan Evaluasi Kemnaker Tahun ${YEAR}`);
      expect(workbook.getWorksheet("Ringkasan")!.getCell("B7").value).toBe("Semua wilayah");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test("shows the empty state for a year without data", async ({ page }) => {
    await chooseReport(page, "Ditjen AHU", "2023");
    await expect(page.getByRole("region", { name: "Belum ada data Ditjen AHU pada tahun 2023" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Unduh PDF" })).toBeVisible();
    await expectNoAxeViolations(page);
  });
});

test.describe("as supervisor", () => {
  test.use({ storageState: authFile("supervisor") });

  test("sees his region only, without the national exchange", async ({ page }) => {
    await chooseReport(page, "Kemnaker", YEAR);
    await expect(page.getByText(/wilayah: jawa barat/i)).toBeVisible();
    await expect(page.getByRole("region", { name: "Pengiriman data balikan" })).toContainText("Hanya pada laporan seluruh wilayah");
    const received = page.getByRole("table", { name: "Data diterima per periode" });
    await expect(received.getByRole("row").filter({ hasText: `${YEAR}-S2` }).first()).toContainText("–");
    await expectNoAxeViolations(page);
  });
});

test.describe("as officer", () => {
  test.use({ storageState: authFile("petugas") });

  test("gets 403 on the page and on a download", async ({ page, request }) => {
    expect((await page.goto("/laporan"))?.status()).toBe(403);
    expect((await request.get(`/laporan/unduh?mitra=kemnaker&tahun=${YEAR}&format=pdf`)).status()).toBe(403);
  });
});
