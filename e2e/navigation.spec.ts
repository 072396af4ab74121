/**
 * Each role signs in through the form and sees exactly its navigation, and the header says who
 * is signed in, with which role, over which regions. Expected items are written out here, not
 * read from lib/navigation.ts, so a wrong permission on a nav item fails this test.
 */
import { expect, test } from "@playwright/test";
import { submitSignInForm } from "./fixtures/auth.ts";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, DEMO_USERS, type DemoUser } from "./fixtures/e2e-env.ts";
import { freshTotpCode } from "./fixtures/totp.ts";

const EXPECTED: Record<DemoUser, { home: string; nav: string[]; role: string; scope: string }> = {
  admin: {
    home: "/prospek",
    nav: ["Prospek", "Tindak Lanjut", "Dasbor Cakupan", "Laporan Monev", "Tinjauan Pencocokan", "Impor Data", "Data Balikan", "Perjanjian", "Pengguna", "Audit"],
    role: "Admin",
    scope: "Semua wilayah",
  },
  supervisor: {
    home: "/prospek",
    nav: ["Prospek", "Tindak Lanjut", "Dasbor Cakupan", "Laporan Monev", "Tinjauan Pencocokan"],
    role: "Supervisor",
    scope: "Jawa Barat",
  },
  petugas: { home: "/prospek", nav: ["Prospek", "Tindak Lanjut"], role: "Petugas", scope: "Kota Bandung" },
  auditor: { home: "/audit", nav: ["Audit"], role: "Auditor", scope: "Tanpa akses data wilayah" },
};

const HREFS: Record<string, string> = {
  Prospek: "/prospek",
  "Tindak Lanjut": "/tindak-lanjut",
  "Dasbor Cakupan": "/dasbor",
  "Laporan Monev": "/laporan",
  "Tinjauan Pencocokan": "/tinjauan",
  "Impor Data": "/impor",
  "Data Balikan": "/balikan",
  Perjanjian: "/perjanjian",
  Pengguna: "/pengguna",
  Audit: "/audit",
};

for (const [user, expected] of Object.entries(EXPECTED) as [DemoUser, (typeof EXPECTED)[DemoUser]][]) {
  test(`${user} signs in and sees exactly the navigation of the ${expected.role} role`, async ({ page }) => {
    const account = DEMO_USERS[user];
    // The admin's second factor: a fresh code may mean waiting for the next 30-second step.
    if (user === "admin") test.setTimeout(75_000);
    const code = user === "admin" ? await freshTotpCode(DEMO_TOTP_SECRET) : undefined;
    await page.goto("/masuk");
    await submitSignInForm(page, account.username, DEMO_PASSWORD, code);
    await expect(page).toHaveURL(expected.home);

    const nav = page.getByRole("navigation", { name: "Navigasi utama" });
    await expect(nav.getByRole("link")).toHaveText(expected.nav);
    for (const label of expected.nav) {
      await expect(nav.getByRole("link", { name: label, exact: true })).toHaveAttribute("href", HREFS[label]!);
    }

    await expect(page.getByTestId("current-user")).toContainText(account.name);
    await expect(page.getByTestId("current-user")).toContainText(`(${account.username})`);
    await expect(page.getByTestId("current-role")).toHaveText(expected.role);
    await expect(page.getByTestId("current-scope")).toHaveText(expected.scope);
    await expect(page.getByRole("button", { name: "Keluar" })).toBeVisible();
  });
}
