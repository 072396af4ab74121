import { describe, expect, it } from "vitest";
import { formatOfficerCell, parseOfficerCell } from "@/server/ingest/sources/officer-list.ts";

describe("parseOfficerCell", () => {
  it("is empty for an empty cell", () => {
    expect(parseOfficerCell(undefined)).toEqual([]);
    expect(parseOfficerCell("  ")).toEqual([]);
  });

  it("splits on semicolons, bars, line breaks and a spaced slash", () => {
    const names = (raw: string) => parseOfficerCell(raw).map((o) => o.name);
    expect(names("Budi Santoso; Ani Lestari")).toEqual(["Budi Santoso", "Ani Lestari"]);
    expect(names("Budi Santoso | Ani Lestari|Citra")).toEqual(["Budi Santoso", "Ani Lestari", "Citra"]);
    expect(names("Budi Santoso\nAni Lestari\r\nCitra")).toEqual(["Budi Santoso", "Ani Lestari", "Citra"]);
    expect(names("Budi Santoso / Ani Lestari")).toEqual(["Budi Santoso", "Ani Lestari"]);
  });

  it("splits on commas when nothing stronger separates, keeping degrees with their name", () => {
    expect(parseOfficerCell("Budi Santoso, S.E., Ani Lestari, M.Kn, CITRA DEWI, SH").map((o) => o.name)).toEqual([
      "Budi Santoso, S.E.",
      "Ani Lestari, M.Kn",
      "CITRA DEWI, SH",
    ]);
    expect(parseOfficerCell("BUDI, ANI, CITRA").map((o) => o.name)).toEqual(["BUDI", "ANI", "CITRA"]);
  });

  it("keeps a comma inside a name when a stronger separator is used", () => {
    expect(parseOfficerCell("Budi Santoso, S.E. (Direktur); Ani (Komisaris)")).toEqual([
      { name: "Budi Santoso, S.E.", position: "DIREKTUR" },
      { name: "Ani", position: "KOMISARIS" },
    ]);
  });

  it("reads the position written with a name, in brackets or before a colon", () => {
    expect(parseOfficerCell("Direktur Utama: Budi | Sekutu Komanditer: Ani")).toEqual([
      { name: "Budi", position: "DIREKTUR UTAMA" },
      { name: "Ani", position: "SEKUTU PASIF" },
    ]);
  });

  it("reads back what it stores", () => {
    const officers = parseOfficerCell("Budi Santoso, S.E. (Direktur); Ani; Komisaris: Citra");
    expect(parseOfficerCell(formatOfficerCell(officers))).toEqual(officers);
  });
});
