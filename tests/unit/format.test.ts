import { describe, expect, it } from "vitest";
import { formatBytes, formatCompact, formatCount, formatDay, formatDecimal, formatFixedDecimal, formatLongDay, formatNumber, formatPercent, formatWib, formatWibDate } from "@/lib/format.ts";

describe("formatBytes", () => {
  it("writes binary units with id-ID decimals, one decimal below 100 of a unit", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(1023)).toBe("1.023 B");
    expect(formatBytes(12 * 1024)).toBe("12 KB");
    expect(formatBytes(1536)).toBe("1,5 KB");
    expect(formatBytes(640 * 1024 * 1024)).toBe("640 MB");
    expect(formatBytes(1.5 * 1024 ** 3)).toBe("1,5 GB");
    expect(formatBytes(2 * 1024 ** 3)).toBe("2 GB");
    expect(formatBytes(150.4 * 1024 ** 2)).toBe("150 MB");
    expect(formatBytes(2048 * 1024 ** 4)).toBe("2.048 TB");
  });
});

describe("the id-ID formatters", () => {
  it("group thousands with a dot and write decimals with a comma", () => {
    expect(formatCount(1_234_567)).toBe("1.234.567");
    expect(formatNumber(1250)).toBe("1.250");
    expect(formatNumber(null)).toBe("—");
    expect(formatDecimal(12.345)).toBe("12,3");
    expect(formatDecimal(80)).toBe("80");
    expect(formatFixedDecimal(12)).toBe("12,0");
    expect(formatPercent(0.853)).toBe("85,3%");
    expect(formatPercent(0.8)).toBe("80%");
    expect(formatCompact(1_200_000)).toBe("1,2\u00a0jt");
  });

  it("write calendar days as they are and instants in WIB", () => {
    expect(formatDay("2026-11-21")).toBe("21 Nov 2026");
    expect(formatLongDay("2026-11-21")).toBe("21 November 2026");
    // 20:30 UTC is already the next day in Jakarta (UTC+7).
    expect(formatWibDate("2026-11-20T20:30:00Z")).toBe("21 November 2026");
    expect(formatWib(new Date("2026-11-21T07:05:03Z"))).toBe("21 Nov 2026, 14.05.03 WIB");
  });
});
