import { describe, expect, it } from "vitest";
import type { BusinessStatus } from "@/server/db/generated/enums.ts";
import { priorityBreakdown, priorityScore, type PriorityInput } from "@/server/matching/priority.ts";

describe("priority breakdown", () => {
  it("is made of parts within their ceilings that add up to the score, for every combination of the formula's inputs", () => {
    const statuses: BusinessStatus[] = ["BELUM_TERDAFTAR", "DAFTAR_SEBAGIAN", "TERDAFTAR_NONAKTIF", "TERDAFTAR_AKTIF"];
    let checked = 0;
    for (const status of statuses)
      for (const workerCount of [null, 0, 7, 120, 5000])
        for (const workerGap of [null, 3, 80])
          for (const businessScale of [null, "MIKRO", "BESAR"])
            for (const contact of [0, 1, 2, 3])
              for (const latestPeriod of ["2025-S2", "2024-S1", "2020-S1"]) {
                const input: PriorityInput = {
                  status,
                  workerCount,
                  workerGap,
                  businessScale,
                  phone: contact > 0 ? "+62221234567" : null,
                  email: contact > 1 ? "info@contoh.co.id" : null,
                  address: contact > 2 ? "Jl. Merdeka 1" : null,
                  latestPeriod,
                };
                const breakdown = priorityBreakdown(input, "2025-S2");
                expect(breakdown.total).toBe(priorityScore(input, "2025-S2"));
                expect(breakdown.total).toBe(Math.round(breakdown.parts.reduce((sum, p) => sum + p.points, 0)));
                expect(breakdown.total).toBeGreaterThanOrEqual(0);
                expect(breakdown.total).toBeLessThanOrEqual(100);
                for (const part of breakdown.parts) {
                  expect(part.points).toBeGreaterThanOrEqual(0);
                  expect(part.points).toBeLessThanOrEqual(part.max);
                }
                checked++;
              }
    expect(checked).toBe(4 * 5 * 3 * 3 * 4 * 3);
  });
});
