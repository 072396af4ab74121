import { describe, expect, it } from "vitest";
import {
  ahuEntityStatus,
  ahuNotaryStatus,
  BALIKAN_PASSWORD_ALPHABET,
  balikanDueDate,
  jknSegmentLabel,
  KEMNAKER_HEADERS,
  KEMNAKER_WORKER_HEADERS,
  kemnakerActivityStatus,
  kemnakerJknStatus,
  kemnakerWorkerStatus,
  nationalPhone,
} from "@/lib/balikan.ts";

describe("data balikan rules", () => {
  it("dates a period's balikan at the end of the following semester", () => {
    expect(balikanDueDate("2025-S1").toISOString().slice(0, 10)).toBe("2025-12-31");
    expect(balikanDueDate("2025-S2").toISOString().slice(0, 10)).toBe("2026-06-30");
    expect(() => balikanDueDate("2025-S3")).toThrow();
  });

  it("writes telephone numbers in the national form partners keep as text", () => {
    expect(nationalPhone("+6281234567890")).toBe("081234567890");
    expect(nationalPhone("+62221234567")).toBe("0221234567");
    expect(nationalPhone(null)).toBe("");
  });

  it("uses a password alphabet without look-alike characters", () => {
    expect(BALIKAN_PASSWORD_ALPHABET).not.toMatch(/[0O1lIi5S2Z8Bo]/);
    expect(new Set(BALIKAN_PASSWORD_ALPHABET).size).toBe(BALIKAN_PASSWORD_ALPHABET.length);
  });

  it("keeps Lampiran II.1's 22 fields in the agreement's order", () => {
    expect(KEMNAKER_HEADERS).toHaveLength(22);
    expect(KEMNAKER_HEADERS[0]).toBe("Nomor Induk Berusaha (NIB)");
    expect(KEMNAKER_HEADERS.slice(-2)).toEqual(["Status Terdaftar JKN", "Status Keaktifan Badan Usaha"]);
  });

  it("words a business's JKN status as each agreement does: registered at all, active only when registered", () => {
    const yes = { registered: true, active: true };
    const inactive = { registered: true, active: false };
    const no = { registered: false, active: null };
    expect([yes, inactive, no].map(ahuEntityStatus)).toEqual(["Terdaftar", "Terdaftar", "Tidak terdaftar"]);
    expect([yes, no].map(kemnakerJknStatus)).toEqual(["Sudah terdaftar JKN", "Belum terdaftar JKN"]);
    expect([yes, inactive, no].map(kemnakerActivityStatus)).toEqual(["Aktif", "Tidak aktif", null]);
  });

  it("says a status BPJS's data leaves blank is unknown, in every file, instead of reading it as Aktif", () => {
    const activityUnknown = { registered: true, active: null };
    const registrationUnknown = { registered: null, active: null };
    expect(kemnakerActivityStatus(activityUnknown)).toBe("Tidak diketahui");
    expect(ahuNotaryStatus(activityUnknown)).toBe("Tidak diketahui");
    expect(kemnakerWorkerStatus(activityUnknown).statusAktif).toBe("Tidak diketahui");
    expect([ahuEntityStatus, kemnakerJknStatus, kemnakerActivityStatus, ahuNotaryStatus].map((word) => word(registrationUnknown))).toEqual(
      Array(4).fill("Tidak diketahui"),
    );
  });

  it("spells each agreement's own status words: AHU's lower-case after the first letter, Kemnaker's as Lampiran II", () => {
    expect(ahuNotaryStatus({ registered: true, active: false })).toBe("Tidak aktif");
    expect(ahuNotaryStatus({ registered: false, active: null })).toBe("Tidak terdaftar");
    expect(kemnakerActivityStatus({ registered: true, active: false })).toBe("Tidak aktif");
  });

  it("keeps Lampiran II.2's 8 worker fields in the agreement's order", () => {
    expect(KEMNAKER_WORKER_HEADERS).toEqual([
      "Nomor Induk Kependudukan/NIK",
      "Nomor Paspor",
      "Nomor Induk Orang Asing (NIORA)",
      "Kartu Izin Tinggal Terbatas/KITAS",
      "Segmentasi Kepesertaan JKN",
      "Status Terdaftar JKN",
      "Status Aktif",
      "Tahun Kepesertaan JKN",
    ]);
  });

  it("words a worker's participation: not registered without a participant, active only when registered", () => {
    expect(kemnakerWorkerStatus(null)).toEqual({ registered: false, statusTerdaftarJkn: "Belum terdaftar JKN", statusAktif: null });
    expect(kemnakerWorkerStatus({ registered: false, active: true })).toEqual({ registered: false, statusTerdaftarJkn: "Belum terdaftar JKN", statusAktif: null });
    expect(kemnakerWorkerStatus({ registered: true, active: false })).toEqual({ registered: true, statusTerdaftarJkn: "Sudah terdaftar JKN", statusAktif: "Tidak aktif" });
    expect(kemnakerWorkerStatus({ registered: null, active: null })).toEqual({ registered: null, statusTerdaftarJkn: "Tidak diketahui", statusAktif: "Tidak diketahui" });
  });

  it("words a notary's status and segment", () => {
    expect([{ registered: true, active: true }, { registered: true, active: false }, { registered: false, active: null }].map(ahuNotaryStatus)).toEqual([
      "Aktif",
      "Tidak aktif",
      "Tidak terdaftar",
    ]);
    expect([jknSegmentLabel("PBPU_PEMDA"), jknSegmentLabel("PPU_BU"), jknSegmentLabel("LAIN"), jknSegmentLabel(null)]).toEqual(["PBPU Pemda", "PPU BU", "LAIN", null]);
  });
});
