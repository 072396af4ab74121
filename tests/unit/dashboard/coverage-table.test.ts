import { describe, expect, it } from "vitest";
import { coverageChart, funnelChart, trendChart } from "@/lib/dashboard/chart-data.ts";
import { coverageTable, formatCell, funnelTable, officerTable, tableCsvRecords, trendTable } from "@/lib/dashboard/chart-tables.ts";
import { dashboardHref, downloadHref, parseDashboardQuery } from "@/lib/dashboard/coverage.ts";
import { coverageRow, emptyByStatus, remainder, sumGroups, type CoverageGroup } from "@/lib/dashboard/coverage-table.ts";

function group(key: string, figures: Partial<Record<"BELUM_TERDAFTAR" | "TERDAFTAR_AKTIF" | "DAFTAR_SEBAGIAN" | "TERDAFTAR_NONAKTIF", [number, number, number, number]>>): CoverageGroup {
  const byStatus = emptyByStatus();
  for (const [status, [businesses, workers, registeredWorkers, workerGap]] of Object.entries(figures))
    byStatus[status as keyof typeof byStatus] = { ...byStatus[status as keyof typeof byStatus], businesses, workers, registeredWorkers, workerGap };
  return { key, label: `Wilayah ${key}`, href: `/dasbor?wilayah=${key}`, byStatus };
}

const bandung = group("32.73", { TERDAFTAR_AKTIF: [6, 300, 310, 0], DAFTAR_SEBAGIAN: [2, 100, 60, 40], TERDAFTAR_NONAKTIF: [1, 20, 15, 5], BELUM_TERDAFTAR: [3, 90, 0, 90] });
const bogor = group("32.01", { BELUM_TERDAFTAR: [4, 40, 0, 40] });

describe("coverage rows", () => {
  it("counts registered and potential businesses and workers", () => {
    expect(coverageRow(bandung)).toMatchObject({
      businesses: 12,
      coverage: 8 / 12,
      workers: 510,
      registeredWorkers: 370,
      inactiveWorkers: 15,
      workerGap: 135,
      BELUM_TERDAFTAR: 3,
    });
    expect(coverageRow(group("x", {})).coverage).toBeNull();
  });

  it("adds groups up and finds what no part holds", () => {
    const province = sumGroups("32", "Jawa Barat", [bandung, bogor, group("?", { BELUM_TERDAFTAR: [2, 10, 0, 10] })]);
    expect(coverageRow(province).businesses).toBe(18);
    const rest = remainder("", "Tanpa kabupaten/kota", province, [bandung, bogor])!;
    expect(coverageRow(rest)).toMatchObject({ businesses: 2, BELUM_TERDAFTAR: 2, workers: 10 });
    expect(remainder("", "-", sumGroups("32", "-", [bandung]), [bandung])).toBeNull();
  });
});

describe("chart tables", () => {
  it("lays a coverage table out for the page and the CSV alike, with its total", () => {
    const rows = [bandung, bogor].map(coverageRow);
    const table = coverageTable("Kabupaten/Kota", rows, coverageRow(sumGroups("32", "Jawa Barat", [bandung, bogor])));
    expect(table.headers[0]).toBe("Kabupaten/Kota");
    expect(table.rows[0]!.href).toBe("/dasbor?wilayah=32.73");
    const csv = tableCsvRecords(table);
    expect(csv[0]).toEqual(table.headers);
    expect(csv[1]).toEqual(["Wilayah 32.73", 6, 2, 1, 3, 12, 66.7, 510, 370, 15, 135, -10]);
    expect(csv.at(-1)).toEqual(["Jumlah", 6, 2, 1, 7, 16, 50, 550, 370, 15, 175, -10]);
    // The worker parts add up to Kemnaker's count, whatever the per-business gap left out.
    for (const record of csv.slice(1)) {
      const [workers, registered, inactive, gap, unreconciled] = record.slice(7) as number[];
      expect(registered! + inactive! + gap! + unreconciled!).toBe(workers);
    }
  });

  it("prints id-ID numbers and a dash for nothing", () => {
    expect(formatCell(1234567, "count")).toBe("1.234.567");
    expect(formatCell(66.7, "percent")).toBe("66,7 %");
    expect(formatCell(null, "percent")).toBe("–");
  });

  it("tabulates the trend, the funnel and the officers", () => {
    const trend = trendTable([{ period: "2025-S2", byStatus: { TERDAFTAR_AKTIF: { businesses: 5, workers: 50 }, BELUM_TERDAFTAR: { businesses: 2, workers: 7 } } }]);
    expect(trend.rows[0]!.cells).toEqual(["2025-S2", 5, 0, 0, 2, 7, 57]);
    const funnel = funnelTable([{ stage: "unassigned", count: 4 }, { stage: "assigned", count: 3 }, { stage: "contacted", count: 1 }]);
    // The stages nest (contacted ⊂ assigned): no total row.
    expect(tableCsvRecords(funnel)).toEqual([["Tahap tindak lanjut", "Jumlah prospek"], ["Belum ditugaskan", 4], ["Ditugaskan", 3], ["Dihubungi", 1]]);
    const officers = officerTable([{ officerId: "a", name: "Ani", username: "ani", assigned: 8, contacted: 4, visited: 2, converted: 1 }]);
    expect(officers.rows[0]!.cells).toEqual(["Ani", "ani", 8, 4, 2, 1, 12.5]);
    const idle = officerTable([{ officerId: "b", name: "Budi", username: "budi", assigned: 0, contacted: 0, visited: 0, converted: 0 }]);
    expect(idle.rows[0]!.cells.at(-1)).toBeNull();
  });
});

/** A group whose businesses carry Kemnaker worker rows: [listed, here, elsewhere, other segment, unregistered] per status. */
function withWorkers(base: CoverageGroup, rows: Partial<Record<keyof CoverageGroup["byStatus"], [number, number, number, number, number]>>): CoverageGroup {
  const byStatus = Object.fromEntries(Object.entries(base.byStatus).map(([status, figures]) => [status, { ...figures }])) as ReturnType<typeof emptyByStatus>;
  for (const [status, [workersListed, workersHere, workersElsewhere, workersOtherSegment, workersUnregistered]] of Object.entries(rows))
    Object.assign(byStatus[status as keyof typeof byStatus], { workersListed, workersHere, workersElsewhere, workersOtherSegment, workersUnregistered });
  return { ...base, byStatus };
}

describe("worker status (Kemnaker worker rows)", () => {
  const bandungRows = withWorkers(bandung, { DAFTAR_SEBAGIAN: [100, 60, 10, 5, 25], BELUM_TERDAFTAR: [20, 0, 4, 6, 10] });

  it("sums the listed workers by JKN status over every business status, and their coverage", () => {
    expect(coverageRow(bandungRows)).toMatchObject({ workersListed: 120, workersHere: 60, workersElsewhere: 14, workersOtherSegment: 11, workersUnregistered: 35, workerCoverage: 0.5 });
    expect(coverageRow(bogor)).toMatchObject({ workersListed: 0, workerCoverage: null });
    const province = sumGroups("32", "Jawa Barat", [bandungRows, bogor]);
    expect(coverageRow(province).workersUnregistered).toBe(35);
    expect(coverageRow(remainder("", "-", province, [bogor])!).workersListed).toBe(120);
  });

  it("tabulates them with their own columns, total included, for the page and the CSV", () => {
    const table = coverageTable("Kabupaten/Kota", [bandungRows, bogor].map(coverageRow), coverageRow(sumGroups("32", "Jawa Barat", [bandungRows, bogor])), "tenaga-kerja");
    expect(table.headers).toEqual([
      "Kabupaten/Kota",
      "Tenaga kerja (data TK Kemnaker)",
      "Terdaftar di pemberi kerja ini",
      "Terdaftar di pemberi kerja lain",
      "Terdaftar segmen lain",
      "Belum terdaftar",
      "Cakupan tenaga kerja (%)",
    ]);
    expect(tableCsvRecords(table).slice(1)).toEqual([
      ["Wilayah 32.73", 120, 60, 14, 11, 35, 50],
      ["Wilayah 32.01", 0, 0, 0, 0, 0, null],
      ["Jumlah", 120, 60, 14, 11, 35, 50],
    ]);
  });

  it("stacks the four statuses, and leaves a group without worker rows out of the chart", () => {
    const { data, series } = coverageChart([bandungRows, bogor].map(coverageRow), "tenaga-kerja");
    expect(series.map((s) => s.key)).toEqual(["workersHere", "workersElsewhere", "workersOtherSegment", "workersUnregistered"]);
    expect(data).toEqual([{ label: "Wilayah 32.73", href: "/dasbor?wilayah=32.73", workersHere: 60, workersElsewhere: 14, workersOtherSegment: 11, workersUnregistered: 35 }]);
  });

  it("names the measure in the download of a coverage chart only", () => {
    expect(downloadHref("wilayah", "32", "tenaga-kerja")).toBe("/dasbor/unduh?grafik=wilayah&wilayah=32&ukuran=tenaga-kerja");
    expect(downloadHref("wilayah", "32", "pekerja")).toBe("/dasbor/unduh?grafik=wilayah&wilayah=32");
    expect(downloadHref("corong", null, "tenaga-kerja")).toBe("/dasbor/unduh?grafik=corong");
    expect(parseDashboardQuery({ ukuran: "tenaga-kerja" }).ukuran).toBe("tenaga-kerja");
  });
});

describe("chart data", () => {
  it("stacks statuses for businesses and the three worker figures for workers", () => {
    const rows = [coverageRow(bandung)];
    expect(coverageChart(rows, "badan-usaha").data[0]).toEqual({ label: "Wilayah 32.73", href: "/dasbor?wilayah=32.73", TERDAFTAR_AKTIF: 6, DAFTAR_SEBAGIAN: 2, TERDAFTAR_NONAKTIF: 1, BELUM_TERDAFTAR: 3 });
    expect(coverageChart(rows, "pekerja").data[0]).toEqual({ label: "Wilayah 32.73", href: "/dasbor?wilayah=32.73", registeredWorkers: 370, inactiveWorkers: 15, workerGap: 135 });
  });

  it("leaves a status missing from a period as a gap, not a zero", () => {
    const { data } = trendChart([{ period: "2025-S1", byStatus: { BELUM_TERDAFTAR: { businesses: 3, workers: 9 } } }], "pekerja");
    expect(data[0]).toMatchObject({ label: "2025-S1", BELUM_TERDAFTAR: 9, TERDAFTAR_AKTIF: null });
    expect(funnelChart([{ stage: "unassigned", count: 2 }]).data).toEqual([{ label: "Belum ditugaskan", count: 2 }]);
  });
});

describe("dashboard URL", () => {
  it("reads the region and the measure with safe defaults and writes them back", () => {
    expect(parseDashboardQuery(new URLSearchParams("wilayah=32.73&ukuran=pekerja"))).toEqual({ wilayah: "32.73", ukuran: "pekerja" });
    expect(parseDashboardQuery({ ukuran: "lain" })).toEqual({ wilayah: null, ukuran: "badan-usaha" });
    expect(parseDashboardQuery({ wilayah: "x".repeat(50) }).wilayah).toBe("");
    expect(dashboardHref({ wilayah: "32", ukuran: "badan-usaha" })).toBe("/dasbor?wilayah=32");
    expect(dashboardHref({})).toBe("/dasbor");
    expect(downloadHref("tren", null)).toBe("/dasbor/unduh?grafik=tren");
  });
});
