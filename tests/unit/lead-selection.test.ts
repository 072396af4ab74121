import { describe, expect, it } from "vitest";
import { checkLeadSelection, LEAD_SELECTION_MAX, leadSelectionKey, parseLeadSelection, selectionFilter } from "@/lib/leads/lead-selection.ts";
import { describeLeadFilter } from "@/lib/leads/lead-filter.ts";
import { parseLeadFilter } from "@/lib/leads/lead-url-state.ts";

const ids = (n: number) => Array.from({ length: n }, (_, i) => String(i + 1));

describe("picking leads on the list", () => {
  it("takes a pick up to the cap whole, and refuses one past it whole, saying what to use instead", () => {
    expect(checkLeadSelection(ids(LEAD_SELECTION_MAX))).toEqual({ ok: true, ids: ids(LEAD_SELECTION_MAX) });
    expect(checkLeadSelection(ids(LEAD_SELECTION_MAX + 1))).toEqual({ ok: false, message: expect.stringMatching(/Paling banyak 500 prospek .*Tugaskan semua hasil filter.*Ekspor/) });
  });

  it("reads the export's pick: distinct ids, nothing else, at most the cap", () => {
    expect(parseLeadSelection(" 12,57 ,12,9")).toEqual({ ok: true, ids: ["12", "57", "9"] });
    expect(parseLeadSelection("")).toEqual({ ok: false, message: "Tidak ada prospek yang dipilih." });
    for (const bad of ["12,x", "0", "-3", "1.5", "12345678901234567890"]) expect(parseLeadSelection(bad).ok, bad).toBe(false);
    expect(parseLeadSelection(ids(LEAD_SELECTION_MAX).join(",")).ok).toBe(true);
    expect(parseLeadSelection(ids(LEAD_SELECTION_MAX + 1).join(",")).ok).toBe(false);
  });

  it("keeps a pick across pages, sorts and columns of one filter, not across filters", () => {
    const key = (query: string) => leadSelectionKey(parseLeadFilter(new URLSearchParams(query)));
    const base = key("wilayah=32.73&skala=mikro");
    expect(key("wilayah=32.73&skala=mikro&urut=nama&arah=naik&setelah=abc&lalu=~&kolom=name,npwp")).toBe(base);
    expect(key("skala=mikro&wilayah=32.73")).toBe(base);
    expect(key("wilayah=32.73&skala=mikro,kecil")).not.toBe(base);
    expect(key("wilayah=32.73&skala=mikro&petugas=belum")).not.toBe(base);
  });

  it("exports picked leads whatever their status, and audits them as a count and the first 50 ids", () => {
    const filter = selectionFilter(ids(120));
    expect(filter).toEqual({ all: true, businessIds: ids(120) });
    const described = describeLeadFilter(filter);
    expect(described).toMatchObject({ all: true, selected: 120 });
    expect(described.businessIds).toEqual(ids(50));
  });
});
