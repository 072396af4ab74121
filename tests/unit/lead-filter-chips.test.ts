import { describe, expect, it } from "vitest";
import { leadFilterChips } from "@/lib/leads/lead-filter-chips.ts";

const names = { searchText: "3273••••••••0001", regionName: (code: string) => (code === "32.73" ? "Kota Bandung" : code), officerName: () => "Putri Petugas" };

describe("the lead filter's chips", () => {
  it("names each active value and removes only that one", () => {
    const chips = leadFilterChips({ scales: ["MIKRO", "KECIL"], regionCodes: ["32.73"], workersMin: 1000, qToken: "v1.x" }, names);
    expect(chips.map((chip) => chip.label)).toEqual(["Cari: 3273••••••••0001", "Wilayah: Kota Bandung", "Skala: Usaha Mikro", "Skala: Usaha Kecil", "Pekerja ≥ 1.000"]);
    expect(chips.find((chip) => chip.label === "Skala: Usaha Mikro")!.without).toEqual({ scales: ["KECIL"], regionCodes: ["32.73"], workersMin: 1000, qToken: "v1.x" });
    expect(chips.find((chip) => chip.label === "Wilayah: Kota Bandung")!.without).toEqual({ scales: ["MIKRO", "KECIL"], workersMin: 1000, qToken: "v1.x" });
    // A personal search's chip drops its token too.
    expect(chips[0]!.without).toEqual({ scales: ["MIKRO", "KECIL"], regionCodes: ["32.73"], workersMin: 1000 });
  });

  it("names the kind, right after the search and the officer", () => {
    const chips = leadFilterChips({ kind: "NOTARIS", regionCodes: ["32.73"] }, names);
    expect(chips.map((chip) => chip.label)).toEqual(["Jenis: Notaris", "Wilayah: Kota Bandung"]);
    expect(chips[0]!.without).toEqual({ regionCodes: ["32.73"] });
  });

  it("has none for the default list", () => {
    expect(leadFilterChips({}, names)).toEqual([]);
  });
});
