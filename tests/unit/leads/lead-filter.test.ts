import { describe, expect, it } from "vitest";
import { LEAD_STATUSES, parseBusinessStatus } from "@/lib/leads/business-status.ts";
import { describeLeadFilter, effectiveStatuses, leadFilterProblem, parseRegionCodeList, parseStatusList } from "@/lib/leads/lead-filter.ts";

describe("parseBusinessStatus", () => {
  it.each([
    ["belum-terdaftar", "BELUM_TERDAFTAR"],
    ["BELUM_TERDAFTAR", "BELUM_TERDAFTAR"],
    ["Belum terdaftar", "BELUM_TERDAFTAR"],
    ["belum", "BELUM_TERDAFTAR"],
    ["nonaktif", "TERDAFTAR_NONAKTIF"],
    ["non-aktif", "TERDAFTAR_NONAKTIF"],
    ["Terdaftar nonaktif", "TERDAFTAR_NONAKTIF"],
    ["daftar-sebagian", "DAFTAR_SEBAGIAN"],
    ["sebagian", "DAFTAR_SEBAGIAN"],
    ["PDS", "DAFTAR_SEBAGIAN"],
    ["aktif", "TERDAFTAR_AKTIF"],
    ["terdaftar_aktif", "TERDAFTAR_AKTIF"],
  ])("reads %j as %s", (text, status) => {
    expect(parseBusinessStatus(text)).toBe(status);
  });

  it.each(["", "terdaftar", "hilang", "aktiff"])("does not guess %j", (text) => {
    expect(parseBusinessStatus(text)).toBeNull();
  });
});

describe("parseStatusList", () => {
  it("reads a comma-separated list, once each", () => {
    expect(parseStatusList(" nonaktif, Belum_Terdaftar,nonaktif ")).toEqual({ ok: true, values: ["TERDAFTAR_NONAKTIF", "BELUM_TERDAFTAR"] });
  });

  it("names the unknown words and the choices", () => {
    const result = parseStatusList("belum-terdaftar,hilang,x");
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toBe("Status tidak dikenal: hilang, x (pilihan: belum-terdaftar, nonaktif, daftar-sebagian, aktif)");
    expect(parseStatusList(" , ").ok).toBe(false);
  });
});

describe("parseRegionCodeList", () => {
  it("takes codes with or without dots and hands back dotted ones", () => {
    expect(parseRegionCodeList("3273, 35.78,32,3273")).toEqual({ ok: true, values: ["32.73", "35.78", "32"] });
  });

  it("names malformed codes", () => {
    const result = parseRegionCodeList("32.7,abc");
    expect(!result.ok && result.message).toMatch(/^Kode wilayah tidak valid: 32\.7, abc/);
  });
});

describe("effectiveStatuses", () => {
  it("is the lead statuses by default, every status with all, the given ones in a fixed order", () => {
    expect(effectiveStatuses({})).toEqual(LEAD_STATUSES);
    expect(effectiveStatuses({ all: true })).toEqual(["BELUM_TERDAFTAR", "TERDAFTAR_NONAKTIF", "DAFTAR_SEBAGIAN", "TERDAFTAR_AKTIF"]);
    expect(effectiveStatuses({ statuses: ["TERDAFTAR_AKTIF", "BELUM_TERDAFTAR"] })).toEqual(["BELUM_TERDAFTAR", "TERDAFTAR_AKTIF"]);
    expect(describeLeadFilter({ regionCodes: ["32.73"] })).toEqual({ statuses: [...LEAD_STATUSES], regionCodes: ["32.73"], all: false });
  });
});

describe("leadFilterProblem", () => {
  it("names a reversed worker range, and nothing else", () => {
    expect(leadFilterProblem({ workersMin: 50, workersMax: 10 })).toBe(
      'Jumlah pekerja "paling sedikit" (50) lebih besar dari "paling banyak" (10): tidak ada badan usaha yang bisa cocok.',
    );
    expect(leadFilterProblem({ workersMin: 10, workersMax: 50 })).toBeNull();
    expect(leadFilterProblem({ workersMin: 10, workersMax: 10 })).toBeNull();
    expect(leadFilterProblem({ workersMin: 50 })).toBeNull();
  });
});
