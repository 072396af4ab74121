import { describe, expect, it } from "vitest";
import { MAX_WORKER_COUNT, parseWorkerCount, type WorkerCountInvalidCode } from "@/lib/identifiers/worker-count.ts";

describe("parseWorkerCount: accepted", () => {
  it.each([
    ["42", 42],
    ["  42 ", 42],
    ["0", 0],
    ["007", 7],
    ["1.234", 1234],
    ["1,234", 1234],
    ["12.345", 12345],
    ["123.456", 123456],
    ["1.234.567", 1234567],
    ["1,234,567", 1234567],
    ["42.0", 42],
    ["42,0", 42],
    ["42,00", 42],
    ["1.234,00", 1234],
    ["1,234.00", 1234],
    ["1234.000", 1234],
    ["0.000", 0],
    ["10.000.000", MAX_WORKER_COUNT],
    ["10000000", MAX_WORKER_COUNT],
  ] as const)("%j → %d", (input, value) => {
    expect(parseWorkerCount(input)).toEqual({ kind: "ok", value });
  });

  it.each([
    [42, 42],
    [0, 0],
    [-0, 0],
    [MAX_WORKER_COUNT, MAX_WORKER_COUNT],
  ])("the number %d → %d", (input, value) => {
    const result = parseWorkerCount(input);
    expect(result).toEqual({ kind: "ok", value });
    expect(result.kind === "ok" && Object.is(result.value, -0)).toBe(false);
  });

  it.each([null, undefined, "", "   ", "-", "NULL", "tidak ada"])("%j is empty", (input) => {
    expect(parseWorkerCount(input)).toEqual({ kind: "empty" });
  });
});

describe("parseWorkerCount: rejected", () => {
  const cases: [input: string | number, code: WorkerCountInvalidCode][] = [
    ["1.23E+05", "excel_scientific"],
    ["1,2E+05", "excel_scientific"],
    ["abc", "characters"],
    ["42 orang", "characters"],
    ["1 234", "characters"],
    ["+42", "characters"],
    ["--5", "characters"],
    ["12".repeat(33), "characters"],
    [Number.NaN, "characters"],
    ["-5", "negative"],
    ["−5", "negative"],
    ["-1.234", "negative"],
    [-1, "negative"],
    ["12,5", "not_integer"],
    ["12.5", "not_integer"],
    ["1.23", "not_integer"],
    ["0.123", "not_integer"],
    ["1.234,5", "not_integer"],
    ["1.234,567", "not_integer"],
    [12.5, "not_integer"],
    ["1..234", "format"],
    [".5", "format"],
    ["5.", "format"],
    ["1.2345", "format"],
    ["12.34.567", "format"],
    ["1.234.56", "format"],
    ["1,234.567.890", "format"],
    ["1.234.567,890,00", "format"],
    ["1234.567,00", "format"],
    ["10000001", "too_large"],
    ["10.000.001", "too_large"],
    ["99999999999999999999", "too_large"],
    ["12.000.000,00", "too_large"],
    [10_000_001, "too_large"],
    [Number.POSITIVE_INFINITY, "too_large"],
  ];

  it.each(cases)("%j → %s", (input, code) => {
    expect(parseWorkerCount(input)).toMatchObject({ kind: "invalid", code });
  });

  it("reads a lone dash as empty, not as a negative sign", () => {
    expect(parseWorkerCount("-")).toEqual({ kind: "empty" });
  });

  it("covers every invalid code", () => {
    const all = {
      excel_scientific: true,
      characters: true,
      negative: true,
      not_integer: true,
      format: true,
      too_large: true,
    } satisfies Record<WorkerCountInvalidCode, true>;
    expect(new Set(cases.map(([, code]) => code))).toEqual(new Set(Object.keys(all)));
  });

  it("states the limit in Indonesian notation", () => {
    expect(parseWorkerCount("10000001")).toMatchObject({
      reason: "Jumlah pekerja tidak masuk akal (lebih dari 10.000.000)",
    });
  });
});
