import { describe, expect, it } from "vitest";
import { bestMatchingSource, betterFitProblem, withBetterSourceHint } from "@/server/ingest/best-matching-source.ts";

const KEMNAKER_BU = ["NPWP", "Nama Pemberi Kerja", "Nomor Induk Berusaha (NIB)", "Kode Kabupaten", "Nama Kabupaten", "Jumlah Pekerja"];

describe("the source a header row fits", () => {
  it("names the source a file filed under the wrong one does fit", () => {
    expect(bestMatchingSource(KEMNAKER_BU, "ahu-entitas")).toBe("kemnaker-bu");
    expect(withBetterSourceHint("Kolom wajib tidak ditemukan: Jenis Entitas", KEMNAKER_BU, "ahu-entitas")).toBe(
      'Kolom wajib tidak ditemukan: Jenis Entitas. Kolom berkas ini cocok dengan sumber "Kemnaker — Badan Usaha (WLKP, Lampiran I.1)": pilih sumber itu lalu impor lagi.',
    );
  });

  it("names nothing when no other source fits, or only the one it was filed under", () => {
    expect(bestMatchingSource(["Nama", "Alamat"], "ahu-entitas")).toBeNull();
    expect(bestMatchingSource(KEMNAKER_BU, "kemnaker-bu")).toBeNull();
    expect(withBetterSourceHint("Kolom wajib tidak ditemukan: Jenis Entitas", ["Nama", "Alamat"], "ahu-entitas")).toBe(
      "Kolom wajib tidak ditemukan: Jenis Entitas",
    );
  });

  it("refuses a file that has its source's required columns when another source recognises more of them", () => {
    // A Kemnaker list has a name column, all an AHU entity file requires; a pengurus list too.
    expect(betterFitProblem(KEMNAKER_BU, "ahu-entitas")).toMatch(/lebih cocok dengan sumber "Kemnaker — Badan Usaha \(WLKP, Lampiran I\.1\)"/);
    const pengurus = ["NPWP Entitas", "Nama Entitas", "Nama Pengurus/Sekutu", "Jabatan", "Alamat Email", "Nomor Handphone", "NIK"];
    expect(betterFitProblem(pengurus, "ahu-entitas")).toMatch(/lebih cocok dengan sumber "AHU — Pengurus dan Sekutu"/);
  });

  it("lets a file through that fits its own source as well as any other", () => {
    const entity = ["Nama Entitas", "NPWP", "Provinsi", "Kabupaten/Kota", "Alamat Lengkap", "Nomor Telepon Perusahaan", "Jenis Usaha (KBLI)", "Pengurus dan Sekutu"];
    expect(betterFitProblem(entity, "ahu-entitas")).toBeNull();
    expect(betterFitProblem(KEMNAKER_BU, "kemnaker-bu")).toBeNull();
  });
});
