/**
 * The audit page as an auditor reads it: actions, reasons and object types in Indonesian (the
 * stored code beside them), details as a labelled list rather than raw JSON, and the object type
 * filter as a choice.
 */
import { expect, test } from "@playwright/test";
import { authFile } from "./fixtures/e2e-env.ts";

test("an officer's refused page reads as Indonesian on the audit page", async ({ browser }) => {
  // The refusal to read: an officer opening the users page.
  const officer = await browser.newContext({ storageState: authFile("petugas") });
  const officerPage = await officer.newPage();
  expect((await officerPage.goto("/pengguna"))?.status()).toBe(403);
  await officer.close();

  const auditor = await browser.newContext({ storageState: authFile("auditor") });
  const page = await auditor.newPage();
  await page.goto("/audit");
  const filter = page.getByRole("search", { name: "Filter jejak audit" });
  await filter.getByLabel("Aksi").selectOption("access.deny");
  // The object type is a choice of known types, labelled in Indonesian.
  await filter.getByRole("combobox", { name: "Jenis objek" }).selectOption({ label: "Rute" });
  await filter.getByRole("button", { name: "Terapkan filter" }).click();
  await expect(page).toHaveURL(/objek=route/);

  const row = page.getByRole("table", { name: "Jejak audit" }).getByTestId("audit-event").filter({ hasText: "/pengguna" }).first();
  await expect(row).toContainText("Akses ditolak");
  await expect(row).toContainText("Tidak berhak mengelola pengguna");
  await expect(row).toContainText("missing_permission:users.manage");
  await expect(row).toContainText("Rute");
  await auditor.close();
});

test("details are a labelled list, not raw JSON", async ({ browser }) => {
  const auditor = await browser.newContext({ storageState: authFile("auditor") });
  const page = await auditor.newPage();
  // Imports of the demo data carry details (source, period, counts).
  await page.goto("/audit?aksi=import.run");
  const row = page.getByRole("table", { name: "Jejak audit" }).getByTestId("audit-event").first();
  await expect(row).toBeVisible();
  const details = row.getByRole("definition").first();
  await expect(details).toBeVisible();
  await expect(row.getByRole("term").filter({ hasText: "Sumber" }).first()).toBeVisible();
  await expect(row).not.toContainText('{"');
  await auditor.close();
});
