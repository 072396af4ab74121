import { describe, expect, it } from "vitest";
import * as identifiers from "@/lib/identifiers/index.ts";
import {
  cellText,
  digitInputInvalids,
  EMPTY,
  EXCEL_SCIENTIFIC_REASON,
  invalid,
  isAllZeros,
  isExcelScientific,
  isOneRepeatedCharacter,
  isPlaceholder,
  okValueOrNull,
  readDigits,
} from "@/lib/identifiers/parse-result.ts";

describe("isExcelScientific", () => {
  it.each([
    "1.23457E+14",
    "1,23457E+14",
    "1.23457e14",
    "1.23457E14",
    "3.17101E+15",
    "1E+15",
    "1e15",
    "1.E+14",
    "6.28123E+12",
    "1.2E-05",
  ])("%j is Excel notation", (text) => {
    expect(isExcelScientific(text)).toBe(true);
  });

  it.each([
    "",
    "E+14",
    ".5E+14",
    "1.23457E+",
    "1.23457E",
    "1.23457E+1234",
    "1.2.3E+14",
    "1.23457E+14 ",
    " 1.23457E+14",
    "123456789012345",
    "01.234.567.8-901.000",
    "budi@example.com",
    "1.23457X+14",
  ])("%j is not", (text) => {
    expect(isExcelScientific(text)).toBe(false);
  });
});

describe("isPlaceholder and cellText", () => {
  it.each(["-", "--", "---", "–", "—", "NULL", "null", "N/A", "#N/A", "Tidak Ada", "TDK ADA", "belum ada", "Kosong"])(
    "%j means none",
    (text) => {
      expect(isPlaceholder(text)).toBe(true);
      expect(cellText(`  ${text} `)).toBe("");
    },
  );

  it.each(["0", "-1", "nihil ada", "tidak ada nomor", "a", "01"])("%j is a value", (text) => {
    expect(isPlaceholder(text)).toBe(false);
  });

  it.each([
    [null, ""],
    [undefined, ""],
    ["", ""],
    ["   \t ", ""],
    ["\u00a0 42 \u00a0", "42"],
    ["\ufeff42", "42"],
    [42, "42"],
    [0, "0"],
    [1.5, "1.5"],
  ] as const)("cellText(%j) → %j", (input, expected) => {
    expect(cellText(input)).toBe(expected);
  });
});

describe("readDigits", () => {
  const invalids = digitInputInvalids("NPWP");

  it.each([
    ["013121660091000", "013121660091000"],
    ["  013121660091000  ", "013121660091000"],
    ["01.312.166.0-091.000", "013121660091000"],
    ["01 312 166 0 091 000", "013121660091000"],
    ["01\u00a0312\u00a0166", "01312166"],
    ["01\t312", "01312"],
    ["'013121660091000", "013121660091000"],
    ["' 0131", "0131"],
    [13121660091000, "13121660091000"],
    [0, "0"],
  ] as const)("%j → %j", (input, expected) => {
    expect(readDigits(input, invalids)).toBe(expected);
  });

  it.each([null, undefined, "", "   ", "-", "NULL", "'", "' "])("%j is empty", (input) => {
    expect(readDigits(input, invalids)).toBe(EMPTY);
  });

  it.each([
    ["1.23457E+14", "excel_scientific"],
    ["1,23457E+14", "excel_scientific"],
    ["13121660091000.0", "decimal_artifact"],
    ["13121660091000,00", "decimal_artifact"],
    [1.5, "precision_lost"],
    [-1, "precision_lost"],
    [Number.MAX_SAFE_INTEGER + 2, "precision_lost"],
    [Number.NaN, "precision_lost"],
    ["01/312", "characters"],
    ["NPWP 013121660091000", "characters"],
    ["０１３", "characters"],
    [".", "characters"],
    ["-.-", "characters"],
    ["1".repeat(41), "too_long"],
  ] as const)("%j is invalid (%s)", (input, code) => {
    const result = readDigits(input, invalids);
    expect(result).toMatchObject({ kind: "invalid", code });
  });

  it("keeps the `.000` branch of a dotted NPWP apart from a decimal artifact", () => {
    expect(readDigits("013121660091.000", invalids)).toBe("013121660091000");
    expect(readDigits("0131216600.91000", invalids)).toBe("013121660091000");
  });

  it("gives up on a huge cell without scanning it", () => {
    expect(readDigits("9".repeat(1_000_000), invalids)).toBe(invalids.too_long);
  });

  it("uses the field label in its reasons, and the shared Excel reason", () => {
    const nib = digitInputInvalids("NIB");
    expect(nib.characters.reason).toContain("NIB");
    expect(nib.excel_scientific.reason).toBe(EXCEL_SCIENTIFIC_REASON);
    expect(Object.isFrozen(nib.characters)).toBe(true);
  });
});

describe("small helpers", () => {
  it("isAllZeros and isOneRepeatedCharacter", () => {
    expect(isAllZeros("000")).toBe(true);
    expect(isAllZeros("0001")).toBe(false);
    expect(isOneRepeatedCharacter("7777")).toBe(true);
    expect(isOneRepeatedCharacter("7776")).toBe(false);
  });

  it("okValueOrNull", () => {
    expect(okValueOrNull({ kind: "ok", value: "x" })).toBe("x");
    expect(okValueOrNull(EMPTY)).toBeNull();
    expect(okValueOrNull(invalid("length", "Salah"))).toBeNull();
  });

  it("EMPTY and invalid results are frozen, so shared instances cannot be changed", () => {
    expect(Object.isFrozen(EMPTY)).toBe(true);
    expect(Object.isFrozen(invalid("x", "y"))).toBe(true);
  });
});

describe("index", () => {
  it("re-exports every parser", () => {
    for (const name of [
      "parseNpwp",
      "parseNik",
      "parseNib",
      "parsePhone",
      "parseEmail",
      "parseKbli",
      "parseBusinessScale",
      "parseWorkerCount",
      "parsePostcode",
      "maskMiddle",
      "EMPTY",
    ]) {
      expect(identifiers).toHaveProperty(name);
    }
  });
});
