/**
 * Every list is the one DataTable: its headers sort (in the browser for a list the server hands
 * over whole, through the URL for a paged list), its scroll box takes keyboard focus, its columns
 * resize with the arrow keys. Checked on the user list (browser sort; it used to be hand-written)
 * and Tindak Lanjut (URL sort).
 */
import { expect, test, type Locator } from "@playwright/test";
import { writeE2eDatabase } from "./fixtures/database.ts";
import { authFile } from "./fixtures/e2e-env.ts";

/** The texts of one column's cells (row headers included), top to bottom. */
async function columnTexts(table: Locator, index: number): Promise<string[]> {
  return table.locator("tbody tr").evaluateAll((rows, i) => rows.map((row) => row.children[i]?.textContent?.trim() ?? ""), index);
}

test.describe("as the admin", () => {
  test.use({ storageState: authFile("admin") });

  test("the user list sorts by a header click, both ways, and says how it is sorted", async ({ page }) => {
    await page.goto("/pengguna");
    const table = page.getByRole("table", { name: "Daftar pengguna" });
    const sortButton = table.getByRole("button", { name: /^Urutkan menurut Nama pengguna/ });
    await sortButton.click();
    const header = table.getByRole("columnheader", { name: /Nama pengguna/ });
    await expect(header).toHaveAttribute("aria-sort", "ascending");
    const ascending = (await columnTexts(table, 0)).map((text) => text.replace(" (Anda)", ""));
    expect(ascending.length).toBeGreaterThan(1);
    // The usernames used here are lower-case letters, digits and dashes: plain order is theirs.
    expect(ascending.filter((name) => /^[a-z-]+$/.test(name))).toEqual(ascending.filter((name) => /^[a-z-]+$/.test(name)).sort());

    await sortButton.click();
    await expect(header).toHaveAttribute("aria-sort", "descending");
    expect((await columnTexts(table, 0)).map((text) => text.replace(" (Anda)", ""))).toEqual([...ascending].reverse());
  });

  test("a table's scroll box takes focus and a column widens with the arrow keys", async ({ page }) => {
    await page.goto("/pengguna");
    const box = page.getByRole("group", { name: "Daftar pengguna" });
    await box.focus();
    await expect(box).toBeFocused();
    const handle = box.getByRole("separator", { name: "Lebar kolom Nama lengkap" });
    const header = box.getByRole("columnheader", { name: /Nama lengkap/ });
    const before = (await header.boundingBox())!.width;
    await handle.focus();
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    await expect.poll(async () => (await header.boundingBox())!.width).toBeGreaterThan(before + 40);
  });
});

test.describe("as an officer", () => {
  test.use({ storageState: authFile("petugas") });

  test.beforeAll(async () => {
    // Two Kota Bandung leads of the officer's own, due in a week: the demo data assigns none.
    await writeE2eDatabase(7_301, (client) =>
      client.query(
        `INSERT INTO lead_follow_up (business_id, status, assigned_to_id, assigned_at, due_date)
         SELECT b.id, 'BARU', u.id, now(), (now() AT TIME ZONE 'Asia/Jakarta')::date + 7
         FROM (SELECT id FROM business WHERE regency_code = '32.73' AND is_lead ORDER BY id DESC LIMIT 2) b
         CROSS JOIN (SELECT id FROM app_user WHERE username = 'petugas') u
         ON CONFLICT (business_id) DO NOTHING`,
      ),
    );
  });

  test("Tindak Lanjut sorts through the URL, back at page one", async ({ page }) => {
    await page.goto("/tindak-lanjut");
    const table = page.getByRole("table", { name: /Daftar tindak lanjut/ });
    await expect(table.getByRole("columnheader", { name: /Tenggat/ })).toHaveAttribute("aria-sort", "ascending");
    await table.getByRole("button", { name: /^Urutkan menurut Badan usaha/ }).click();
    await expect(page).toHaveURL(/\/tindak-lanjut\?urut=nama&arah=asc$/);
    await expect(table.getByRole("columnheader", { name: /Badan usaha/ })).toHaveAttribute("aria-sort", "ascending");
    const ascending = await columnTexts(table, 0);

    await table.getByRole("button", { name: /^Urutkan menurut Badan usaha/ }).click();
    await expect(page).toHaveURL(/\/tindak-lanjut\?urut=nama&arah=desc$/);
    await expect(table.getByRole("columnheader", { name: /Badan usaha/ })).toHaveAttribute("aria-sort", "descending");
    expect(ascending.length).toBeGreaterThan(1);
    await expect.poll(() => columnTexts(table, 0)).not.toEqual(ascending);

    // A link reproduces the view.
    await page.goto("/tindak-lanjut?urut=nama&arah=desc");
    await expect(table.getByRole("columnheader", { name: /Badan usaha/ })).toHaveAttribute("aria-sort", "descending");
  });
});
