/**
 * Picking leads on Prospek and acting on them at once: a supervisor picks rows (across the list's
 * pages, dropped by a new filter), assigns two to an officer; the officer picks those two and one
 * that is not his, exports the three, and moves his own two to Dihubungi — the third is named,
 * not changed. Each role sees only the bulk actions it may do. The leads are delivered as partners
 * deliver them (a Kemnaker file through the `jangkau` CLI) under a name no other test uses, 53 of
 * them so the list has two pages.
 */
import { randomInt } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { makeNpwp15 } from "../lib/identifiers/npwp.ts";
import { readTableFile } from "../tests/support/table-files.ts";
import { expectNoAxeViolations } from "./fixtures/axe.ts";
import { runJangkau } from "./fixtures/cli.ts";
import { authFile } from "./fixtures/e2e-env.ts";

const PERIOD = "2025-S2";
const STEM = `Vum${Array.from({ length: 5 }, () => "bdfgklmnprstv"[randomInt(13)]).join("")}a`;
const LEADS = 53;
// Not "Cabang NN": a branch suffix leaves the name's core, and the list sorts by the core.
const name = (i: number) => `PT ${STEM} Unit ${String(i).padStart(2, "0")}`;
// The list by name: the first fifty on the first page, the last three on the second (ids follow
// from the records, so no other order is known before the page is read).
const LIST = `/prospek?cari=${encodeURIComponent(STEM)}&wilayah=32.73&urut=nama&arah=naik`;
const [A, B, C, D] = [name(1), name(2), name(3), name(4)];
const ON_PAGE_TWO = name(LEADS);

function nextWeek(): string {
  return new Date(Date.now() + 7 * 3_600_000 + 7 * 86_400_000).toISOString().slice(0, 10);
}

const bar = (page: Page) => page.getByRole("region", { name: "Prospek yang dipilih" });
const pick = (page: Page, lead: string) => page.getByRole("checkbox", { name: `Pilih ${lead}`, exact: true }).check();

/** "Ubah status yang dipilih" on the picked leads, filled as an officer would. */
async function changeStatus(page: Page, { status, kind, outcome, count }: { status: string; kind: string; outcome: string; count: number }) {
  await bar(page).getByRole("button", { name: "Ubah status yang dipilih" }).click();
  const dialog = page.getByRole("dialog", { name: "Ubah status prospek yang dipilih" });
  await dialog.getByLabel("Status baru").selectOption(status);
  await dialog.getByLabel("Jenis kegiatan").selectOption(kind);
  await dialog.getByLabel("Hasil").fill(outcome);
  await dialog.getByRole("button", { name: `Ubah status ${count} prospek` }).click();
}

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const dir = await mkdtemp(path.join(tmpdir(), "jangkau-e2e-pilihan-"));
  const serial = randomInt(900_000);
  try {
    const kemnaker = path.join(dir, "kemnaker-bu.csv");
    const rows = Array.from({ length: LEADS }, (_, i) => {
      const npwp = `0${makeNpwp15(`02${String(serial + i).padStart(6, "0")}`, "441", "000")}`;
      return `${npwp},${name(i + 1)},32.73,32.73.02,Jl. Cihampelas ${i + 1},${20 + i}`;
    });
    await writeFile(kemnaker, ["Nomor Pokok Wajib Pajak (NPWP),Nama Pemberi Kerja,Kode Kabupaten,Kode Kecamatan,Alamat,Jumlah Pekerja", ...rows].join("\n") + "\n");
    await runJangkau(["import", "--source", "kemnaker-bu", "--period", PERIOD, "--wait", "--json", kemnaker]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test.describe("as a supervisor", () => {
  test.use({ storageState: authFile("supervisor") });

  test("picks rows across pages, loses them with a new filter, and assigns three to an officer", async ({ page }) => {
    await page.goto(LIST);
    await expect(page.getByRole("link", { name: A })).toBeVisible();
    await expect(bar(page)).toHaveCount(0);

    // A whole page, then one more on the next page: the pick follows the list's pages.
    await page.getByRole("checkbox", { name: "Pilih semua di halaman ini" }).check();
    await expect(bar(page)).toContainText("50 prospek dipilih");
    await page.getByRole("navigation", { name: "Halaman prospek" }).getByRole("link", { name: "Berikutnya" }).click();
    await expect(page.getByRole("link", { name: ON_PAGE_TWO })).toBeVisible();
    await expect(bar(page)).toContainText("50 prospek dipilih (50 di halaman lain)");
    await expect(page.getByRole("checkbox", { name: "Pilih semua di halaman ini" })).not.toBeChecked();
    await pick(page, ON_PAGE_TWO);
    await expect(bar(page)).toContainText("51 prospek dipilih");

    // The supervisor assigns but does not export or record follow-ups.
    await expect(bar(page).getByRole("button", { name: "Tugaskan yang dipilih" })).toBeVisible();
    await expect(bar(page).getByRole("button", { name: "Ekspor yang dipilih" })).toHaveCount(0);
    await expect(bar(page).getByRole("button", { name: "Ubah status yang dipilih" })).toHaveCount(0);

    // Another filter is another list: the pick is gone.
    const filter = page.getByRole("search", { name: "Filter prospek" });
    await filter.getByLabel("Petugas").selectOption({ label: "Belum ditugaskan" });
    await filter.getByRole("button", { name: "Terapkan filter" }).click();
    await expect(page).toHaveURL(/petugas=belum/);
    await expect(page.getByRole("link", { name: A })).toBeVisible();
    await expect(bar(page)).toHaveCount(0);
    await expect(page.getByRole("checkbox", { name: `Pilih ${A}`, exact: true })).not.toBeChecked();

    await page.goto(LIST);
    for (const lead of [A, B, D]) await pick(page, lead);
    await expect(bar(page)).toContainText("3 prospek dipilih");
    await expectNoAxeViolations(page);

    await bar(page).getByRole("button", { name: "Tugaskan yang dipilih" }).click();
    const dialog = page.getByRole("dialog", { name: "Tugaskan prospek yang dipilih" });
    await dialog.getByLabel("Petugas").selectOption({ label: "Putri Petugas (petugas) — 32.73" });
    await dialog.getByLabel("Tenggat").fill(nextWeek());
    await expect(dialog.getByRole("status")).toContainText("3 prospek yang dipilih akan ditugaskan");
    await dialog.getByRole("button", { name: "Tugaskan 3 prospek" }).click();
    await expect(page.getByRole("status").filter({ hasText: "3 prospek ditugaskan kepada Putri Petugas" })).toBeVisible();
    await expect(bar(page)).toHaveCount(0);
    for (const lead of [A, B, D]) await expect(page.getByRole("row", { name: new RegExp(lead) })).toContainText("Putri Petugas");
    await expect(page.getByRole("row", { name: new RegExp(C) })).not.toContainText("Putri Petugas");
  });
});

test.describe("as the officer of Kota Bandung", () => {
  test.use({ storageState: authFile("petugas") });

  test("exports the picked leads, and moves his own to Dihubungi while the other is named", async ({ page }) => {
    await page.goto(LIST);
    for (const lead of [A, B, C]) await pick(page, lead);
    await expect(bar(page)).toContainText("3 prospek dipilih");
    await expect(bar(page).getByRole("button", { name: "Tugaskan yang dipilih" })).toHaveCount(0);
    await expectNoAxeViolations(page);

    await bar(page).getByRole("button", { name: "Ekspor yang dipilih" }).click();
    const exportDialog = page.getByRole("dialog", { name: "Ekspor prospek yang dipilih" });
    await expect(exportDialog).toContainText("3 baris akan diekspor");
    await exportDialog.getByRole("radio", { name: /^CSV — pemisah koma/ }).check();
    const downloading = page.waitForEvent("download");
    await exportDialog.getByRole("link", { name: "Unduh CSV" }).click();
    const download = await downloading;
    const { rows } = await readTableFile(await readFile(await download.path()), "csv");
    const nameColumn = rows[0]!.indexOf("Nama Badan Usaha");
    expect(rows.slice(1).map((row) => String(row[nameColumn])).sort()).toEqual([A, B, C]);
    // Exporting leaves the pick as it was, for the next action.
    await expect(bar(page)).toContainText("3 prospek dipilih");

    await changeStatus(page, { status: "DIHUBUNGI", kind: "TELEPON", outcome: "Diterima bagian HRD lewat telepon", count: 3 });
    await expect(
      page.getByRole("status").filter({ hasText: `2 prospek dicatat, status sekarang Dihubungi. 1 prospek tidak diubah — tidak ditugaskan kepada Anda: ${C}.` }),
    ).toBeVisible();
    for (const lead of [A, B]) await expect(page.getByRole("row", { name: new RegExp(lead) })).toContainText("Dihubungi");
    await expect(page.getByRole("row", { name: new RegExp(C) })).not.toContainText("Dihubungi");
  });

  test("keeps the answer in sight when the changed leads leave the list", async ({ page }) => {
    // His leads still at Baru: only the third one assigned, the other two moved on above.
    await page.goto(`${LIST}&petugas=saya&tindak_lanjut=baru`);
    await pick(page, D);
    await changeStatus(page, { status: "DIKUNJUNGI", kind: "KUNJUNGAN", outcome: "Bertemu pemilik usaha", count: 1 });
    await expect(page.getByText("Tidak ada prospek yang cocok dengan filter ini")).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: "1 prospek dicatat, status sekarang Dikunjungi." })).toBeVisible();
  });
});
