/**
 * Notaries as leads end to end: AHU's notary file is delivered through the `jangkau` CLI (its
 * match run writes the notary BPJS does not register as a lead of its work area); on Prospek,
 * Jenis: Notaris lists it with its badge; a supervisor assigns it; the officer of that city opens
 * it, sees the NIK and office telephone masked, and records a visit.
 */
import { randomInt } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { runJangkau } from "./fixtures/cli.ts";
import { authFile } from "./fixtures/e2e-env.ts";

const PERIOD = "2025-S2";
const STEM = `Notaris Qal${Array.from({ length: 5 }, () => "bdfgklmnprstv"[randomInt(13)]).join("")}a`;
// A Bandung NIK (region 32.73; a woman's birth day, 41–68) no participant file holds:
// unregistered, hence a lead.
const two = (n: number) => String(n).padStart(2, "0");
const NIK = `327301${two(randomInt(41, 69))}${two(randomInt(1, 13))}${two(randomInt(60, 90))}${String(randomInt(1, 9999)).padStart(4, "0")}`;
const PHONE = "022-7209876";

/** A due date a week ahead, as the date input takes it. */
function nextWeek(): string {
  return new Date(Date.now() + 7 * 3_600_000 + 7 * 86_400_000).toISOString().slice(0, 10);
}

test.describe.configure({ mode: "serial" });

let leadUrl = "";

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const dir = await mkdtemp(path.join(tmpdir(), "jangkau-e2e-notaris-"));
  try {
    const file = path.join(dir, "ahu-notaris.csv");
    await writeFile(
      file,
      "Nomor Induk Kependudukan (NIK),Nama Notaris,NPWP,Provinsi,Kabupaten/Kota,Alamat Lengkap,Nomor Telepon,Alamat Email\n" +
        `${NIK},${STEM},${NIK},JAWA BARAT,KOTA BANDUNG,Jl. Braga 12,${PHONE},kantor@notaris-uji.co.id\n`,
    );
    await runJangkau(["import", "--source", "ahu-notaris", "--period", PERIOD, "--wait", "--json", file]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test.describe("as a supervisor", () => {
  test.use({ storageState: authFile("supervisor") });

  test("filters Prospek by Jenis: Notaris, sees the badge, and assigns the notary", async ({ page }) => {
    await page.goto(`/prospek?cari=${encodeURIComponent(STEM)}`);
    const filter = page.getByRole("search", { name: "Filter prospek" });
    await filter.getByLabel("Jenis").selectOption({ label: "Notaris" });
    await filter.getByRole("button", { name: "Terapkan filter" }).click();
    await expect(page).toHaveURL(/jenis=notaris/);
    await expect(page.getByRole("link", { name: "Jenis: Notaris" })).toBeVisible();
    const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: STEM, exact: true }) });
    await expect(row).toContainText("Notaris");
    await expect(row).toContainText("Belum terdaftar");

    // Businesses only: the notary is not there.
    await page.goto(`/prospek?jenis=badan-usaha&cari=${encodeURIComponent(STEM)}`);
    await expect(page.getByRole("link", { name: STEM, exact: true })).toHaveCount(0);

    await page.goto(`/prospek?jenis=notaris&cari=${encodeURIComponent(STEM)}`);
    await page.getByRole("link", { name: STEM, exact: true }).click();
    await expect(page.getByRole("heading", { name: STEM, level: 1 })).toBeVisible();
    leadUrl = new URL(page.url()).pathname;
    const assign = page.getByRole("form", { name: "Tugaskan prospek" });
    await assign.getByLabel("Petugas").selectOption({ label: "Putri Petugas (petugas) — 32.73" });
    await assign.getByLabel("Tenggat").fill(nextWeek());
    await assign.getByRole("button", { name: "Tugaskan" }).click();
    await expect(page.getByRole("status").filter({ hasText: "1 prospek ditugaskan kepada Putri Petugas" })).toBeVisible();
  });
});

test.describe("as the officer of Kota Bandung", () => {
  test.use({ storageState: authFile("petugas") });

  test("opens the notary lead with its NIK and telephone masked, and records a visit", async ({ page }) => {
    expect(leadUrl).toMatch(/^\/prospek\/\d+$/);
    await page.goto(leadUrl);
    await expect(page.getByRole("heading", { name: STEM, level: 1 })).toBeVisible();
    const identity = page.getByRole("region", { name: "Identitas" });
    await expect(identity).toContainText("Notaris");
    await expect(identity).toContainText(`${NIK.slice(0, 4)}••••••••${NIK.slice(-4)}`);
    // No worker counts, no workers and no pengurus: a notary is no employer in Kemnaker's files.
    await expect(page.getByRole("region", { name: "Status kepesertaan dan pekerja" })).not.toContainText("Pekerja (Kemnaker)");
    await expect(page.getByRole("region", { name: /Pengurus dan sekutu/ })).toHaveCount(0);
    const contact = page.getByRole("region", { name: "Wilayah dan kontak" });
    await expect(contact).toContainText("Kota Bandung");
    await expect(contact).toContainText("•");
    const html = await page.content();
    expect(html).not.toContain(NIK);
    expect(html).not.toContain("7209876");

    const form = page.getByRole("form", { name: "Catat kegiatan tindak lanjut" });
    await form.getByLabel("Jenis kegiatan").selectOption("KUNJUNGAN");
    await form.getByLabel("Hasil").fill("Bertemu notaris, 6 staf kantor belum terdaftar");
    await form.getByLabel("Ubah status").selectOption("DIKUNJUNGI");
    await form.getByRole("button", { name: "Simpan kegiatan" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Kegiatan dicatat. Status sekarang: Dikunjungi." })).toBeVisible();
    await expect(page.getByRole("list", { name: "Riwayat tindak lanjut" }).getByRole("listitem").first()).toContainText("Bertemu notaris");
  });
});
