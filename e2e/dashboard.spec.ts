/**
 * Dasbor Cakupan as a supervisor of Jawa Barat uses it: charts with their tables, the drill-down
 * from the province to a regency and back by the breadcrumbs, a chart's CSV, and no way into
 * another province; a supervisor has no "Segarkan statistik", an admin queues it from here and
 * finds the job on Impor Data. Officers have no dashboard.
 */
import { readFile } from "node:fs/promises";
import { expect, test, type Locator } from "@playwright/test";
import { expectNoAxeViolations } from "./fixtures/axe.ts";
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
    // One province: the dashboard opens at its regencies, with no level above it to go back to.
    await page.goto("/dasbor");
    await expect(page.getByRole("heading", { name: "Dasbor Cakupan", level: 1 })).toBeVisible();
    const trail = page.getByRole("navigation", { name: "Jejak wilayah" });
    await expect(trail.locator("[aria-current=page]")).toHaveText("Jawa Barat");
    await expect(trail.getByRole("link")).toHaveCount(0);
    await expect(page.getByRole("region", { name: /per provinsi/ })).toHaveCount(0);

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
    await expect(trail.getByRole("link", { name: "Wilayah saya" })).toHaveCount(0);
    await page.getByRole("navigation", { name: "Jejak wilayah" }).getByRole("link", { name: "Jawa Barat" }).click();
    await expect(page).toHaveURL(/\/dasbor\?wilayah=32$/);

    // The workers view of the same region, held in the URL.
    await page.getByRole("navigation", { name: "Ukuran grafik" }).getByRole("link", { name: "Pekerja" }).click();
    await expect(page).toHaveURL(/wilayah=32&ukuran=pekerja/);
    await expect(page.getByRole("region", { name: /Terdaftar dan potensi pekerja per kabupaten\/kota/ })).toBeVisible();
  });

  test("has no Segarkan statistik (an admin's)", async ({ page }) => {
    await page.goto("/dasbor");
    await expect(page.getByRole("heading", { name: "Dasbor Cakupan", level: 1 })).toBeVisible();
    await expect(page.getByRole("button", { name: "Segarkan statistik" })).toHaveCount(0);
  });

  test("cannot open or download another province", async ({ page, request }) => {
    const response = await page.goto("/dasbor?wilayah=35");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Halaman tidak ditemukan" })).toBeVisible();
    expect((await request.get("/dasbor/unduh?grafik=wilayah&wilayah=35.78")).status()).toBe(404);
    expect((await request.get("/dasbor/unduh?grafik=petugas&wilayah=35")).status()).toBe(404);
  });
});

test.describe("as an admin", () => {
  test.use({ storageState: authFile("admin") });

  test("queues a refresh of the statistics after confirming it, and finds it among the background jobs", async ({ page }) => {
    await page.goto("/dasbor");
    await page.getByRole("button", { name: "Segarkan statistik" }).click();
    const dialog = page.getByRole("dialog", { name: "Segarkan statistik dasbor?" });
    await dialog.getByRole("button", { name: "Ya, segarkan" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole("status").filter({ hasText: "Penyegaran statistik diantrekan" })).toBeVisible();

    await page.goto("/impor");
    const jobs = page.getByRole("table", { name: "Pekerjaan latar terbaru" });
    await expect(jobs.getByRole("row").filter({ hasText: "Segarkan statistik dasbor" }).first()).toContainText("admin");
  });
});

test.describe("figures that add up, charts that read", () => {
  test.use({ storageState: authFile("supervisor") });

  test("the worker parts add up to Kemnaker's count, on the page and in every table row", async ({ page }) => {
    await page.goto("/dasbor?ukuran=pekerja");
    const sentence = page.getByText(/^Pekerja Kemnaker [\d.]+ = terdaftar JKN/);
    await expect(sentence).toBeVisible();
    const numbers = ((await sentence.innerText()).match(/-?[\d.]+(?= |\.|$)/g) ?? []).map(count).slice(0, 5);
    const [workers, registered, inactive, gap, rest] = numbers;
    expect(registered! + inactive! + gap! + rest!).toBe(workers);
    const card = page.getByRole("region", { name: /Terdaftar dan potensi pekerja per kabupaten\/kota/ });
    const columns = await Promise.all(["Pekerja (Kemnaker)", "Pekerja terdaftar JKN", "Pekerja di BU nonaktif", "Potensi pekerja", "Pekerja tak terinci"].map((h) => column(card, h)));
    const [w, r, i, g, t] = columns;
    for (let row = 0; row < w!.rows.length; row++) expect(r!.rows[row]! + i!.rows[row]! + g!.rows[row]! + t!.rows[row]!, `row ${row + 1}`).toBe(w!.rows[row]);
    expect(r!.footer! + i!.footer! + g!.footer! + t!.footer!).toBe(w!.footer);
  });

  test("the funnel shows unassigned leads on their own and agrees with the officers' progress", async ({ page }) => {
    await page.goto("/dasbor");
    const funnel = page.getByRole("region", { name: /Corong tindak lanjut/ });
    const stages = await funnel.getByRole("table").locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [tr.children[0]!.textContent!.trim(), tr.children[1]!.textContent!.trim()]));
    expect(stages.map(([label]) => label)).toEqual(["Belum ditugaskan", "Ditugaskan", "Dihubungi", "Dikunjungi", "Terdaftar"]);
    const byStage = Object.fromEntries(stages.map(([label, value]) => [label, count(value!)]));
    const officers = page.getByRole("region", { name: /Kemajuan per petugas/ });
    if (await officers.getByRole("table").count()) {
      for (const [header, stage] of [["Ditugaskan", "Ditugaskan"], ["Dihubungi", "Dihubungi"], ["Dikunjungi", "Dikunjungi"], ["Terdaftar", "Terdaftar"]] as const) {
        const { rows } = await column(officers, header);
        expect(rows.reduce((a, b) => a + b, 0), header).toBe(byStage[stage]);
      }
    } else {
      expect(byStage.Ditugaskan).toBe(0);
    }
  });

  test("skala labels do not overlap, chart tables scroll by keyboard, and axe finds nothing", async ({ page }) => {
    await page.goto("/dasbor?ukuran=pekerja");
    const skala = page.getByRole("region", { name: /per skala usaha/ });
    const labels = skala.getByRole("figure").locator("svg text").filter({ hasText: /^(Usaha|Tidak diketahui)/ });
    await expect(labels.first()).toBeVisible();
    const boxes = (await labels.evaluateAll((texts) => texts.map((t) => t.getBoundingClientRect().toJSON() as DOMRect)));
    expect(boxes.length).toBeGreaterThan(1);
    for (let a = 0; a < boxes.length; a++)
      for (let b = a + 1; b < boxes.length; b++) {
        const [p, q] = [boxes[a]!, boxes[b]!];
        const overlap = p.left < q.right && q.left < p.right && p.top < q.bottom && q.top < p.bottom;
        expect(overlap, `labels ${a} and ${b} overlap`).toBe(false);
      }
    // Each chart's table sits in a box a keyboard can focus and scroll.
    const box = page.getByRole("group", { name: /^Tabel: Terdaftar dan potensi pekerja per kabupaten\/kota/ });
    await box.focus();
    await expect(box).toBeFocused();
    await expectNoAxeViolations(page);
  });
});

test.describe("as an officer", () => {
  test.use({ storageState: authFile("petugas") });

  test("gets 403 for the dashboard and its downloads", async ({ page, request }) => {
    expect((await page.goto("/dasbor"))?.status()).toBe(403);
    expect((await request.get("/dasbor/unduh?grafik=wilayah&wilayah=32.73")).status()).toBe(403);
  });
});
