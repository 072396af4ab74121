import { describe, expect, it } from "vitest";
import {
  followUpQueryHref,
  nextStatuses,
  parseFollowUpQuery,
  recordActivitySchema,
  todayWib,
  transitionError,
} from "@/lib/leads/follow-up.ts";
import { maskPersonal } from "@/lib/personal-data.ts";

describe("follow-up status moves", () => {
  it("goes forwards along Baru → Dihubungi → Dikunjungi → Bersedia daftar → Terdaftar, skipping allowed", () => {
    expect(transitionError("BARU", "DIHUBUNGI")).toBeNull();
    expect(transitionError("BARU", "DIKUNJUNGI")).toBeNull();
    expect(transitionError("BERSEDIA_DAFTAR", "TERDAFTAR")).toBeNull();
    expect(transitionError("DIKUNJUNGI", "DIHUBUNGI")).toMatch(/tidak dapat mundur/);
  });

  it("allows Menolak and Tidak ditemukan from any open status, nothing from a closed one", () => {
    for (const from of ["BARU", "DIHUBUNGI", "DIKUNJUNGI", "BERSEDIA_DAFTAR"] as const) {
      expect(nextStatuses(from)).toEqual(expect.arrayContaining(["MENOLAK", "TIDAK_DITEMUKAN"]));
    }
    for (const from of ["TERDAFTAR", "MENOLAK", "TIDAK_DITEMUKAN"] as const) {
      expect(nextStatuses(from)).toEqual([]);
      expect(transitionError(from, "BARU")).toMatch(/sudah ditutup/);
    }
  });
});

describe("activity form", () => {
  const valid = { businessId: "12", kind: "KUNJUNGAN", occurredOn: todayWib(), outcome: "Bertemu HRD" };

  it("accepts today and refuses a future date, an empty outcome and an unknown kind, in Indonesian", () => {
    expect(recordActivitySchema.safeParse(valid).success).toBe(true);
    const future = recordActivitySchema.safeParse({ ...valid, occurredOn: "2999-01-01" });
    expect(future.error?.issues[0]?.message).toBe("Tanggal kegiatan tidak boleh di masa depan.");
    expect(recordActivitySchema.safeParse({ ...valid, outcome: " " }).error?.issues[0]?.message).toBe("Isi hasil kegiatan.");
    expect(recordActivitySchema.safeParse({ ...valid, kind: "CATATAN_SISTEM" }).success).toBe(false);
    expect(recordActivitySchema.safeParse({ ...valid, occurredOn: "2026-02-30" }).success).toBe(false);
  });
});

describe("Tindak Lanjut URL", () => {
  it("parses with safe defaults and writes only what differs", () => {
    expect(parseFollowUpQuery({ tampil: "rusak", halaman: "-3", petugas: "bukan-uuid", urut: "gaji", arah: "atas" })).toEqual({
      view: "terbuka",
      page: 1,
      officerId: undefined,
      sort: "tenggat",
      direction: "asc",
    });
    const query = parseFollowUpQuery({ tampil: "terlambat", halaman: "2" });
    expect(followUpQueryHref("/tindak-lanjut", query)).toBe("/tindak-lanjut?tampil=terlambat&halaman=2");
    const sorted = parseFollowUpQuery({ urut: "kegiatan", arah: "desc" });
    expect(sorted).toMatchObject({ sort: "kegiatan", direction: "desc" });
    expect(followUpQueryHref("/tindak-lanjut", sorted)).toBe("/tindak-lanjut?urut=kegiatan&arah=desc");
  });
});

describe("personal-data masks", () => {
  it("hides the middle of NIK, mobile numbers and the local part of emails", () => {
    expect(maskPersonal("nik", "3273011708450001")).toBe("3273••••••••0001");
    expect(maskPersonal("phone", "+6281234567890")).toBe("+62812•••••890");
    expect(maskPersonal("email", "budi@gmail.com")).toBe("b•••@gmail.com");
  });
});
