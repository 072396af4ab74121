import { afterEach, describe, expect, it, vi } from "vitest";
import { currentYear } from "@/lib/current-year.ts";

describe("currentYear", () => {
  afterEach(() => vi.useRealTimers());

  it("is the local calendar year, and moves on at the first instant of 1 January", () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date(2026, 11, 31, 23, 59, 59, 999));
    expect(currentYear()).toBe(2026);
    vi.setSystemTime(new Date(2027, 0, 1, 0, 0, 0, 0));
    expect(currentYear()).toBe(2027);
  });

  it("follows a clock set back to an earlier year", () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date(2031, 5, 1));
    expect(currentYear()).toBe(2031);
    vi.setSystemTime(new Date(2030, 11, 31, 23, 59, 59, 999));
    expect(currentYear()).toBe(2030);
  });

  it("agrees with getFullYear through a year, day by day", () => {
    vi.useFakeTimers();
    for (let day = 0; day <= 366; day++) {
      const date = new Date(2028, 0, 1 + day, day % 24);
      vi.setSystemTime(date);
      expect(currentYear()).toBe(date.getFullYear());
    }
  });
});
