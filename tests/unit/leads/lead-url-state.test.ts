import { describe, expect, it } from "vitest";
import { kbliSection as sectionOfKbliCode } from "@/lib/identifiers/kbli.ts";
import { kbliPrefixRange, kbliSectionRange, kbliSection } from "@/lib/leads/kbli-sections.ts";
import {
  changeLeadListState,
  DEFAULT_LEAD_COLUMNS,
  emptyLeadListState,
  identifierSearch,
  leadListHref,
  leadListSearchParams,
  parseLeadListState,
  type LeadListState,
} from "@/lib/leads/lead-url-state.ts";

const USER = "5f0c3a1e-8b7d-4c2a-9e61-0a1b2c3d4e5f";

describe("parseLeadListState", () => {
  it("defaults: every lead, by priority, default columns", () => {
    expect(parseLeadListState(new URLSearchParams())).toEqual(emptyLeadListState());
  });

  it("reads every filter from Indonesian parameter names", () => {
    const state = parseLeadListState(
      new URLSearchParams(
        "wilayah=3273,32.73.01&skala=kecil,mikro&status=nonaktif,belum-terdaftar&sumber=kemnaker-bu&kategori=c&kbli=471" +
          "&pekerja_min=10&pekerja_maks=500&tindak_lanjut=belum,dihubungi&petugas=saya&cari=%20sinar%20jaya%20&urut=pekerja&arah=naik&kolom=npwp,nama,status",
      ),
    );
    expect(state.filter).toEqual({
      regionCodes: ["32.73", "32.73.01"],
      scales: ["MIKRO", "KECIL"],
      statuses: ["BELUM_TERDAFTAR", "TERDAFTAR_NONAKTIF"],
      sources: ["kemnaker-bu"],
      kbliSection: "C",
      kbli: "471",
      workersMin: 10,
      workersMax: 500,
      followUpStatuses: ["BELUM_DITINDAKLANJUTI", "DIHUBUNGI"],
      assignedTo: "saya",
      q: "sinar jaya",
    });
    expect(state.sort).toBe("pekerja");
    expect(state.direction).toBe("asc");
    // "nama" is not a column key; name is always shown.
    expect(state.columns).toEqual(["name", "status", "npwp"]);
  });

  it("drops what it cannot read instead of failing", () => {
    const state = parseLeadListState({
      wilayah: "32.7,abc",
      skala: "raksasa",
      status: "hilang",
      kategori: "Z",
      kbli: "4a",
      pekerja_min: "-3",
      pekerja_maks: "banyak",
      petugas: "bukan-id",
      urut: "warna",
      arah: "samping",
      setelah: "<script>",
      kolom: "rahasia",
    });
    expect(state.filter).toEqual({});
    expect(state.sort).toBe("prioritas");
    expect(state.direction).toBe("desc");
    expect(state.cursor).toBeNull();
    expect(state.columns).toEqual(DEFAULT_LEAD_COLUMNS);
  });

  it("reads and writes the unregistered-workers minimum (the worker gap)", () => {
    const state = parseLeadListState(new URLSearchParams("belum_terdaftar_min=25&urut=selisih"));
    expect(state.filter).toEqual({ gapMin: 25 });
    expect(state.sort).toBe("selisih");
    expect(leadListHref(state)).toBe("/prospek?belum_terdaftar_min=25&urut=selisih");
    expect(parseLeadListState({ belum_terdaftar_min: "-1" }).filter).toEqual({});
    expect(parseLeadListState({ belum_terdaftar_min: "sepuluh" }).filter).toEqual({});
  });

  it("takes a user id for the officer, and the first of repeated parameters", () => {
    expect(parseLeadListState({ petugas: USER.toUpperCase() }).filter.assignedTo).toBe(USER);
    expect(parseLeadListState({ skala: ["besar", "mikro"] }).filter.scales).toEqual(["BESAR"]);
  });

  it("sorts by name match while searching a name, not an NPWP", () => {
    expect(parseLeadListState({ cari: "berkah" }).sort).toBe("relevansi");
    expect(parseLeadListState({ cari: "0013121660091000" }).sort).toBe("prioritas");
    expect(parseLeadListState({ urut: "relevansi" }).sort).toBe("prioritas");
  });
});

describe("leadListSearchParams", () => {
  it("round-trips any state, writing only what differs from the defaults", () => {
    const urls = [
      "",
      "wilayah=32.73.01&skala=mikro,kecil",
      "status=aktif&semua=1&sumber=ahu-entitas,bpjs-bu&kategori=G&kbli=47",
      "pekerja_min=5&tindak_lanjut=belum&petugas=belum&urut=nama",
      `petugas=${USER}&cari=sinar&urut=pekerja&arah=naik&setelah=abc_-12&kolom=name,npwp,nib`,
    ];
    for (const url of urls) {
      const state = parseLeadListState(new URLSearchParams(url));
      expect(leadListSearchParams(state).toString()).toBe(new URLSearchParams(url).toString());
      expect(parseLeadListState(leadListSearchParams(state))).toEqual(state);
    }
  });

  it("writes lists in canonical order, so one view is one link", () => {
    const a = parseLeadListState({ skala: "besar,mikro", status: "daftar-sebagian,belum-terdaftar" });
    const b = parseLeadListState({ skala: "mikro,besar", status: "belum-terdaftar,daftar-sebagian" });
    expect(leadListHref(a)).toBe(leadListHref(b));
    expect(leadListHref(a)).toBe("/prospek?skala=mikro%2Cbesar&status=belum-terdaftar%2Cdaftar-sebagian");
  });
});

describe("changeLeadListState", () => {
  const onPage2: LeadListState = { ...emptyLeadListState(), cursor: "abc" };

  it("a new filter or sort goes back to the first page; columns keep the page", () => {
    expect(changeLeadListState(onPage2, { filter: { scales: ["MIKRO"] } }).cursor).toBeNull();
    expect(changeLeadListState(onPage2, { sort: "nama" }).cursor).toBeNull();
    expect(changeLeadListState(onPage2, { columns: ["name"] }).cursor).toBe("abc");
  });

  it("a new sort starts in its usual direction; a search switches to name match and back", () => {
    expect(changeLeadListState(emptyLeadListState(), { sort: "nama" }).direction).toBe("asc");
    const searching = changeLeadListState(emptyLeadListState(), { filter: { q: "berkah" } });
    expect(searching.sort).toBe("relevansi");
    expect(changeLeadListState(searching, { filter: {} }).sort).toBe("prioritas");
  });
});

describe("identifierSearch", () => {
  it.each([
    ["0013121660091000", { kind: "npwp", npwp: "0013121660091000", nib: null, code: "0013121660091000" }],
    ["00.131.216.6-009.1000", { kind: "npwp", npwp: "0013121660091000", nib: null, code: "0013121660091000" }],
    // The 15-digit form printed on tax documents, dotted or not: stored with its leading 0.
    ["01.312.166.0-091.000", { kind: "npwp", npwp: "0013121660091000", nib: null, code: "013121660091000" }],
    ["013121660091000", { kind: "npwp", npwp: "0013121660091000", nib: null, code: "013121660091000" }],
    // 13 digits: a NIB, or a Kode WLKP of the same length.
    ["1234567890123", { kind: "nib", npwp: null, nib: "1234567890123", code: "1234567890123" }],
    ["'1234 5678 90123", { kind: "nib", npwp: null, nib: "1234567890123", code: "1234567890123" }],
    // Kode Badan Usaha (8 or 9 digits).
    ["00123456", { kind: "kode", npwp: null, nib: null, code: "00123456" }],
    ["12345", null],
    ["sinar 2000", null],
  ])("%s", (q, expected) => {
    expect(identifierSearch(q)).toEqual(expected);
  });
});

describe("KBLI sections", () => {
  it("maps divisions to sections", () => {
    expect(sectionOfKbliCode("01111")).toBe("A");
    expect(sectionOfKbliCode("47111")).toBe("G");
    expect(sectionOfKbliCode("33")).toBe("C");
    expect(sectionOfKbliCode("99000")).toBe("U");
    expect(sectionOfKbliCode("04000")).toBeNull();
  });

  it("turns prefixes and sections into digit ranges", () => {
    expect(kbliPrefixRange("461")).toEqual(["461", "462"]);
    expect(kbliPrefixRange("4699")).toEqual(["4699", "47"]);
    expect(kbliPrefixRange("99")).toEqual(["99", null]);
    expect(kbliSectionRange(kbliSection("c")!)).toEqual(["10", "34"]);
    expect(kbliSectionRange(kbliSection("U")!)).toEqual(["99", null]);
  });
});
