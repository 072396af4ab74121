/**
 * The admin's way of setting up a partner's SFTP drop: add the server on Impor Data › Sumber
 * SFTP, test the connection and pin the host key it shows, pull now, and see the file imported
 * in the summary and the history. Against a real OpenSSH server (tests/support/sshd.ts).
 */
import { randomBytes } from "node:crypto";
import { utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { startTestSshd, type TestSshd } from "../tests/support/sshd.ts";
import { confirmIdentity } from "./fixtures/auth.ts";
import { authFile } from "./fixtures/e2e-env.ts";

test.use({ storageState: authFile("admin") });

let sshd: TestSshd;

test.beforeAll(async () => {
  sshd = await startTestSshd();
});

test.afterAll(async () => {
  await sshd?.stop();
});

test("admin adds a partner SFTP server, pins its host key, pulls a file and sees it imported", async ({ page }) => {
  const token = randomBytes(4).toString("hex");
  const name = `mitra-${token}`;
  const fileName = `WLKP_${token}.csv`;
  const file = path.join(sshd.filesDir, fileName);
  await writeFile(
    file,
    "NPWP;Nama Pemberi Kerja;Kode Kabupaten;Nama Kabupaten\r\n;PT Sftp Uji " + token + ";3273;KOTA BANDUNG\r\n;CV Sftp Dua " + token + ";3273;KOTA BANDUNG\r\n",
    { mode: 0o644 },
  );
  const march = new Date("2025-03-10T02:00:00Z");
  await utimes(file, march, march);

  await page.goto("/impor/sftp");
  await expect(page.getByRole("heading", { name: "Sumber SFTP", level: 1 })).toBeVisible();
  // Storing a partner's credentials needs a recent identity confirmation.
  await confirmIdentity(page);
  await page.getByRole("button", { name: "Tambah sumber SFTP" }).click();
  const dialog = page.getByRole("dialog", { name: "Tambah sumber SFTP" });
  await dialog.getByLabel("Nama sumber", { exact: true }).fill(name);
  await dialog.getByLabel("Alamat server", { exact: true }).fill(sshd.host);
  await dialog.getByLabel("Port", { exact: true }).fill(String(sshd.port));
  await dialog.getByLabel("Nama pengguna SFTP", { exact: true }).fill(sshd.username);
  await dialog.getByLabel("Kata sandi SFTP", { exact: true }).fill(sshd.password);
  await dialog.getByLabel("Pola nama berkas", { exact: true }).fill("WLKP_*.csv");
  await dialog.getByLabel("Sumber data", { exact: true }).selectOption("kemnaker-bu");
  // A pull schedule is cron text in WIB, checked field by field.
  const schedule = dialog.getByLabel("Jadwal tarik otomatis (opsional)", { exact: true });
  await schedule.fill("0 25 * * *");
  await dialog.getByRole("button", { name: "Simpan", exact: true }).click();
  await expect(dialog.getByText(/Bagian jam \(`25`\) tidak sah/)).toBeVisible();
  await schedule.fill("0 6 1 1 *");
  await dialog.getByRole("button", { name: "Simpan", exact: true }).click();
  await expect(page.getByText(`Sumber SFTP ${name} disimpan.`)).toBeVisible();

  const card = page.getByRole("article", { name });
  await expect(card).toContainText("0 6 1 1 *");
  await expect(card).toContainText("Kunci host belum disematkan");
  await expect(card).toContainText("Kata sandi: tersimpan");

  // "Uji koneksi" shows the fingerprint to confirm with the partner; the admin pins it.
  await card.getByRole("button", { name: "Uji koneksi" }).click();
  const test_ = card.getByRole("region", { name: "Hasil uji koneksi" });
  await expect(test_).toContainText(sshd.hostKeyFingerprint);
  await expect(test_).toContainText("1 cocok dengan pola");

  await card.getByRole("button", { name: "Ubah" }).click();
  const edit = page.getByRole("dialog", { name: `Ubah sumber SFTP ${name}` });
  await expect(edit.getByLabel("Kata sandi SFTP", { exact: true })).toHaveValue("");
  await edit.getByLabel("Sidik jari kunci host (SHA256)", { exact: true }).fill(sshd.hostKeyFingerprint);
  await edit.getByRole("button", { name: "Simpan", exact: true }).click();
  await expect(page.getByText(`Perubahan sumber SFTP ${name} disimpan.`)).toBeVisible();
  await expect(card).not.toContainText("Kunci host belum disematkan");
  await expect(card).toContainText(sshd.hostKeyFingerprint);

  // The pull is queued; the server's worker pulls and imports the file.
  await card.getByRole("button", { name: "Tarik sekarang" }).click();
  await expect(card.getByRole("status").filter({ hasText: "Penarikan diantrekan" })).toBeVisible();

  const history = page.getByRole("table", { name: "Riwayat pengambilan berkas SFTP" }).getByRole("row").filter({ hasText: fileName });
  await expect(async () => {
    await page.reload();
    await expect(history).toContainText("Diimpor", { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(history).toContainText(name);
  await expect(history).toContainText("2025-S1");

  // The Impor page lists the pull among the background jobs, done, in the admin's name.
  await page.goto("/impor");
  const job = page.getByRole("table", { name: "Pekerjaan latar terbaru" }).getByRole("row").filter({ hasText: name });
  await expect(job).toContainText("Tarik SFTP");
  await expect(job).toContainText("Selesai");
  await expect(job).toContainText("admin");

  // The password went in once and never comes back out.
  expect(await page.content()).not.toContain(sshd.password);

  // Deactivating stops the scheduled pulls, so it asks first; Batal changes nothing.
  await page.goto("/impor/sftp");
  const active = page.getByRole("article", { name });
  await active.getByRole("button", { name: "Nonaktifkan" }).click();
  const confirm = page.getByRole("dialog", { name: `Nonaktifkan sumber SFTP ${name}?` });
  await expect(confirm).toContainText("Penarikan terjadwal");
  await confirm.getByRole("button", { name: "Batal" }).click();
  await expect(confirm).toBeHidden();
  await expect(active).toContainText("Aktif");
  await expect(active.getByRole("button", { name: "Tarik sekarang" })).toBeEnabled();
  await active.getByRole("button", { name: "Nonaktifkan" }).click();
  await confirm.getByRole("button", { name: "Nonaktifkan", exact: true }).click();
  await expect(confirm).toBeHidden();
  await expect(active.getByRole("button", { name: "Aktifkan" })).toBeVisible();
  await expect(active.getByRole("button", { name: "Tarik sekarang" })).toBeDisabled();
});
