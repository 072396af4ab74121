/**
 * Tindak lanjut end to end: a supervisor assigns every lead of a list filter to an officer, the
 * officer finds them in Tindak Lanjut Saya, opens one, sees its pengurus' NIK and mobile number
 * masked, reveals them, records a visit that moves the status, and sees it in the timeline; an
 * officer of another city gets "not found" for the same URL. The two businesses are delivered
 * the way partners deliver data (a Kemnaker and an AHU file through the `jangkau` CLI, whose
 * matching links the pengurus) under a name no other test uses.
 */
import { randomInt } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { makeNpwp15 } from "../lib/identifiers/npwp.ts";
import { newSignedInContext } from "./fixtures/auth.ts";
import { runJangkau } from "./fixtures/cli.ts";
import { authFile, DEMO_PASSWORD } from "./fixtures/e2e-env.ts";

const PERIOD = "2025-S2";
const STEM = `Qel${Array.from({ length: 5 }, () => "bdfgklmnprstv"[randomInt(13)]).join("")}o`;
const NAME_A = `PT ${STEM} Sentosa Abadi`;
const NAME_B = `CV ${STEM} Maju Bersama`;
const npwp = () => `0${makeNpwp15(`01${String(randomInt(1_000_000)).padStart(6, "0")}`, "441", "000")}`;
const NIK = "3273011708450001";

/** A due date a week ahead, as the date input takes it. */
function nextWeek(): string {
  const day = new Date(Date.now() + 7 * 3_600_000 + 7 * 86_400_000);
  return day.toISOString().slice(0, 10);
}

test.describe.configure({ mode: "serial" });

let leadUrl = "";

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const dir = await mkdtemp(path.join(tmpdir(), "jangkau-e2e-tindak-lanjut-"));
  const [npwpA, npwpB] = [npwp(), npwp()];
  try {
    const kemnaker = path.join(dir, "kemnaker-bu.csv");
    await writeFile(
      kemnaker,
      [
        "Nomor Pokok Wajib Pajak (NPWP),Nama Pemberi Kerja,Kode Kabupaten,Kode Kecamatan,Alamat,Jumlah Pekerja",
        `${npwpA},${NAME_A},32.73,32.73.02,Jl. Dago 21,85`,
        `${npwpB},${NAME_B},32.73,32.73.02,Jl. Dipatiukur 3,20`,
      ].join("\n") + "\n",
    );
    const pengurus = path.join(dir, "ahu-pengurus.csv");
    await writeFile(
      pengurus,
      "NPWP Entitas,Nama Entitas,Nama Pengurus/Sekutu,Jabatan,Alamat Email,Nomor Handphone,Nomor Induk Kependudukan (NIK)\n" +
        `${npwpA},${NAME_A},Budi Santoso,Direktur Utama,budi.santoso@gmail.com,081298765432,${NIK}\n`,
    );
    await runJangkau(["import", "--source", "kemnaker-bu", "--period", PERIOD, "--wait", "--json", kemnaker]);
    await runJangkau(["import", "--source", "ahu-pengurus", "--period", PERIOD, "--wait", "--json", pengurus]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test.describe("as a supervisor", () => {
  test.use({ storageState: authFile("supervisor") });

  test("assigns every lead of a list filter to an officer, after confirming the count", async ({ page }) => {
    await page.goto(`/prospek?cari=${encodeURIComponent(STEM)}&wilayah=32.73`);
    await expect(page.getByRole("link", { name: NAME_A })).toBeVisible();
    await expect(page.getByRole("link", { name: NAME_B })).toBeVisible();

    await page.getByRole("button", { name: "Tugaskan semua hasil filter" }).click();
    const dialog = page.getByRole("dialog", { name: "Tugaskan semua hasil filter" });
    await dialog.getByLabel("Petugas").selectOption({ label: "Putri Petugas (petugas) — 32.73" });
    await dialog.getByLabel("Tenggat").fill(nextWeek());
    await dialog.getByRole("button", { name: "Hitung prospek" }).click();
    await expect(dialog.getByRole("status")).toContainText("2 prospek akan ditugaskan");
    await dialog.getByRole("button", { name: "Tugaskan 2 prospek" }).click();
    await expect(page.getByRole("status").filter({ hasText: "2 prospek ditugaskan kepada Putri Petugas" })).toBeVisible();
  });
});

test.describe("as the officer of Kota Bandung", () => {
  test.use({ storageState: authFile("petugas") });

  test("hears of the assignment through the bell and opens it from the inbox", async ({ page }) => {
    await page.goto("/tindak-lanjut");
    const bell = page.getByTestId("notification-bell");
    await expect(bell).toHaveAccessibleName(/^Pemberitahuan: \d+ belum dibaca$/);
    await bell.click();
    await expect(page).toHaveURL("/akun/pemberitahuan");
    const notice = page.getByTestId("notification").filter({ hasText: "2 prospek ditugaskan kepada Anda" }).filter({ hasText: "oleh supervisor" }).first();
    await expect(notice).toHaveAttribute("data-read", "false");
    await expect(notice).toContainText("Penugasan prospek");
    await notice.getByRole("button", { name: /^Buka/ }).click();
    await expect(page).toHaveURL("/tindak-lanjut");
    await page.goto("/akun/pemberitahuan");
    await expect(page.getByTestId("notification").filter({ hasText: "2 prospek ditugaskan kepada Anda" }).first()).toHaveAttribute("data-read", "true");
    // The address for mail is the user's own setting; this server has no SMTP, and says so.
    await expect(page.getByRole("note")).toContainText("belum diatur untuk mengirim surel");
  });

  test("finds the lead in Tindak Lanjut Saya, reveals masked data, records a visit", async ({ page }) => {
    await page.goto("/tindak-lanjut");
    await expect(page.getByRole("heading", { name: "Tindak Lanjut Saya", level: 1 })).toBeVisible();
    await expect(page.getByRole("link", { name: NAME_B })).toBeVisible();
    await page.getByRole("link", { name: NAME_A }).click();
    await expect(page.getByRole("heading", { name: NAME_A, level: 1 })).toBeVisible();
    leadUrl = new URL(page.url()).pathname;

    const officers = page.getByRole("region", { name: /Pengurus dan sekutu/ });
    const row = officers.getByRole("row", { name: /Budi Santoso/ });
    await expect(row).toContainText("3273••••••••0001");
    await expect(row).toContainText("+62812•••••432");
    await expect(row).toContainText("b•••@gmail.com");
    expect(await page.content()).not.toContain(NIK);

    // Masked values are no links: their clear text is not on the page.
    await expect(row.getByRole("link")).toHaveCount(0);
    await page.getByRole("button", { name: "Tampilkan" }).click();
    await expect(row).toContainText(NIK);
    await expect(row).toContainText("+6281298765432");
    // Revealed, the number dials and the address writes, with one tap in the field.
    await expect(row.getByRole("link", { name: "+6281298765432" })).toHaveAttribute("href", "tel:+6281298765432");
    await expect(row.getByRole("link", { name: "budi.santoso@gmail.com" })).toHaveAttribute("href", "mailto:budi.santoso@gmail.com");

    const form = page.getByRole("form", { name: "Catat kegiatan tindak lanjut" });
    await form.getByLabel("Jenis kegiatan").selectOption("KUNJUNGAN");
    await form.getByLabel("Hasil").fill("Bertemu bagian HRD, bersedia dikunjungi lagi");
    await form.getByLabel("Ubah status").selectOption("DIKUNJUNGI");
    await form.getByRole("button", { name: "Simpan kegiatan" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Kegiatan dicatat. Status sekarang: Dikunjungi." })).toBeVisible();

    const timeline = page.getByRole("list", { name: "Riwayat tindak lanjut" });
    await expect(timeline.getByRole("listitem").first()).toContainText("Kunjungan");
    await expect(timeline.getByRole("listitem").first()).toContainText("Baru → Dikunjungi");
    await expect(timeline.getByRole("listitem").first()).toContainText("Bertemu bagian HRD");
  });
});

test("an officer of Kota Surabaya gets not found for that lead", async ({ browser }) => {
  expect(leadUrl).toMatch(/^\/prospek\/\d+$/);
  const context = await newSignedInContext(browser, "petugas2", DEMO_PASSWORD);
  try {
    const page = await context.newPage();
    const response = await page.goto(leadUrl);
    expect(response?.status()).toBe(404);
    await expect(page.getByText(NAME_A)).toHaveCount(0);
  } finally {
    await context.close();
  }
});
