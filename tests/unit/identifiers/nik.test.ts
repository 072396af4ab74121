import { describe, expect, it } from "vitest";
import { maskMiddle, maskNik, parseNik, type NikInvalidCode } from "@/lib/identifiers/nik.ts";

const pad = (n: number) => String(n).padStart(2, "0");

/** A NIK from its parts (fictional: Kota Bandung, Kec. Bandung Kulon by default). */
function nik({
  region = "327301",
  day = 17,
  month = 8,
  year = 85,
  female = false,
  serial = "0001",
}: { region?: string; day?: number; month?: number; year?: number; female?: boolean; serial?: string } = {}) {
  return `${region}${pad(female ? day + 40 : day)}${pad(month)}${pad(year)}${serial}`;
}

describe("parseNik: accepted", () => {
  it("reads region, birth date and sex", () => {
    expect(parseNik(nik())).toEqual({
      kind: "ok",
      value: "3273011708850001",
      provinceCode: "32",
      districtCode: "32.73.01",
      birthDate: "850817",
      female: false,
    });
  });

  it("takes 40 off a woman's birth day", () => {
    expect(parseNik(nik({ female: true }))).toMatchObject({ value: "3273015708850001", birthDate: "850817", female: true });
  });

  it.each([
    ["first day of the year", { day: 1, month: 1 }, "850101", false],
    ["last day of the year", { day: 31, month: 12 }, "851231", false],
    ["woman born on the 1st (41)", { day: 1, female: true }, "850801", true],
    ["woman born on the 31st (71)", { day: 31, month: 1, female: true }, "850131", true],
    ["29 February in a leap year", { day: 29, month: 2, year: 84 }, "840229", false],
    ["29 February 2000 (year 00)", { day: 29, month: 2, year: 0 }, "000229", false],
    ["30 April", { day: 30, month: 4 }, "850430", false],
    ["born in 2007", { year: 7 }, "070817", false],
  ] as const)("%s", (_, parts, birthDate, female) => {
    expect(parseNik(nik(parts))).toMatchObject({ kind: "ok", birthDate, female });
  });

  it.each([
    ["11", "1101011708850001"],
    ["97", "9701011708850001"],
    ["91 (issued before the Papua split)", "9171011708850001"],
  ])("province %s", (_, value) => {
    expect(parseNik(value)).toMatchObject({ kind: "ok", value });
  });

  it.each([
    ["3273 0117 0885 0001"],
    ["32.73.01.170885.0001"],
    ["3273-01-170885-0001"],
    ["  3273011708850001 "],
    ["'3273011708850001"],
  ])("strips separators: %j", (input) => {
    expect(parseNik(input)).toMatchObject({ kind: "ok", value: "3273011708850001" });
  });

  it("accepts a number that is still exact", () => {
    expect(parseNik(3273011708850001)).toMatchObject({ kind: "ok", value: "3273011708850001" });
  });

  it.each([null, undefined, "", " ", "-", "null"])("%j is empty", (input) => {
    expect(parseNik(input)).toEqual({ kind: "empty" });
  });
});

describe("parseNik: rejected", () => {
  const cases: [label: string, input: string | number, code: NikInvalidCode][] = [
    ["Excel notation", "3.27301E+15", "excel_scientific"],
    ["Excel notation, Indonesian locale", "3,27301E+15", "excel_scientific"],
    ["a decimal", "3273011708850001.0", "decimal_artifact"],
    ["a number beyond 2^53", 2 ** 53 + 2, "precision_lost"],
    ["letters", "32730117O8850001", "characters"],
    ["a label", "NIK 3273011708850001", "characters"],
    ["a huge cell", "3".repeat(100), "too_long"],
    ["15 digits", "327301170885000", "length"],
    ["17 digits", "32730117088500011", "length"],
    ["a KK number's half", "32730117", "length"],
    ["all ones", "1111111111111111", "placeholder"],
    ["all zeros", "0000000000000000", "placeholder"],
    ["leading zero", "0273011708850001", "leading_zero"],
    ["province 10", nik({ region: "100101" }), "province"],
    ["province 20", nik({ region: "200101" }), "province"],
    ["regency 00", nik({ region: "320001" }), "region"],
    ["district 00", nik({ region: "327300" }), "region"],
    ["day 00", nik({ day: 0 }), "birth_day"],
    ["day 32", nik({ day: 32 }), "birth_day"],
    ["day 40 (woman's 0th)", nik({ day: 40 }), "birth_day"],
    ["day 72 (woman's 32nd)", nik({ day: 72 }), "birth_day"],
    ["day 99", nik({ day: 99 }), "birth_day"],
    ["month 00", nik({ month: 0 }), "birth_month"],
    ["month 13", nik({ month: 13 }), "birth_month"],
    ["30 February", nik({ day: 30, month: 2 }), "birth_date"],
    ["30 February, woman (70)", nik({ day: 30, month: 2, female: true }), "birth_date"],
    ["29 February in a common year", nik({ day: 29, month: 2, year: 85 }), "birth_date"],
    ["31 April", nik({ day: 31, month: 4 }), "birth_date"],
    ["31 November", nik({ day: 31, month: 11 }), "birth_date"],
    ["serial 0000", nik({ serial: "0000" }), "serial"],
  ];

  it.each(cases)("%s → %s", (_, input, code) => {
    const result = parseNik(input);
    expect(result).toMatchObject({ kind: "invalid", code });
    if (result.kind !== "invalid") return;
    // Reasons never echo the NIK, nor its birth-date part.
    const digits = String(input).replace(/\D/g, "");
    if (digits.length >= 6) expect(result.reason).not.toContain(digits.slice(6, 12));
  });

  it("covers every invalid code", () => {
    const all = {
      excel_scientific: true,
      precision_lost: true,
      decimal_artifact: true,
      characters: true,
      too_long: true,
      length: true,
      placeholder: true,
      leading_zero: true,
      province: true,
      region: true,
      birth_day: true,
      birth_month: true,
      birth_date: true,
      serial: true,
    } satisfies Record<NikInvalidCode, true>;
    expect(new Set(cases.map(([, , code]) => code))).toEqual(new Set(Object.keys(all)));
  });

  it("reports the length it found", () => {
    expect(parseNik("327301170885000")).toEqual({
      kind: "invalid",
      code: "length",
      reason: "NIK harus 16 digit (ditemukan 15 digit)",
    });
  });
});

describe("maskNik and maskMiddle", () => {
  it("keeps the first 4 and last 4 digits of a NIK", () => {
    expect(maskNik("3273011708850001")).toBe("3273••••••••0001");
  });

  it.each([
    ["3273011708850001", 4, 4, "3273••••••••0001"],
    ["abcdef", 1, 1, "a••••f"],
    ["abcdef", 0, 2, "••••ef"],
    ["abcdef", 2, 0, "ab••••"],
    ["abcdef", 0, 0, "••••••"],
    ["abcdef", 3, 3, "••••••"],
    ["abc", 4, 4, "•••"],
    ["", 1, 1, ""],
    ["abcdef", -1, 1.9, "•••••f"],
  ] as const)("maskMiddle(%j, %d, %d) → %j", (value, start, end, masked) => {
    expect(maskMiddle(value, start, end)).toBe(masked);
  });
});
