import { describe, expect, it } from "vitest";
import { parseNib, type NibInvalidCode } from "@/lib/identifiers/nib.ts";

describe("parseNib", () => {
  it.each([
    ["9120001234567", "9120001234567"],
    ["8120112345678", "8120112345678"],
    ["0220001234567", "0220001234567"],
    [" 9120001234567 ", "9120001234567"],
    ["9120 0012 3456 7", "9120001234567"],
    ["9120-001-234-567", "9120001234567"],
    ["'0220001234567", "0220001234567"],
    [9120001234567, "9120001234567"],
  ] as const)("%j → %j", (input, value) => {
    expect(parseNib(input)).toEqual({ kind: "ok", value });
  });

  it.each([null, undefined, "", "  ", "-", "Tidak Ada"])("%j is empty", (input) => {
    expect(parseNib(input)).toEqual({ kind: "empty" });
  });

  const cases: [input: string | number, code: NibInvalidCode][] = [
    ["9.12E+12", "excel_scientific"],
    ["9,12E+12", "excel_scientific"],
    ["9120001234567.0", "decimal_artifact"],
    [9.5, "precision_lost"],
    ["NIB-9120001234567", "characters"],
    ["9120001234567/2021", "characters"],
    ["1".repeat(41), "too_long"],
    ["220001234567", "length"],
    [220001234567, "length"],
    ["91200012345678", "length"],
    ["912000123", "length"],
    ["0000000000000", "all_zeros"],
  ];

  it.each(cases)("%j → %s", (input, code) => {
    const result = parseNib(input);
    expect(result).toMatchObject({ kind: "invalid", code });
    if (result.kind === "invalid") expect(result.reason).not.toContain(String(input).replace(/\D/g, "").slice(0, 8));
  });

  it("covers every invalid code", () => {
    const all = {
      excel_scientific: true,
      precision_lost: true,
      decimal_artifact: true,
      characters: true,
      too_long: true,
      length: true,
      all_zeros: true,
    } satisfies Record<NibInvalidCode, true>;
    expect(new Set(cases.map(([, code]) => code))).toEqual(new Set(Object.keys(all)));
  });

  it("hints at a lost leading zero for 12 digits", () => {
    expect(parseNib("220001234567")).toMatchObject({ reason: expect.stringMatching(/ditemukan 12 digit.*0 di depan/) });
    expect(parseNib("912000123")).toMatchObject({ reason: "NIB harus 13 digit (ditemukan 9 digit)" });
  });
});
