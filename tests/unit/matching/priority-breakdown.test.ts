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

  it("scores as the formula in docs/matching.md says", () => {
    const base: PriorityInput = { status: "BELUM_TERDAFTAR", workerCount: null, workerGap: null, businessScale: null, phone: null, email: null, address: null, latestPeriod: "2025-S2" };
    const score = (fields: Partial<PriorityInput>) => priorityScore({ ...base, ...fields }, "2025-S2");
    // 1,000 workers 40 + Besar 15 + Belum terdaftar 15 + telephone, email, address 15 + newest period 15.
    expect(score({ workerCount: 1000, businessScale: "BESAR", phone: "+62221234567", email: "a@b.id", address: "Jl. A" })).toBe(100);
    // Daftar sebagian counts the gap (0 → 0), Mikro 2, status 12, telephone 7, one semester old 10.
    expect(score({ status: "DAFTAR_SEBAGIAN", workerCount: 7, workerGap: 0, businessScale: "MIKRO", phone: "+62221234567", latestPeriod: "2025-S1" })).toBe(31);
    // Workers unknown: Kecil stands for 10 (40·log10 11 / log10 1001 = 13.9), Kecil 5, nonaktif 10, eleven semesters old 0.
    expect(score({ status: "TERDAFTAR_NONAKTIF", businessScale: "KECIL", latestPeriod: "2020-S1" })).toBe(29);
    // 9 workers 13.3 + status 15 + email 5 + newest 15.
    expect(score({ workerCount: 9, email: "a@b.id" })).toBe(48);
    expect(score({ status: "TERDAFTAR_AKTIF", workerCount: 1000 })).toBe(0);
  });
});
