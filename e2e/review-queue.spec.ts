/**
 * Tinjauan Pencocokan as a supervisor uses it. A grey-zone pair is delivered the way partners
 * deliver data — an AHU file and a BPJS file imported with the `jangkau` CLI, whose matching
 * puts the pair in the queue — under a name no other test uses, so the test does not depend on
 * what the demo data happens to hold.
 */
import { randomInt } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { runJangkau } from "./fixtures/cli.ts";
import { authFile } from "./fixtures/e2e-env.ts";

// The demo data's period (server/demo/demo-data/generate.ts DEFAULT_PERIOD): the same period keeps
// the demo's own AHU and BPJS records current beside ours.
const PERIOD = "2025-S2";
// A made-up word, rare among all names: with one typo in the next word and different districts,
// the two names score in the review band (server/matching/score-pair.ts).
const STEM = `Zor${Array.from({ length: 5 }, () => "bdfgklmnprstv"[randomInt(13)]).join("")}a`;
const AHU_NAME = `PT ${STEM} Kelindra Abadi`;
const BPJS_NAME = `PT ${STEM} Kelindro Abadi`;

test.describe("as a supervisor", () => {
  test.use({ storageState: authFile("supervisor") });

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    const dir = await mkdtemp(path.join(tmpdir(), "jangkau-e2e-tinjauan-"));
    try {
      const ahu = path.join(dir, "ahu-entitas.csv");
      await writeFile(ahu, `Nama Entitas,Jenis Entitas,Provinsi,Kabupaten/Kota,Kecamatan,Alamat Lengkap\n${AHU_NAME},PT,Jawa Barat,Kota Bandung,Sukasari,Jl. Setiabudi 12\n`);
      const bpjs = path.join(dir, "bpjs-bu.csv");
      await writeFile(
        bpjs,
        `NPWP,Nama Badan Usaha,Kode Kabupaten,Kode Kecamatan,Alamat,Status Terdaftar JKN,Status Keaktifan Badan Usaha\n,${BPJS_NAME},32.73,32.73.02,Gg. Kenanga 7,Belum,Tidak aktif\n`,
      );
      // Each import runs the matching of its batch, as every delivery does.
      await runJangkau(["import", "--source", "ahu-entitas", "--period", PERIOD, "--wait", "--json", ahu]);
      await runJangkau(["import", "--source", "bpjs-bu", "--period", PERIOD, "--wait", "--json", bpjs]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test("compares the two records side by side, and confirms them as one business", async ({ page, browser }) => {
    await page.goto("/tinjauan");
    await expect(page.getByRole("heading", { name: "Tinjauan Pencocokan", level: 1 })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Status pasangan" }).getByRole("link", { name: "Menunggu" })).toHaveAttribute("aria-current", "page");

    const pair = page.getByRole("article", { name: new RegExp(STEM) });
    await expect(pair).toBeVisible();
    await expect(pair).toContainText(/Skor kecocokan \d+(,\d)?%/);
    const table = pair.getByRole("table");
    await expect(table.getByRole("row", { name: /^Nama/ })).toContainText(AHU_NAME);
    await expect(table.getByRole("row", { name: /^Nama/ })).toContainText(BPJS_NAME);
    await expect(table.getByRole("row", { name: /^Kecamatan/ })).toContainText("Sukasari");
    await expect(table.getByRole("row", { name: /^Kecamatan/ })).toContainText("Coblong");
    await expect(table.getByRole("row", { name: /^Kecamatan/ })).toContainText("Berbeda");
    await expect(table.getByRole("row", { name: /^Kabupaten\/Kota/ })).toContainText("Kota Bandung (32.73)");

    // From the keyboard: open the "different" confirmation, then leave it with Escape.
    await pair.getByRole("button", { name: /^Berbeda \(pisahkan\)/ }).focus();
    await page.keyboard.press("Enter");
    const separate = page.getByRole("dialog", { name: "Pisahkan kedua catatan?" });
    await expect(separate).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(separate).toBeHidden();
    await expect(pair).toBeVisible();

    await pair.getByRole("button", { name: /^Sama \(gabungkan\)/ }).click();
    const join = page.getByRole("dialog", { name: "Gabungkan kedua catatan?" });
    await join.getByLabel("Catatan (opsional)").fill("Alamat lama dan baru, dicek lewat telepon.");
    await join.getByRole("button", { name: "Ya, gabungkan" }).click();
    // Saved at once; the re-match is queued for a worker (a supervisor gets no link to the jobs list).
    const notice = page.getByRole("status").filter({ hasText: "Keputusan disimpan" });
    await expect(notice).toContainText(/Pencocokan ulang #\d+ diantrekan/);
    await expect(notice.getByRole("link")).toHaveCount(0);
    await expect(join).toBeHidden();
    await expect(pair).toHaveCount(0);

    // Decided pairs are listed under their status, with who decided and the note.
    await page.getByRole("navigation", { name: "Status pasangan" }).getByRole("link", { name: "Dikonfirmasi" }).click();
    await expect(page).toHaveURL("/tinjauan?status=dikonfirmasi");
    const decided = page.getByRole("article", { name: new RegExp(STEM) });
    await expect(decided).toContainText("Dikonfirmasi oleh supervisor");
    await expect(decided).toContainText("Alamat lama dan baru, dicek lewat telepon.");
    await expect(decided.getByRole("button")).toHaveCount(0);

    // The decision is in the audit trail, as the admin finds it.
    const admin = await browser.newContext({ storageState: authFile("admin") });
    try {
      const audit = await admin.newPage();
      await audit.goto("/audit?aksi=match.review_confirm&pelaku=supervisor");
      const row = audit.getByRole("table", { name: "Jejak audit" }).getByRole("row").filter({ hasText: "match.review_confirm" });
      await expect(row.first()).toContainText("match_review");
    } finally {
      await admin.close();
    }
  });
});

test.describe("as an officer", () => {
  test.use({ storageState: authFile("petugas") });

  test("gets 403 and no navigation entry", async ({ page }) => {
    const response = await page.goto("/tinjauan");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "Anda tidak berhak membuka halaman ini" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Navigasi utama" }).getByRole("link", { name: "Tinjauan Pencocokan" })).toHaveCount(0);
  });
});
