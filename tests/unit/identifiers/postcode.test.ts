import { describe, expect, it } from "vitest";
import { parsePostcode, type PostcodeInvalidCode } from "@/lib/identifiers/postcode.ts";

describe("parsePostcode", () => {
  it.each([
    ["40115", "40115"],
    [" 40115 ", "40115"],
    ["10110", "10110"],
    ["99351", "99351"],
    ["40.115", "40115"],
    ["'40115", "40115"],
    [40115, "40115"],
  ] as const)("%j → %j", (input, value) => {
    expect(parsePostcode(input)).toEqual({ kind: "ok", value });
  });

  it.each([null, undefined, "", " ", "-"])("%j is empty", (input) => {
    expect(parsePostcode(input)).toEqual({ kind: "empty" });
  });

  const cases: [input: string | number, code: PostcodeInvalidCode][] = [
    ["4.01E+04", "excel_scientific"],
    ["40115.0", "decimal_artifact"],
    [40115.5, "precision_lost"],
    ["4O115", "characters"],
    ["Kode pos 40115", "characters"],
    ["4".repeat(41), "too_long"],
    ["4011", "length"],
    [4011, "length"],
    ["401150", "length"],
    ["01234", "first_digit"],
    ["00000", "first_digit"],
  ];

  it.each(cases)("%j → %s", (input, code) => {
    expect(parsePostcode(input)).toMatchObject({ kind: "invalid", code });
  });

  it("covers every invalid code", () => {
    const all = {
      excel_scientific: true,
      precision_lost: true,
      decimal_artifact: true,
      characters: true,
      too_long: true,
      length: true,
      first_digit: true,
    } satisfies Record<PostcodeInvalidCode, true>;
    expect(new Set(cases.map(([, code]) => code))).toEqual(new Set(Object.keys(all)));
  });

  it("reports the length it found", () => {
    expect(parsePostcode("4011")).toMatchObject({ reason: "Kode pos harus 5 digit (ditemukan 4 digit)" });
  });
});
