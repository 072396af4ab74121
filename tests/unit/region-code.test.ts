import { describe, expect, it } from "vitest";
import {
  ancestorCodesOf,
  isCityCode,
  isWithin,
  normalizeRegionCode,
  parentCodeOf,
  regionLevelOf,
} from "@/lib/region-code.ts";

describe("normalizeRegionCode", () => {
  it.each([
    ["32", "32"],
    ["3273", "32.73"],
    ["327301", "32.73.01"],
    ["3273011001", "32.73.01.1001"],
    ["32.73.01.1001", "32.73.01.1001"],
    ["32.73", "32.73"],
    [" 32.73.01 ", "32.73.01"],
    ["9103013007", "91.03.01.3007"],
  ])("%j → %j", (input, expected) => {
    expect(normalizeRegionCode(input)).toBe(expected);
  });

  it("accepts numbers, as spreadsheets deliver them", () => {
    expect(normalizeRegionCode(3273)).toBe("32.73");
  });

  it.each([
    "",
    "   ",
    "3",
    "327",
    "32730",
    "32730110",
    "327301100",
    "32730110011",
    "32.7",
    "3.273",
    "32.73.01.100",
    "32.73.01.1001.01",
    "32..73",
    "32.73.",
    ".32",
    "32-73",
    "32 73",
    "3273a",
    "00",
    "32.00",
    "32.73.00",
    "32.73.01.0000",
    "3200",
    "-32",
    "3.2",
  ])("rejects %j", (input) => {
    expect(normalizeRegionCode(input)).toBeNull();
  });

  it("rejects null and undefined", () => {
    expect(normalizeRegionCode(null)).toBeNull();
    expect(normalizeRegionCode(undefined)).toBeNull();
  });
});

describe("regionLevelOf", () => {
  it("reads the level from the number of segments, dotted or not", () => {
    expect(regionLevelOf("32")).toBe("PROVINCE");
    expect(regionLevelOf("3273")).toBe("REGENCY");
    expect(regionLevelOf("32.73.01")).toBe("DISTRICT");
    expect(regionLevelOf("3273011001")).toBe("VILLAGE");
    expect(regionLevelOf("32.7")).toBeNull();
  });
});

describe("parentCodeOf", () => {
  it("drops the last segment", () => {
    expect(parentCodeOf("32.73.01.1001")).toBe("32.73.01");
    expect(parentCodeOf("327301")).toBe("32.73");
    expect(parentCodeOf("32.73")).toBe("32");
  });

  it("is null for a province or an invalid code", () => {
    expect(parentCodeOf("32")).toBeNull();
    expect(parentCodeOf("nope")).toBeNull();
  });
});

describe("ancestorCodesOf", () => {
  it("lists the province first and the code itself last", () => {
    expect(ancestorCodesOf("3273011001")).toEqual(["32", "32.73", "32.73.01", "32.73.01.1001"]);
    expect(ancestorCodesOf("32")).toEqual(["32"]);
    expect(ancestorCodesOf("x")).toEqual([]);
  });
});

describe("isWithin", () => {
  it("is true for the region itself and its descendants", () => {
    expect(isWithin("32.73", "32.73")).toBe(true);
    expect(isWithin("32.73.01.1001", "32.73")).toBe(true);
    expect(isWithin("3273011001", "32")).toBe(true);
    expect(isWithin("32.73.01", "3273")).toBe(true);
  });

  it("is false for siblings, ancestors and look-alike prefixes", () => {
    expect(isWithin("32.74.01", "32.73")).toBe(false);
    expect(isWithin("32", "32.73")).toBe(false);
    // "32.7" is no code at all; a plain startsWith would say yes.
    expect(isWithin("32.73", "32.7")).toBe(false);
    expect(isWithin("33.73", "3")).toBe(false);
  });

  it("is false when either code is invalid", () => {
    expect(isWithin("bogus", "32")).toBe(false);
    expect(isWithin("32.73", "")).toBe(false);
  });
});

describe("isCityCode", () => {
  it("is true when the regency part is 71–99, at any depth below the province", () => {
    expect(isCityCode("32.73")).toBe(true);
    expect(isCityCode("3271")).toBe(true);
    expect(isCityCode("32.99.01.1001")).toBe(true);
    expect(isCityCode("31.71")).toBe(true);
  });

  it("is false for regencies, provinces and invalid codes", () => {
    expect(isCityCode("32.04")).toBe(false);
    expect(isCityCode("32.70")).toBe(false);
    expect(isCityCode("32")).toBe(false);
    expect(isCityCode("32.7")).toBe(false);
  });
});
