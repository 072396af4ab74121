import { afterEach, describe, expect, it } from "vitest";
import { createRegionResolver } from "@/server/ingest/region-resolver.ts";
import { importThreads, startRowProcessor } from "@/server/ingest/row-workers.ts";
import { extraJson } from "@/server/ingest/row-work.ts";

const REGIONS = createRegionResolver([
  { code: "32", name: "JAWA BARAT", level: "PROVINCE", parentCode: null },
  { code: "32.73", name: "KOTA BANDUNG", level: "REGENCY", parentCode: "32" },
]);
const HEADER = ["NPWP", "Nama Pemberi Kerja", "Kode Kabupaten", "Nomor Telepon"];
const SETUP = { source: "kemnaker-bu" as const, header: HEADER, batchId: "00000000-0000-4000-8000-000000000000" };
const ROWS = [
  { line: 2, cells: ["01.312.166.0-091.000", "PT Sinar Jaya", "3273", "022-1234567"] },
  { line: 3, cells: ["", "", "3273", ""] },
  { line: 4, cells: ["0013121660091000", "PT \"Kutip\"\tTab", "9999", "081234567890"] },
];

afterEach(() => {
  delete process.env.JANGKAU_IMPORT_THREADS;
});

describe("an import's row processor", () => {
  it("gives in worker threads exactly what the importing thread gives", async () => {
    const inThread = startRowProcessor(SETUP, REGIONS, 0);
    const threaded = startRowProcessor(SETUP, REGIONS, 2);
    try {
      expect(inThread.threads).toBe(0);
      expect(threaded.threads).toBe(2);
      const [a, b, c] = await Promise.all([inThread.submit(ROWS), threaded.submit(ROWS), threaded.submit(ROWS.slice(1))]);
      expect(b).toEqual(a);
      // The second thread took the second job: same rows, same digests.
      expect(c.digests).toEqual(a.digests.subarray(4));
      expect(a.events.map((e) => [e.row, e.kind])).toEqual([[1, "rejected"], [2, "warned"]]);
      expect(Buffer.from(a.copy).toString().split("\n")).toHaveLength(3);
    } finally {
      await Promise.all([inThread.close(), threaded.close()]);
    }
  });

  it("uses threads for large deliveries only, unless JANGKAU_IMPORT_THREADS says otherwise", () => {
    expect(importThreads(1_000_000, 8)).toBe(0);
    expect(importThreads(300_000_000, 2)).toBe(0);
    expect(importThreads(300_000_000, 4)).toBe(2);
    expect(importThreads(300_000_000, 16)).toBe(4);
    process.env.JANGKAU_IMPORT_THREADS = "2";
    expect(importThreads(1_000, 2)).toBe(2);
    process.env.JANGKAU_IMPORT_THREADS = "0";
    expect(importThreads(300_000_000, 16)).toBe(0);
  });

  it("stores extra without its empty keys", () => {
    expect(extraJson({ a: null, b: "", c: "x", d: 0, e: false, f: "tab\t\"q\"" })).toBe('{"c":"x","d":0,"e":false,"f":"tab\\t\\"q\\""}');
  });

  it("writes extra exactly as JSON.stringify, escapes and surrogates included", () => {
    const strings = ["PT Sinar", "a\\b", 'say "hi"', "line\nbreak", "\u0001x", "emoji 😀", "lone \ud800", "ünï", "1.5E+3"];
    for (const value of strings) {
      const extra = { text: value, n: 2.5, yes: true, none: null };
      expect(extraJson(extra)).toBe(JSON.stringify({ text: value, n: 2.5, yes: true }));
    }
  });
});
