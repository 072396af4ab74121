import { describe, expect, it } from "vitest";
import {
  BUSINESS_SCALE_CODES,
  BUSINESS_SCALE_LABELS,
  BUSINESS_SCALES,
  isBusinessScale,
  parseBusinessScale,
  type BusinessScale,
  type BusinessScaleInvalidCode,
} from "@/lib/identifiers/business-scale.ts";

describe("parseBusinessScale", () => {
  it.each([
    ["Mikro", "MIKRO"],
    ["MIKRO", "MIKRO"],
    ["mikro", "MIKRO"],
    ["USAHA MIKRO", "MIKRO"],
    ["Usaha  Mikro ", "MIKRO"],
    ["UMK-Mikro", "MIKRO"],
    ["UMK - Mikro", "MIKRO"],
    ["umk mikro", "MIKRO"],
    ["Skala Mikro", "MIKRO"],
    ["01", "MIKRO"],
    ["1", "MIKRO"],
    [1, "MIKRO"],
    ["01 - Mikro", "MIKRO"],
    ["Kecil", "KECIL"],
    ["Usaha Kecil", "KECIL"],
    ["UMK-Kecil", "KECIL"],
    ["02", "KECIL"],
    [2, "KECIL"],
    ["Menengah", "MENENGAH"],
    ["USAHA MENENGAH", "MENENGAH"],
    ["03", "MENENGAH"],
    ["3", "MENENGAH"],
    ["Besar", "BESAR"],
    ["Usaha Besar", "BESAR"],
    ["UB", "BESAR"],
    ["ub", "BESAR"],
    ["04", "BESAR"],
    [4, "BESAR"],
    ["04 (Besar)", "BESAR"],
  ] as const)("%j → %s", (input, value) => {
    expect(parseBusinessScale(input)).toEqual({ kind: "ok", value });
  });

  it("gives the same answer from the memo as on first sight", () => {
    const first = parseBusinessScale("Usaha Mikro");
    expect(parseBusinessScale("Usaha Mikro")).toEqual(first);
    expect(parseBusinessScale("Usaha Mikro")).toEqual({ kind: "ok", value: "MIKRO" });
  });

  it.each([null, undefined, "", "  ", "-", "NULL"])("%j is empty", (input) => {
    expect(parseBusinessScale(input)).toEqual({ kind: "empty" });
  });

  const cases: [input: string | number, code: BusinessScaleInvalidCode][] = [
    ["UMKM", "ambiguous"],
    ["UMK", "ambiguous"],
    ["UM", "ambiguous"],
    ["Usaha UMKM", "ambiguous"],
    ["Mikro / Kecil", "ambiguous"],
    ["04 Mikro", "ambiguous"],
    ["UMK-Besar", "ambiguous"],
    ["UMK Menengah", "ambiguous"],
    ["Raksasa", "unknown"],
    ["05", "unknown"],
    ["0", "unknown"],
    [5, "unknown"],
    ["Usaha", "unknown"],
    ["Mikro dan Kecil", "unknown"],
    ["Usaha Mikro Kecil Menengah Besar Sekali Panjang Banget", "unknown"],
  ];

  it.each(cases)("%j → %s", (input, code) => {
    expect(parseBusinessScale(input)).toMatchObject({ kind: "invalid", code });
  });

  it("covers every invalid code", () => {
    const all = { ambiguous: true, unknown: true } satisfies Record<BusinessScaleInvalidCode, true>;
    expect(new Set(cases.map(([, code]) => code))).toEqual(new Set(Object.keys(all)));
  });

  it("does not grow its memo without bound", () => {
    for (let i = 0; i < 2_000; i++) expect(parseBusinessScale(`junk ${i}`).kind).toBe("invalid");
    expect(parseBusinessScale("Kecil")).toEqual({ kind: "ok", value: "KECIL" });
  });
});

describe("labels and codes", () => {
  it("label every scale in Indonesian, smallest first, with its OSS code", () => {
    expect(BUSINESS_SCALES).toEqual(["MIKRO", "KECIL", "MENENGAH", "BESAR"]);
    expect(BUSINESS_SCALE_LABELS).toEqual({
      MIKRO: "Usaha Mikro",
      KECIL: "Usaha Kecil",
      MENENGAH: "Usaha Menengah",
      BESAR: "Usaha Besar",
    });
    for (const scale of BUSINESS_SCALES) {
      expect(parseBusinessScale(BUSINESS_SCALE_CODES[scale])).toEqual({ kind: "ok", value: scale });
      expect(parseBusinessScale(BUSINESS_SCALE_LABELS[scale])).toEqual({ kind: "ok", value: scale });
    }
  });

  it.each([
    ["MIKRO", true],
    ["BESAR", true],
    ["mikro", false],
    ["UB", false],
    [1, false],
    [null, false],
  ] as const)("isBusinessScale(%j) → %s", (value, expected) => {
    expect(isBusinessScale(value)).toBe(expected);
    if (expected) expect(BUSINESS_SCALES).toContain(value as BusinessScale);
  });
});
