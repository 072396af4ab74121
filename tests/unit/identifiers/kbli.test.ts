import { describe, expect, it } from "vitest";
import { KBLI_SECTIONS, kbliSection, parseKbli, type KbliInvalidCode, type KbliSection } from "@/lib/identifiers/kbli.ts";
import { KBLI_SECTION_LETTERS } from "@/lib/leads/kbli-sections.ts";

/** KBLI 2020 divisions (golongan pokok) per section, written out from the BPS table. */
const DIVISIONS: Record<KbliSection, number[]> = {
  A: [1, 2, 3],
  B: [5, 6, 7, 8, 9],
  C: Array.from({ length: 24 }, (_, i) => 10 + i),
  D: [35],
  E: [36, 37, 38, 39],
  F: [41, 42, 43],
  G: [45, 46, 47],
  H: [49, 50, 51, 52, 53],
  I: [55, 56],
  J: [58, 59, 60, 61, 62, 63],
  K: [64, 65, 66],
  L: [68],
  M: [69, 70, 71, 72, 73, 74, 75],
  N: [77, 78, 79, 80, 81, 82],
  O: [84],
  P: [85],
  Q: [86, 87, 88],
  R: [90, 91, 92, 93],
  S: [94, 95, 96],
  T: [97, 98],
  U: [99],
};

describe("kbliSection", () => {
  it("maps all 88 divisions and nothing else", () => {
    const expected = new Map<number, KbliSection>();
    for (const [section, divisions] of Object.entries(DIVISIONS)) {
      for (const division of divisions) expected.set(division, section as KbliSection);
    }
    expect(expected.size).toBe(88);
    for (let division = 0; division < 100; division++) {
      const code = String(division).padStart(2, "0");
      expect(kbliSection(`${code}100`), code).toBe(expected.get(division) ?? null);
    }
  });

  it.each([
    ["01111", "A"],
    ["46", "G"],
    ["4610", "G"],
    ["62019", "J"],
    ["86103", "Q"],
  ] as const)("%j → %s", (code, section) => {
    expect(kbliSection(code)).toBe(section);
  });

  it.each(["", "4", "4a100", "a4100", " 46100", "-1"])("%j → null", (code) => {
    expect(kbliSection(code)).toBeNull();
  });
});

describe("KBLI_SECTIONS", () => {
  it("names the 21 sections A–U in Indonesian", () => {
    expect(Object.keys(KBLI_SECTIONS)).toEqual("ABCDEFGHIJKLMNOPQRSTU".split(""));
    expect(KBLI_SECTIONS.A).toBe("Pertanian, Kehutanan dan Perikanan");
    expect(KBLI_SECTIONS.B).toBe("Pertambangan dan Penggalian");
    expect(KBLI_SECTIONS.C).toBe("Industri Pengolahan");
    expect(KBLI_SECTIONS.F).toBe("Konstruksi");
    expect(KBLI_SECTIONS.P).toBe("Pendidikan");
  });

  it("names the same sections as the division ranges of the lead filter", () => {
    expect(Object.keys(KBLI_SECTIONS)).toEqual(KBLI_SECTION_LETTERS);
  });
});

describe("parseKbli", () => {
  it.each([
    ["46100", "46100", "G"],
    ["01111", "01111", "A"],
    [" 62019 ", "62019", "J"],
    ["46.100", "46100", "G"],
    ["46 100", "46100", "G"],
    ["'01111", "01111", "A"],
    [47111, "47111", "G"],
    ["99000", "99000", "U"],
  ] as const)("%j → %j (%s)", (input, value, section) => {
    expect(parseKbli(input)).toEqual({ kind: "ok", value, section });
  });

  it.each([null, undefined, "", " ", "-"])("%j is empty", (input) => {
    expect(parseKbli(input)).toEqual({ kind: "empty" });
  });

  const cases: [input: string | number, code: KbliInvalidCode][] = [
    ["4.61E+04", "excel_scientific"],
    ["46100.0", "decimal_artifact"],
    [46100.5, "precision_lost"],
    ["46100 - Perdagangan Besar", "characters"],
    ["46100, 47111", "characters"],
    ["G46100", "characters"],
    ["4".repeat(41), "too_long"],
    ["4610", "length"],
    [1111, "length"],
    ["461000", "length"],
    ["46", "length"],
    ["04100", "division"],
    ["00000", "division"],
    ["34100", "division"],
    ["40100", "division"],
    ["89100", "division"],
  ];

  it.each(cases)("%j → %s", (input, code) => {
    expect(parseKbli(input)).toMatchObject({ kind: "invalid", code });
  });

  it("covers every invalid code", () => {
    const all = {
      excel_scientific: true,
      precision_lost: true,
      decimal_artifact: true,
      characters: true,
      too_long: true,
      length: true,
      division: true,
    } satisfies Record<KbliInvalidCode, true>;
    expect(new Set(cases.map(([, code]) => code))).toEqual(new Set(Object.keys(all)));
  });

  it("explains a 4-digit code (a subgolongan, or a leading 0 lost in Excel)", () => {
    expect(parseKbli(1111)).toMatchObject({ reason: expect.stringMatching(/subgolongan.*0 di depan/) });
    expect(parseKbli("461000")).toMatchObject({ reason: "KBLI harus 5 digit (ditemukan 6 digit)" });
  });
});
