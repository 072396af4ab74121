/**
 * Impor Data as an admin uses it: upload a small Kemnaker file, follow the import, read the
 * summary, download the reject report and find the batch in the history; a file missing its
 * required columns is refused with a message naming them, and the form keeps what was chosen.
 * Officers get 403 on the page and on the upload route; the upload refuses other origins.
 */
import { createHash, randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import { expect, test, type Page } from "@playwright/test";
import { currentPeriod, selectablePeriods } from "../lib/imports.ts";
import { authFile } from "./fixtures/e2e-env.ts";

const HEADER = "NPWP;Nama Pemberi Kerja;Kode Kabupaten;Jumlah Pekerja";
// The oldest period the form offers, older than the demo data's: an upload of a NEWER period would
// supersede the demo's Kemnaker records for matching (after-import matching runs in the
// background) and make the leads other specs work with disappear mid-run.
const PERIOD = selectablePeriods().at(-1)!;
// The demo data's period (server/demo/demo-data/generate.ts DEFAULT_PERIOD). Once the form no
// longer offers anything older (from January 2028), this says so here instead of leads
// vanishing from other specs: move the demo data to a later period then.
const DEMO_PERIOD = "2025-S2";

test.beforeAll(() => {
  expect(PERIOD < DEMO_PERIOD, `the upload's period ${PERIOD} must be older than the demo data's ${DEMO_PERIOD}`).toBe(true);
});

/** Unique per test run, so each file's SHA-256 is new and it is imported, not skipped. */
function token(): string {
  return `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
}

async function fillUploadForm(page: Page, file: { name: string; content: string }, source = "kemnaker-bu") {
  const form = page.getByRole("form", { name: "Unggah berkas mitra" });
  await form.getByLabel("Sumber data").selectOption(source);
  await form.getByLabel("Periode").selectOption(PERIOD);
  await form.getByLabel("Berkas").setInputFiles({ name: file.name, mimeType: "text/csv", buffer: Buffer.from(file.content) });
  return form;
}

test.describe("as admin", () => {
  test.use({ storageState: authFile("admin") });

  test("uploads a Kemnaker file, follows the import, downloads the reject report and finds the batch in the history", async ({ page }) => {
    const id = token();
    const name = `wlkp-${id}.csv`;
    const content = [
      HEADER,
      `01.312.166.0-091.000;PT Unggah Sejahtera ${id};3273;120`,
      `;CV Tanpa NPWP ${id};32.04;15`,
      // No name: rejected, on line 4 of the file.
      `0013121660091000;;3273;7`,
    ].join("\r\n");

    await page.goto("/impor");
    await expect(page.getByRole("heading", { name: "Impor Data", level: 1 })).toBeVisible();
    const form = await fillUploadForm(page, { name, content });
    await expect(form.getByLabel("Kata sandi ZIP (bila ada)")).toHaveAttribute("type", "password");
    // The period is older than the demo's Kemnaker delivery: the form says so before sending.
    await expect(form.getByTestId("peringatan-periode-lama")).toContainText(`Periode ${PERIOD} lebih lama dari periode terbaru sumber ini (${DEMO_PERIOD})`);

    const upload = page.waitForResponse((r) => new URL(r.url()).pathname === "/impor/unggah" && r.request().method() === "POST");
    const firstPoll = page.waitForResponse((r) => new URL(r.url()).pathname.startsWith("/impor/status/"));
    await form.getByRole("button", { name: "Unggah dan impor" }).click();
    const accepted = await upload;
    expect(accepted.status()).toBe(202);
    const { jobId } = (await accepted.json()) as { jobId: string };
    // The page follows the job through the status route.
    const poll = await firstPoll;
    expect(new URL(poll.url()).pathname).toBe(`/impor/status/${jobId}`);
    expect(poll.status()).toBe(200);

    const summary = page.getByRole("region", { name: "Ringkasan impor" });
    await expect(summary.getByRole("status")).toHaveText("Impor selesai.");
    // …and after: an older period is stored but changes no lead.
    await expect(summary.getByTestId("ringkasan-periode-lama")).toContainText("tidak mengubah prospek");
    await expect(summary.getByTestId("ringkasan-baris-data")).toHaveText("3");
    await expect(summary.getByTestId("ringkasan-diterima")).toHaveText("2");
    await expect(summary.getByTestId("ringkasan-ditolak")).toHaveText("1");
    await expect(summary.getByTestId("ringkasan-duplikat")).toHaveText("0");
    await expect(summary.getByTestId("ringkasan-sha256")).toHaveText(createHash("sha256").update(content).digest("hex"));
    const batchId = (await summary.getByTestId("ringkasan-batch").textContent())!.trim();

    const downloading = page.waitForEvent("download");
    await summary.getByRole("link", { name: "Unduh laporan penolakan" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(new RegExp(`^laporan-penolakan-kemnaker-bu-${PERIOD}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    const report = parse(await readFile((await download.path())!), { bom: true, columns: true }) as Record<string, string>[];
    const rejected = report.filter((row) => row.Jenis === "Ditolak");
    expect(rejected).toEqual([expect.objectContaining({ Baris: "4", Kolom: "Nama Pemberi Kerja" })]);
    expect(rejected[0]!.Alasan).not.toBe("");

    // The history, refreshed when the import ended, lists the batch with who, how and the counts.
    const row = page.getByRole("table", { name: "Riwayat impor" }).getByRole("row").filter({ hasText: name });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText("Diimpor");
    await expect(row).toContainText("Unggah");
    await expect(row).toContainText("admin");
    await expect(row).toContainText(PERIOD);
    await expect(row.getByRole("link", { name: "Unduh laporan" })).toHaveAttribute("href", `/impor/laporan/${batchId}`);

    // The download is in the audit trail, with the batch as its object.
    await page.goto(`/audit?aksi=import.report_download&id_objek=${batchId}`);
    await expect(page.getByRole("table", { name: "Jejak audit" }).getByRole("row").filter({ hasText: batchId })).toHaveCount(1);
  });

  test("a file without the required columns is refused with a message naming them; the form keeps its values", async ({ page }) => {
    await page.goto("/impor");
    const form = page.getByRole("form", { name: "Unggah berkas mitra" });

    // Nothing chosen: the form says what is missing and sends nothing.
    await form.getByRole("button", { name: "Unggah dan impor" }).click();
    await expect(form.getByText("Pilih sumber data.")).toBeVisible();
    await expect(form.getByText("Pilih berkas.")).toBeVisible();

    const name = `kolom-kurang-${token()}.csv`;
    await fillUploadForm(page, { name, content: `Kode Kabupaten;Jumlah Pekerja\r\n3273;5\r\n` });
    await form.getByRole("button", { name: "Unggah dan impor" }).click();

    const alert = page.getByRole("alert").filter({ hasText: "Berkas ditolak" });
    await expect(alert).toBeVisible();
    await expect(alert).toContainText("Nama Pemberi Kerja");
    await expect(page.getByRole("region", { name: "Ringkasan impor" })).toHaveCount(0);

    await expect(form.getByLabel("Sumber data")).toHaveValue("kemnaker-bu");
    await expect(form.getByLabel("Periode")).toHaveValue(PERIOD);
    expect(await form.getByLabel("Berkas").evaluate((input: HTMLInputElement) => input.files?.[0]?.name)).toBe(name);

    const row = page.getByRole("table", { name: "Riwayat impor" }).getByRole("row").filter({ hasText: name });
    await expect(row).toContainText("Ditolak");
    await expect(row).toContainText("Nama Pemberi Kerja");
  });

  test("offers no future period and warns only for a period older than the source's newest", async ({ page }) => {
    await page.goto("/impor");
    const form = page.getByRole("form", { name: "Unggah berkas mitra" });
    const offered = await form.getByLabel("Periode").locator("option:not([disabled])").allTextContents();
    expect(offered[0]).toBe(currentPeriod());
    expect(offered.every((period) => period <= currentPeriod())).toBe(true);

    await form.getByLabel("Sumber data").selectOption("kemnaker-bu");
    await form.getByLabel("Periode").selectOption(currentPeriod());
    await expect(form.getByTestId("peringatan-periode-lama")).toHaveCount(0);
    await form.getByLabel("Periode").selectOption(PERIOD);
    await expect(form.getByTestId("peringatan-periode-lama")).toBeVisible();
  });

  test("a file uploaded under the wrong source is refused naming the source its columns fit", async ({ page }) => {
    await page.goto("/impor");
    const name = `salah-sumber-${token()}.csv`;
    const form = await fillUploadForm(page, { name, content: `${HEADER}\r\n01.312.166.0-091.000;PT Salah Sumber;3273;12\r\n` }, "ahu-entitas");
    await form.getByRole("button", { name: "Unggah dan impor" }).click();
    const alert = page.getByRole("alert").filter({ hasText: "Berkas ditolak" });
    await expect(alert).toContainText('cocok dengan sumber "Kemnaker — Badan Usaha (WLKP, Lampiran I.1)"');
  });

  test("the upload route refuses requests that do not come from Jangkau's own pages", async ({ request, baseURL }) => {
    const url = `/impor/unggah?sumber=kemnaker-bu&periode=${PERIOD}&nama=asing.csv`;
    const data = `${HEADER}\r\n;PT Asing;3273;1\r\n`;
    const foreign = await request.post(url, { data, headers: { origin: "https://situs-lain.example", "content-type": "application/octet-stream" } });
    expect(foreign.status()).toBe(403);
    expect(((await foreign.json()) as { message: string }).message).toMatch(/tidak berasal dari halaman Impor Data/);
    const noOrigin = await request.post(url, { data, headers: { "content-type": "application/octet-stream" } });
    expect(noOrigin.status()).toBe(403);
    const badPeriod = await request.post(url.replace(PERIOD, "2026-S3"), { data, headers: { origin: baseURL!, "content-type": "application/octet-stream" } });
    expect(badPeriod.status()).toBe(400);
    expect(((await badPeriod.json()) as { fieldErrors: Record<string, string> }).fieldErrors.period).toMatch(/TTTT-S1/);
  });
});

test.describe("as officer", () => {
  test.use({ storageState: authFile("petugas") });

  test("gets 403 on the page and on the upload route", async ({ page, request, baseURL }) => {
    const response = await page.goto("/impor");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "Anda tidak berhak membuka halaman ini" })).toBeVisible();

    const upload = await request.post(`/impor/unggah?sumber=kemnaker-bu&periode=${PERIOD}&nama=petugas.csv`, {
      data: `${HEADER}\r\n;PT Petugas;3273;1\r\n`,
      headers: { origin: baseURL!, "content-type": "application/octet-stream" },
      maxRedirects: 0,
    });
    expect(upload.status()).toBe(403);
  });
});
