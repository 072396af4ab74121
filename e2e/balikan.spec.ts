/**
 * Data Balikan as the admin uses it: generate AHU's file for the demo period, read the password
 * shown once, download the ZIP and open it with Debian's 7z (the wrong password fails), and find
 * the delivery in the history with its counts and hash. The CLI does the same for Kemnaker. An
 * officer gets 403 on the page and on the download.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { extractZip, testZip } from "../tests/support/seven-zip.ts";
import { runJangkau } from "./fixtures/cli.ts";
import { confirmIdentity } from "./fixtures/auth.ts";
import { authFile } from "./fixtures/e2e-env.ts";

const PERIOD = "2025-S2";

test.describe("as admin", () => {
  test.use({ storageState: authFile("admin") });

  test("generates AHU's balikan, sees the password once, downloads a ZIP 7z opens, and finds it in the history", async ({ page }) => {
    const dir = await mkdtemp(path.join(tmpdir(), "jangkau-e2e-balikan-"));
    try {
      await page.goto("/balikan");
      await expect(page.getByRole("heading", { name: "Data Balikan", level: 1 })).toBeVisible();
      // Showing and checking the ZIP password needs a recent identity confirmation.
      await confirmIdentity(page);
      const ahu = page.getByRole("region", { name: "Ditjen AHU" });
      await expect(ahu.getByRole("table", { name: /Periode data Ditjen AHU/ })).toContainText(PERIOD);

      await ahu.getByLabel("Periode", { exact: true }).selectOption(PERIOD);
      await ahu.getByRole("button", { name: "Buat berkas balikan" }).click();
      await expect(ahu.getByText("hanya ditampilkan sekali")).toBeVisible({ timeout: 60_000 });
      const password = await ahu.getByLabel("Kata sandi ZIP", { exact: true }).inputValue();
      expect(password).toMatch(/^[A-Za-z0-9]{24}$/);
      const summary = await ahu.getByRole("heading", { name: /Berkas balikan .* dibuat/ }).textContent();
      const rows = Number(/dibuat: ([\d.]+) baris/.exec(summary ?? "")![1]!.replaceAll(".", ""));
      expect(rows).toBeGreaterThan(0);

      const downloadPromise = page.waitForEvent("download");
      await ahu.getByRole("link", { name: "Unduh ZIP", exact: true }).click();
      const download = await downloadPromise;
      expect(download.suggestedFilename()).toMatch(new RegExp(`^balikan-ahu-${PERIOD}-\\d{8}\\.zip$`));
      const zipPath = path.join(dir, download.suggestedFilename());
      await download.saveAs(zipPath);

      expect((await testZip(zipPath, password)).ok).toBe(true);
      expect((await testZip(zipPath, "salah-kata-sandi")).ok).toBe(false);
      const files = await extractZip(zipPath, password);
      expect(Object.keys(files).sort()).toEqual([`balikan-ahu-entitas-${PERIOD}.csv`, `balikan-ahu-notaris-${PERIOD}.csv`]);
      expect(files[`balikan-ahu-entitas-${PERIOD}.csv`]!.split("\r\n")[0]).toBe("\uFEFFNama Entitas,NPWP,Status");
      expect(files[`balikan-ahu-notaris-${PERIOD}.csv`]!.split("\r\n")[0]).toBe("\uFEFFNIK,NPWP,Status,Segmen Kepesertaan");
      const dataLines = Object.values(files).reduce((sum, text) => sum + text.split("\r\n").filter(Boolean).length - 1, 0);
      expect(dataLines).toBe(rows);
      const sha256 = createHash("sha256").update(await readFile(zipPath)).digest("hex");

      // After a reload the password is gone for good; the history keeps counts and hash.
      await page.reload();
      await expect(page.getByText(password)).toHaveCount(0);
      const history = page.getByRole("region", { name: "Ditjen AHU" }).getByRole("table", { name: /Riwayat berkas data balikan/ });
      const row = history.getByRole("row").filter({ has: page.locator(`[title="${sha256}"]`) });
      await expect(row).toHaveCount(1);
      await expect(row).toContainText(PERIOD);
      await expect(row).toContainText(new Intl.NumberFormat("id-ID").format(rows));
      await expect(row).toContainText("oleh admin");
      await expect(row).toContainText("✓");

      // The partner reads the password back: checked against the stored hash.
      await row.getByRole("button", { name: "Periksa kata sandi" }).click();
      const dialog = page.getByRole("dialog", { name: "Periksa kata sandi berkas" });
      await dialog.getByLabel("Kata sandi dari mitra").fill("bukan-kata-sandinya");
      await dialog.getByRole("button", { name: "Periksa", exact: true }).click();
      await expect(dialog.getByRole("alert")).toContainText("TIDAK cocok");
      await dialog.getByLabel("Kata sandi dari mitra").fill(password);
      await dialog.getByRole("button", { name: "Periksa", exact: true }).click();
      await expect(dialog.getByRole("status")).toContainText("Kata sandi cocok");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test("jangkau balikan writes Kemnaker's ZIP and prints the password once", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "jangkau-e2e-balikan-cli-"));
    try {
      const out = await runJangkau(["balikan", "--partner", "kemnaker", "--period", PERIOD, "--out", dir, "--json"]);
      const summary = JSON.parse(out.trim().split("\n").at(-1)!) as { path: string; password: string; rows: number; sha256: string };
      expect((await testZip(summary.path, summary.password)).ok).toBe(true);
      expect(createHash("sha256").update(await readFile(summary.path)).digest("hex")).toBe(summary.sha256);
      // Two files: the businesses (Lampiran II.1, 22 fields) and their workers (II.2, 8 fields).
      const files = await extractZip(summary.path, summary.password);
      const names = Object.keys(files).sort();
      expect(names).toEqual([`balikan-kemnaker-bu-${PERIOD}.csv`, `balikan-kemnaker-pekerja-${PERIOD}.csv`]);
      const lines = names.map((name) => files[name]!.split("\r\n").filter(Boolean));
      expect(lines.map((l) => l[0]!.split(",").length)).toEqual([22, 8]);
      expect(lines[1]!.length).toBeGreaterThan(1);
      expect(lines[0]!.length - 1 + lines[1]!.length - 1).toBe(summary.rows);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

test.describe("as officer", () => {
  test.use({ storageState: authFile("petugas") });

  test("gets 403 on the page and on a download", async ({ page, request }) => {
    expect((await page.goto("/balikan"))?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "Anda tidak berhak membuka halaman ini" })).toBeVisible();
    expect((await request.get("/balikan/unduh/00000000-0000-4000-8000-000000000000")).status()).toBe(403);
  });
});
