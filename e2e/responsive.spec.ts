/**
 * Officers carry Jangkau to visits: every page, as every role that may open it, fits a phone
 * (390 px), a tablet (768 px) and a desktop (1440 px) without sideways scrolling — a wide table
 * scrolls inside its own box. The pages come from the route × role matrix, so a new page is
 * checked here the day it gets its row. Below the `lg` breakpoint (phones, tablets) the navigation is a menu
 * button, and the lead page's *Catat kegiatan* form is usable with a thumb.
 */
import { expect, test, type Page } from "@playwright/test";
import { ROLES, type Role } from "../lib/permissions.ts";
import { PAGE_ROWS, roleMayUse, SAMPLE_ID } from "../tests/access/route-matrix.ts";
import { queryE2eDatabase } from "./fixtures/database.ts";
import { authFile, type DemoUser } from "./fixtures/e2e-env.ts";

const ACCOUNT_OF: Record<Role, DemoUser> = { ADMIN: "admin", SUPERVISOR: "supervisor", OFFICER: "petugas", AUDITOR: "auditor" };
const WIDTHS = [390, 768, 1440] as const;
/** The smallest touch target WCAG 2.5.5 asks for, in CSS pixels. */
const THUMB = 44;

/** A Kota Bandung lead: inside the scope of the officer, the supervisor (Jawa Barat) and the admin. */
async function bandungLeadId(): Promise<string> {
  const [row] = await queryE2eDatabase<{ id: string }>("SELECT id::text AS id FROM business WHERE regency_code = '32.73' AND is_lead ORDER BY id LIMIT 1");
  if (!row) throw new Error("the demo data has no Kota Bandung lead");
  return row.id;
}

async function expectNoSidewaysScroll(page: Page, label: string) {
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, `${label}: the page is ${scrollWidth} px wide on a ${innerWidth} px screen`).toBeLessThanOrEqual(innerWidth);
}

for (const role of ROLES) {
  const pages = PAGE_ROWS.filter((row) => row.path !== "/masuk" && row.path !== "/" && roleMayUse(row.access, role));
  test.describe(`${role}: every page fits the screen`, () => {
    test.use({ storageState: authFile(ACCOUNT_OF[role]) });
    for (const width of WIDTHS) {
      test(`at ${width} px`, async ({ page }) => {
        test.setTimeout(90_000);
        await page.setViewportSize({ width, height: width < 1000 ? 900 : 1000 });
        const leadId = pages.some((row) => row.path.includes(SAMPLE_ID)) ? await bandungLeadId() : "";
        for (const row of pages) {
          const url = row.path.replace(SAMPLE_ID, leadId);
          await page.goto(url);
          await expectNoSidewaysScroll(page, url);
        }
      });
    }
  });
}

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });
  for (const width of WIDTHS) {
    test(`the sign-in page fits ${width} px`, async ({ page }) => {
      await page.setViewportSize({ width, height: 900 });
      await page.goto("/masuk");
      await expectNoSidewaysScroll(page, "/masuk");
    });
  }
});

test.describe("on a phone", () => {
  test.use({ storageState: authFile("admin"), viewport: { width: 390, height: 844 } });

  test("the navigation is a menu that opens, takes focus, closes on Escape and on navigation", async ({ page }) => {
    await page.goto("/prospek");
    const nav = page.getByRole("navigation", { name: "Navigasi utama" });
    const menu = page.getByRole("button", { name: /^Menu/ });
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(nav.getByRole("link", { name: "Audit" })).toBeHidden();

    await menu.click();
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    await expect(nav.getByRole("link", { name: "Prospek" })).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(menu).toBeFocused();
    await expect(nav.getByRole("link", { name: "Audit" })).toBeHidden();

    await menu.click();
    const audit = nav.getByRole("link", { name: "Audit" });
    const box = (await audit.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(THUMB);
    await audit.click();
    await expect(page).toHaveURL(/\/audit$/);
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(audit).toBeHidden();
  });

  test("a tablet gets the menu too; a desktop shows the navigation and no menu button", async ({ page }) => {
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.goto("/prospek");
    await expect(page.getByRole("button", { name: /^Menu/ })).toBeVisible();
    await page.setViewportSize({ width: 1280, height: 900 });
    await expect(page.getByRole("navigation", { name: "Navigasi utama" }).getByRole("link", { name: "Audit" })).toBeVisible();
    await expect(page.getByRole("button", { name: /^Menu/ })).toBeHidden();
  });

  test("the lead page's Catat kegiatan form is within reach of a thumb", async ({ page }) => {
    await page.goto(`/prospek/${await bandungLeadId()}`);
    const form = page.getByRole("form", { name: "Catat kegiatan tindak lanjut" });
    await form.scrollIntoViewIfNeeded();
    const controls = [
      form.getByLabel("Jenis kegiatan"),
      form.getByLabel("Tanggal"),
      form.getByLabel("Hasil"),
      form.getByLabel("Catatan (opsional)"),
      form.getByLabel("Ubah status"),
      form.getByRole("button", { name: "Simpan kegiatan" }),
    ];
    for (const control of controls) {
      await control.scrollIntoViewIfNeeded();
      const box = (await control.boundingBox())!;
      expect(box.height, String(control)).toBeGreaterThanOrEqual(THUMB);
      expect(box.x, String(control)).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, String(control)).toBeLessThanOrEqual(390);
    }
    await expectNoSidewaysScroll(page, "lead page");
  });
});
