import { describe, expect, it } from "vitest";
import {
  NOT_REGISTERED_HERE,
  parseWorkerListQuery,
  workerCountOf,
  workerListHref,
  WORKER_STATUSES,
} from "@/lib/leads/worker-status.ts";

describe("the lead page's workers table state", () => {
  it("reads a status slug and a page, falling back to every worker on page 1", () => {
    expect(parseWorkerListQuery({})).toEqual({ status: null, page: 1 });
    expect(parseWorkerListQuery({ pekerja: "belum-terdaftar", halaman_pekerja: "3" })).toEqual({ status: "BELUM_TERDAFTAR", page: 3 });
    expect(parseWorkerListQuery(new URLSearchParams("pekerja=Segmen-Lain&halaman_pekerja=2"))).toEqual({ status: "SEGMEN_LAIN", page: 2 });
    expect(parseWorkerListQuery({ pekerja: "hilang", halaman_pekerja: "0" })).toEqual({ status: null, page: 1 });
    expect(parseWorkerListQuery({ pekerja: ["di-pemberi-kerja-lain", "x"], halaman_pekerja: "dua" })).toEqual({ status: "TERDAFTAR_DI_LAIN", page: 1 });
  });

  it("writes only what differs from the default, and returns to the section", () => {
    expect(workerListHref("/prospek/7", { status: null, page: 1 })).toBe("/prospek/7#pekerja");
    expect(workerListHref("/prospek/7", { status: "TERDAFTAR_DI_SINI", page: 2 })).toBe("/prospek/7?pekerja=di-pemberi-kerja-ini&halaman_pekerja=2#pekerja");
    for (const status of [null, ...WORKER_STATUSES]) {
      const href = workerListHref("/prospek/7", { status, page: 4 });
      expect(parseWorkerListQuery(new URL(href, "http://x").searchParams)).toEqual({ status, page: 4 });
    }
  });

  it("counts per status from the business's columns, and exports everyone not registered here", () => {
    const counts = { listed: 10, here: 4, elsewhere: 1, otherSegment: 2, unregistered: 3 };
    expect([null, ...WORKER_STATUSES].map((s) => workerCountOf(counts, s))).toEqual([10, 3, 2, 1, 4]);
    expect(NOT_REGISTERED_HERE.reduce((sum, s) => sum + workerCountOf(counts, s), 0)).toBe(counts.listed - counts.here);
  });
});
