import { describe, expect, it } from "vitest";
import { knownWorkerGap } from "@/lib/leads/worker-gap.ts";

describe("knownWorkerGap", () => {
  it("is unknown for a registered business whose registered workers nobody reported", () => {
    expect(knownWorkerGap({ status: "TERDAFTAR_NONAKTIF", workerCount: 40, registeredWorkers: null, workerGap: 0 })).toBeNull();
    expect(knownWorkerGap({ status: "DAFTAR_SEBAGIAN", workerCount: 40, registeredWorkers: null, workerGap: 0 })).toBeNull();
  });

  it("is unknown without Kemnaker's count", () => {
    expect(knownWorkerGap({ status: "BELUM_TERDAFTAR", workerCount: null, registeredWorkers: null, workerGap: null })).toBeNull();
  });

  it("is the stored gap when both sides are known, or the business is not registered at all", () => {
    expect(knownWorkerGap({ status: "DAFTAR_SEBAGIAN", workerCount: 40, registeredWorkers: 30, workerGap: 10 })).toBe(10);
    expect(knownWorkerGap({ status: "BELUM_TERDAFTAR", workerCount: 12, registeredWorkers: null, workerGap: 12 })).toBe(12);
    expect(knownWorkerGap({ status: "TERDAFTAR_AKTIF", workerCount: 5, registeredWorkers: 5, workerGap: 0 })).toBe(0);
  });
});
