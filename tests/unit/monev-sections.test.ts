import { describe, expect, it } from "vitest";
import { monevHref, monevYears, parseMonevQuery, type MonevFigures } from "@/lib/monev.ts";
import { formatMonevCell, monevChartBars, monevSections } from "@/lib/monev-sections.ts";

function figures(overrides: Partial<MonevFigures> = {}): MonevFigures {
  return {
    partner: "kemnaker",
    year: 2026,
    periods: ["2026-S1", "2026-S2"],
    scopeLabel: "Semua wilayah",
    national: true,
    received: [{ period: "2026-S1", source: "kemnaker-bu", files: 1, dataRows: 10, accepted: 9, rejected: 1, duplicates: 0 }],
    rejectReasons: [],
    businesses: { total: 6, byStatus: { BELUM_TERDAFTAR: 3, TERDAFTAR_NONAKTIF: 0, DAFTAR_SEBAGIAN: 1, TERDAFTAR_AKTIF: 2 }, workersReported: 40, workerGap: 12 },
    workers: { listed: 4, here: 1, elsewhere: 1, otherSegment: 0, unregistered: 2 },
    leads: [
      { status: "BELUM_TERDAFTAR", businesses: 3 },
      { status: "TERDAFTAR_NONAKTIF", businesses: 0 },
      { status: "DAFTAR_SEBAGIAN", businesses: 1 },
    ],
    followUp: { contacted: 2, visited: 1, registeredByFollowUp: 1, registeredByImport: 0, workersRegistered: 5, workersKnownFor: 1 },
    coverage: [{ period: "2026-S1", businesses: 0, registeredActive: 0, rate: null }, { period: "2026-S2", businesses: 8, registeredActive: 2, rate: 0.25 }],
    balikan: [],
    webService: { calls: 0, refusedCalls: 0, batches: 0, records: 0, rejected: 0 },
    ...overrides,
  };
}

describe("the monev report's sections", () => {
  it("draws leads against the largest count and coverage against the whole, a missing share as a gap", () => {
    const sections = monevSections(figures());
    const leads = monevChartBars(sections.find((s) => s.id === "prospek")!);
    expect(leads).toEqual([
      { label: "Belum terdaftar", value: 3, text: "3", share: 1 },
      { label: "Terdaftar nonaktif", value: 0, text: "0", share: 0 },
      { label: "Daftar sebagian", value: 1, text: "1", share: 1 / 3 },
    ]);
    const coverage = monevChartBars(sections.find((s) => s.id === "cakupan")!);
    expect(coverage).toEqual([
      { label: "2026-S1", value: null, text: "—", share: 0 },
      { label: "2026-S2", value: 0.25, text: "25%", share: 0.25 },
    ]);
    expect(monevChartBars(sections.find((s) => s.id === "tindak-lanjut")!)).toBeNull();
  });

  it("keeps the national parts' sections in a region-scoped report, saying why they are empty", () => {
    const sections = monevSections(figures({ national: false, rejectReasons: null, balikan: null, webService: null, coverage: null, workers: null, partner: "ahu" }));
    expect(sections.map((s) => s.id)).toEqual(["diterima", "penolakan", "badan-usaha", "prospek", "tindak-lanjut", "cakupan", "balikan", "web-service"]);
    for (const id of ["penolakan", "balikan", "web-service", "cakupan"]) {
      const section = sections.find((s) => s.id === id)!;
      expect(section.rows).toEqual([]);
      expect(section.unavailable).toBeTruthy();
    }
  });

  it("writes id-ID numbers and percentages, and a dash for a missing figure", () => {
    expect(formatMonevCell(1234567, { header: "", type: "count" })).toBe("1.234.567");
    expect(formatMonevCell(0.125, { header: "", type: "percent" })).toBe("12,5%");
    expect(formatMonevCell(null, { header: "", type: "count" })).toBe("—");
  });
});

describe("the page's URL", () => {
  const now = new Date("2026-12-07T00:00:00Z");
  it("reads partner and year, falling back to Kemnaker and this year on anything else", () => {
    expect(parseMonevQuery({ mitra: "ahu", tahun: "2024" }, now)).toEqual({ partner: "ahu", year: 2024 });
    expect(parseMonevQuery({ mitra: "ahu", tahun: "2031" }, now)).toEqual({ partner: "ahu", year: 2026 });
    expect(parseMonevQuery({ mitra: "bpjs", tahun: "x" }, now)).toEqual({ partner: "kemnaker", year: 2026 });
    expect(parseMonevQuery({ mitra: ["ahu", "kemnaker"], tahun: "2019" }, now)).toEqual({ partner: "ahu", year: 2026 });
  });

  it("offers the years from the first agreement to this one, and links the page and its files", () => {
    expect(monevYears(now)).toEqual([2026, 2025, 2024, 2023]);
    expect(monevHref({ partner: "ahu", year: 2025 })).toBe("/laporan?mitra=ahu&tahun=2025");
    expect(monevHref({ partner: "ahu", year: 2025 }, "pdf")).toBe("/laporan/unduh?mitra=ahu&tahun=2025&format=pdf");
  });
});
