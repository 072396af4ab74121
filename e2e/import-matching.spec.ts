/**
 * Pencocokan entitas on Impor Data: the demo's start-up full match is listed with its figures;
 * an admin asks for a full re-match, confirms, and follows the run (polled from
 * /impor/pencocokan) until it is done. Officers get 403 on the runs route.
 */
import { expect, test } from "@playwright/test";
import { authFile } from "./fixtures/e2e-env.ts";

test.describe("as admin", () => {
  test.use({ storageState: authFile("admin") });

  test("sees the demo's full match, starts a full re-match and follows it to the end", async ({ page }) => {
    // A full re-match of the demo set takes seconds; other specs' imports may queue runs before it.
    test.setTimeout(120_000);
    await page.goto("/impor");
    const section = page.getByRole("region", { name: "Pencocokan entitas" });
    await expect(section).toBeVisible();

    // The demo seeding ran a full match at start-up: done, started by no import, with figures.
    const demoRun = section.getByRole("row").filter({ hasText: "Penuh" }).filter({ hasText: "manual" }).filter({ hasText: "Selesai" }).last();
    await expect(demoRun).toBeVisible();
    const figures = demoRun.getByRole("cell").filter({ hasText: /^\d{1,3}(\.\d{3})*$/ });
    await expect(figures).toHaveCount(3);

    // Refused while another run (an import's, from a parallel spec) is in progress: try again then.
    let runId = 0;
    await expect(async () => {
      await section.getByRole("button", { name: "Cocokkan ulang semua" }).click();
      const dialog = page.getByRole("dialog", { name: "Cocokkan ulang semua" });
      await expect(dialog).toContainText("daftar prospek tetap menampilkan hasil sebelumnya");
      await dialog.getByRole("button", { name: "Mulai pencocokan ulang" }).click();
      const notice = section.getByRole("status").filter({ hasText: "Pencocokan ulang #" });
      const refusal = dialog.getByRole("alert");
      await expect(notice.or(refusal)).toBeVisible();
      if (await refusal.isVisible()) {
        const reason = await refusal.textContent();
        await dialog.getByRole("button", { name: "Batal" }).click();
        throw new Error(`refused: ${reason}`);
      }
      runId = Number(/#(\d+)/.exec((await notice.textContent()) ?? "")?.[1]);
    }).toPass({ timeout: 60_000, intervals: [2_000] });
    expect(runId).toBeGreaterThan(0);

    // The panel polls the runs route and shows the new run, then its outcome.
    const poll = await page.waitForResponse((r) => new URL(r.url()).pathname === "/impor/pencocokan");
    expect(poll.status()).toBe(200);
    expect(poll.headers()["cache-control"]).toContain("no-store");
    const row = section.getByRole("row").filter({ has: page.getByRole("cell", { name: `#${runId}`, exact: true }) });
    await expect(row).toBeVisible();
    await expect(row).toContainText("Penuh");
    await expect(row).toContainText("manual");
    await expect(row.getByText("Selesai", { exact: true })).toBeVisible({ timeout: 60_000 });
    await expect(row.getByRole("progressbar")).toHaveCount(0);
    await expect(row.getByRole("cell").filter({ hasText: /detik|menit/ })).toHaveCount(1);
    await expect(row.getByRole("cell").filter({ hasText: /^\d{1,3}(\.\d{3})*$/ })).toHaveCount(3);
  });
});

test.describe("as officer", () => {
  test.use({ storageState: authFile("petugas") });

  test("gets 403 from the runs route", async ({ request }) => {
    const response = await request.get("/impor/pencocokan", { maxRedirects: 0 });
    expect(response.status()).toBe(403);
  });
});
