import { describe, expect, it } from "vitest";
import { EXCEL_SCIENTIFIC_REASON } from "@/lib/identifiers/parse-result.ts";
import {
  formatNpwp15,
  isValidNpwpCheckDigit,
  makeNpwp15,
  npwpCheckDigit,
  npwpHeadOffice,
  parseNpwp,
  type NpwpInvalidCode,
} from "@/lib/identifiers/npwp.ts";

/** A company head office and its first branch: same 9-digit taxpayer identity. */
const HEAD = makeNpwp15("02183241", "000", "000");
const BRANCH = makeNpwp15("02183241", "441", "001");
/** Published example (python-stdnum docs): checks our Luhn against an independent source. */
const PUBLISHED = "01.312.166.0-091.000";

describe("makeNpwp15 and npwpCheckDigit", () => {
  it.each([
    ["01312166", 0], // 01.312.166.0-091.000
    ["01609052", 4], // 016090524017000
    ["01300066", 6], // 01.300.066.6-091.000
    ["00000000", 0],
  ])("check digit of %s is %i", (prefix, digit) => {
    expect(npwpCheckDigit(prefix)).toBe(digit);
  });

  it("assembles prefix, check digit, office and branch", () => {
    expect(makeNpwp15("01312166", "091", "000")).toBe("013121660091000");
  });

  it("reaches every check digit 0–9", () => {
    const seen = new Set<number>();
    for (let serial = 0; serial < 50; serial++) seen.add(npwpCheckDigit(`01${String(serial).padStart(6, "0")}`));
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it.each([
    ["0131216", "091", "000"],
    ["013121660", "091", "000"],
    ["0131216a", "091", "000"],
    ["01312166", "91", "000"],
    ["01312166", "091", "0000"],
    ["01312166", "09x", "000"],
  ])("rejects malformed parts %j %j %j", (prefix, office, branch) => {
    expect(() => makeNpwp15(prefix, office, branch)).toThrow(RangeError);
  });
});

describe("parseNpwp: accepted", () => {
  it.each([
    [PUBLISHED, "0013121660091000"],
    ["013121660091000", "0013121660091000"],
    ["016090524017000", "0016090524017000"],
    ["0013121660091000", "0013121660091000"],
    ["0 01.312.166.0-091.000", "0013121660091000"],
    ["0013 1216 6009 1000", "0013121660091000"],
    ["01-312-166-0-091-000", "0013121660091000"],
    ["  01.312.166.0-091.000\u00a0", "0013121660091000"],
    ["'013121660091000", "0013121660091000"],
    [HEAD, `0${HEAD}`],
    [formatNpwp15(BRANCH), `0${BRANCH}`],
  ] as const)("%j → %j", (input, value) => {
    expect(parseNpwp(input)).toEqual({ kind: "ok", value, isNik: false });
  });

  it("accepts a number when no leading zero was lost (taxpayer types 1x and up)", () => {
    const npwp = makeNpwp15("21234567", "123", "000");
    expect(parseNpwp(Number(npwp))).toEqual({ kind: "ok", value: `0${npwp}`, isNik: false });
  });

  it("treats 16 digits not starting with 0 as a NIK used as NPWP", () => {
    expect(parseNpwp("3273015708850001")).toEqual({ kind: "ok", value: "3273015708850001", isNik: true });
    expect(parseNpwp("3273 0157 0885 0001")).toEqual({ kind: "ok", value: "3273015708850001", isNik: true });
  });

  it.each([null, undefined, "", "   ", "-", "NULL", "tidak ada"])("%j is empty", (input) => {
    expect(parseNpwp(input)).toEqual({ kind: "empty" });
  });
});

describe("parseNpwp: rejected", () => {
  const cases: [input: string | number, code: NpwpInvalidCode][] = [
    ["1.23457E+14", "excel_scientific"],
    ["1,23457E+14", "excel_scientific"],
    ["1.23457e14", "excel_scientific"],
    ["3.17101E+15", "excel_scientific"],
    [" 1.23457E+14 ", "excel_scientific"],
    ["13121660091000.0", "decimal_artifact"],
    ["13121660091000,0", "decimal_artifact"],
    [1.3121660091e13 + 0.5, "precision_lost"],
    [2 ** 60, "precision_lost"],
    [-13121660091000, "precision_lost"],
    ["01.312.166.0/091.000", "characters"],
    ["NPWP: 013121660091000", "characters"],
    ["01,312,166,0-091,000", "characters"],
    ["0".repeat(20) + ".".repeat(21), "too_long"],
    ["13121660091000", "length"],
    [13121660091000, "length"],
    ["01312166009100", "length"],
    ["01312166", "length"],
    ["00131216600910001", "length"],
    ["00.000.000.0-000.000", "all_zeros"],
    ["0000000000000000", "all_zeros"],
    ["01.234.567.8-901.000", "check_digit"],
    ["01.312.166.1-091.000", "check_digit"],
    ["0013121670091000", "check_digit"],
    ["3273013002850001", "nik_invalid"],
    ["1111111111111111", "nik_invalid"],
  ];

  it.each(cases)("%j → %s", (input, code) => {
    const result = parseNpwp(input);
    expect(result).toMatchObject({ kind: "invalid", code });
    if (result.kind !== "invalid") return;
    expect(result.reason.length).toBeGreaterThan(10);
    // Reasons end up in import reports: they must never echo the identifier.
    const digits = String(input).replace(/\D/g, "");
    if (digits.length >= 5) expect(result.reason).not.toContain(digits);
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
      check_digit: true,
      nik_invalid: true,
    } satisfies Record<NpwpInvalidCode, true>;
    expect(new Set(cases.map(([, code]) => code))).toEqual(new Set(Object.keys(all)));
  });

  it("says exactly what Excel did", () => {
    expect(parseNpwp("1.23457E+14")).toEqual({
      kind: "invalid",
      code: "excel_scientific",
      reason: "Nilai rusak oleh Excel (notasi ilmiah); digit asli hilang",
    });
    expect(EXCEL_SCIENTIFIC_REASON).toBe("Nilai rusak oleh Excel (notasi ilmiah); digit asli hilang");
  });

  it("hints at a lost leading zero for 14 digits only", () => {
    const fourteen = parseNpwp("13121660091000");
    const nine = parseNpwp("013121660");
    expect(fourteen.kind === "invalid" && fourteen.reason).toMatch(/ditemukan 14 digit.*0 di depan/);
    expect(nine.kind === "invalid" && nine.reason).toBe("NPWP harus 15 atau 16 digit (ditemukan 9 digit)");
  });

  it("passes the NIK's own reason on for a NIK used as NPWP", () => {
    const result = parseNpwp("3273013002850001");
    expect(result.kind === "invalid" && result.reason).toMatch(/^NPWP 16 digit yang tidak diawali 0 adalah NIK.*kalender/);
  });

  it("catches every single-digit typo in the first 9 digits (Luhn)", () => {
    const valid = "013121660091000";
    for (let position = 0; position < 9; position++) {
      for (let digit = 0; digit <= 9; digit++) {
        if (String(digit) === valid[position]) continue;
        const typo = valid.slice(0, position) + digit + valid.slice(position + 1);
        expect(parseNpwp(typo), typo).toMatchObject({ kind: "invalid", code: "check_digit" });
      }
    }
  });

  it("does not check the office and branch digits (no check digit covers them)", () => {
    expect(parseNpwp("013121660999999")).toMatchObject({ kind: "ok" });
  });
});

describe("formatNpwp15", () => {
  it.each([
    ["0013121660091000", "01.312.166.0-091.000"],
    ["013121660091000", "01.312.166.0-091.000"],
    [`0${BRANCH}`, "02.183.241.5-441.001"],
  ])("%j → %j", (npwp, formatted) => {
    expect(formatNpwp15(npwp)).toBe(formatted);
  });

  it.each(["3273015708850001", "01.312.166.0-091.000", "0131216600910", "", "00131216600910001", "0a13121660091000"])(
    "%j has no 15-digit form",
    (npwp) => {
      expect(formatNpwp15(npwp)).toBeNull();
    },
  );

  it("round-trips through parseNpwp", () => {
    const parsed = parseNpwp(formatNpwp15(`0${HEAD}`));
    expect(parsed).toEqual({ kind: "ok", value: `0${HEAD}`, isNik: false });
  });
});

describe("npwpHeadOffice", () => {
  it("is the same for a head office and its branches, in either length", () => {
    expect(npwpHeadOffice(`0${HEAD}`)).toBe("021832415");
    expect(npwpHeadOffice(`0${BRANCH}`)).toBe("021832415");
    expect(npwpHeadOffice(BRANCH)).toBe("021832415");
  });

  it.each(["3273015708850001", "", "0213", "02.183.241.5-441.001"])("%j → null", (npwp) => {
    expect(npwpHeadOffice(npwp)).toBeNull();
  });
});

describe("isValidNpwpCheckDigit", () => {
  it.each([
    ["013121660091000", true],
    ["0013121660091000", true],
    [`0${BRANCH}`, true],
    ["012345678901000", false],
    ["0013121670091000", false],
    ["3273015708850001", false],
    ["01.312.166.0-091.000", false],
    ["01312166", false],
    ["", false],
  ] as const)("%j → %s", (npwp, expected) => {
    expect(isValidNpwpCheckDigit(npwp)).toBe(expected);
  });
});
