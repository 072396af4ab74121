import { describe, expect, it } from "vitest";
import { LeadCountCache } from "@/server/leads/lead-count-cache.ts";

describe("LeadCountCache", () => {
  it("keeps an estimate five minutes and an overflowed count one minute, per filter and scope", () => {
    let now = 0;
    const cache = new LeadCountCache(() => now);
    const key = LeadCountCache.key("b.is_lead AND b.regency_code = $1", ["32.73"]);
    const other = LeadCountCache.key("b.is_lead AND b.regency_code = $1", ["35.78"]);
    expect(cache.estimate(key)).toBeNull();
    cache.rememberEstimate(key, 12_345);
    cache.rememberOverCap(key);
    expect(cache.estimate(key)).toBe(12_345);
    expect(cache.overCap(key)).toBe(true);
    expect(cache.estimate(other)).toBeNull();
    expect(cache.overCap(other)).toBe(false);
    now = 60_000;
    expect(cache.overCap(key)).toBe(false);
    expect(cache.estimate(key)).toBe(12_345);
    now = 5 * 60_000;
    expect(cache.estimate(key)).toBeNull();
  });

  it("forgets the oldest filters first once it holds 2,000", () => {
    const cache = new LeadCountCache(() => 0);
    for (let i = 0; i < 2_001; i++) cache.rememberEstimate(`k${i}`, i);
    expect(cache.estimate("k0")).toBeNull();
    expect(cache.estimate("k1")).toBe(1);
    expect(cache.estimate("k2000")).toBe(2_000);
  });
});
