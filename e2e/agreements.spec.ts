/**
 * Perjanjian Kerja Sama as an admin uses it: both agreements with their numbers, status and
 * contacts; the AHU agreement's last day entered (after confirming the change), which moves its
 * status and the "Berlaku sampai" of AHU's API keys; then cleared again, so other specs find the
 * agreement as migrated. An officer is refused the page.
 */
import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { addDays, addMonths } from "../lib/agreements.ts";
import { formatLongDay } from "../lib/format.ts";
import { todayWib } from "../lib/leads/follow-up.ts";
import { expectNoAxeViolations } from "./fixtures/axe.ts";
import { authFile } from "./fixtures/e2e-env.ts";
import { createKeyThroughPage } from "./fixtures/partner-keys.ts";

const AHU = "AHU (Kemenkum)";

/** Opens the AHU agreement's edit dialog, sets its last day, confirms and saves. */
async function saveAhuLastDay(page: Page, lastDay: string, expectedChange: string) {
  await page.getByRole("button", { name: `Ubah PKS ${AHU}` }).click();
  const dialog = page.getByRole("dialog", { name: `Ubah PKS ${AHU}` });
  await dialog.getByLabel("Berlaku sampai", { exact: true }).fill(lastDay);
  await dialog.getByRole("button", { name: "Periksa perubahan" }).click();
  // Nothing is saved before the admin has seen the change, old → new.
  const confirmation = dialog.getByRole("region", { name: "Periksa perubahan" });
  await expect(confirmation).toContainText(expectedChange);
  await expectNoAxeViolations(page, "dialog");
  await dialog.getByRole("button", { name: "Simpan perubahan" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`Perubahan PKS ${AHU} disimpan.`)).toBeVisible();
}

test.describe("as an admin", () => {
  test.use({ storageState: authFile("admin") });

  test("sees both agreements, enters AHU's last day after confirming and sees its status and keys follow", async ({ page }) => {
    const keyName = `Uji PKS ${randomBytes(3).toString("hex")}`;
    await createKeyThroughPage(page, AHU, keyName);
    const keyRow = () => page.getByRole("table", { name: "Daftar kunci API mitra" }).getByRole("row").filter({ hasText: keyName });
    await expect(keyRow()).toContainText("mengikuti perjanjian");

    await page.getByRole("navigation", { name: "Navigasi utama" }).getByRole("link", { name: "Perjanjian", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Perjanjian Kerja Sama", level: 1 })).toBeVisible();
    const table = page.getByRole("table", { name: "Daftar perjanjian kerja sama" });
    const kemnaker = table.getByTestId("perjanjian-kemnaker");
    const ahu = table.getByTestId("perjanjian-ahu");
    await expect(kemnaker).toContainText("123/KTR/0125");
    await expect(kemnaker).toContainText("7/006/KS.06/I/2025");
    await expect(kemnaker).toContainText("6 Januari 2025");
    await expect(kemnaker).toContainText("Berlaku");
    await expect(kemnaker).toContainText("sampai 5 Januari 2028");
    await expect(ahu).toContainText("755/KTR/1223");
    await expect(ahu).toContainText("AHU.HH.04.02-5");
    await expect(ahu).toContainText("Tanggal berakhir belum diisi");
    const contacts = page.getByRole("table", { name: "Alamat korespondensi" });
    await expect(contacts.getByTestId("kontak-ahu-mitra")).toContainText("humas@ahu.go.id");
    await expect(contacts.getByTestId("kontak-kemnaker-bpjs")).toContainText("(021) 4212940");
    await expectNoAxeViolations(page);

    // Two months ahead: inside the three months' notice.
    const lastDay = addDays(todayWib(), 60);
    try {
      await saveAhuLastDay(page, lastDay, `Berlaku sampai: (kosong) → ${formatLongDay(lastDay)}`);
      await expect(ahu).toContainText("Segera berakhir");
      await expect(ahu).toContainText(`bahas perpanjangan paling lambat ${formatLongDay(addMonths(lastDay, -3))}`);

      await page.goto("/impor/kunci-api");
      await expect(keyRow()).toContainText(formatLongDay(lastDay));
    } finally {
      await page.goto("/perjanjian");
      await saveAhuLastDay(page, "", `Berlaku sampai: ${formatLongDay(lastDay)} → (kosong)`);
    }
    await expect(ahu).toContainText("Tanggal berakhir belum diisi");
  });
});

test.describe("as an officer", () => {
  test.use({ storageState: authFile("petugas") });

  test("gets 403 for the page", async ({ page }) => {
    const response = await page.goto("/perjanjian");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "Anda tidak berhak membuka halaman ini" })).toBeVisible();
  });
});
