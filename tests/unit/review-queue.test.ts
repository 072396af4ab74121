import { describe, expect, it } from "vitest";
import { comparisonRows, type ComparedRecord } from "@/components/matching/comparison-rows.ts";
import { decideReviewSchema, parseReviewQuery, reviewQueryHref } from "@/lib/match-review.ts";
import { formatPercent } from "@/lib/format.ts";

const record = (overrides: Partial<ComparedRecord>): ComparedRecord => ({
  source: "kemnaker-bu",
  period: "2025-S2",
  name: "PT Sinar Jaya",
  legalForm: "PT",
  npwp: null,
  nib: null,
  kodeWlkp: null,
  registeredWorkers: null,
  kodeBadanUsaha: null,
  province: { code: "32", name: "Jawa Barat" },
  regency: { code: "32.73", name: "Kota Bandung" },
  district: null,
  village: null,
  address: null,
  postcode: null,
  phone: null,
  email: null,
  workerCount: null,
  kbli: null,
  ...overrides,
});

describe("review queue URL", () => {
  it("reads status and page with safe defaults, and writes only what differs from them", () => {
    expect(parseReviewQuery({})).toEqual({ status: "PENDING", page: 1 });
    expect(parseReviewQuery({ status: "ditolak", halaman: "3" })).toEqual({ status: "REJECTED", page: 3 });
    expect(parseReviewQuery({ status: ["dikonfirmasi", "ditolak"], halaman: "-2" })).toEqual({ status: "CONFIRMED", page: 1 });
    expect(parseReviewQuery({ status: "PENDING", halaman: "abc" })).toEqual({ status: "PENDING", page: 1 });
    expect(reviewQueryHref("/tinjauan", { status: "PENDING", page: 1 })).toBe("/tinjauan");
    expect(reviewQueryHref("/tinjauan", { status: "CONFIRMED", page: 2 })).toBe("/tinjauan?status=dikonfirmasi&halaman=2");
  });

  it("formats scores as id-ID percentages", () => {
    expect(formatPercent(0.853)).toBe("85,3%");
    expect(formatPercent(0.8)).toBe("80%");
  });

  it("trims the note and treats an empty one as none", () => {
    expect(decideReviewSchema.parse({ reviewId: "12", decision: "CONFIRMED", note: "  " })).toEqual({ reviewId: "12", decision: "CONFIRMED", note: null });
    expect(decideReviewSchema.safeParse({ reviewId: "0", decision: "CONFIRMED" }).success).toBe(false);
    expect(decideReviewSchema.safeParse({ reviewId: "12", decision: "CONFIRMED", note: "x".repeat(501) }).success).toBe(false);
  });
});

describe("comparisonRows", () => {
  it("puts both records side by side and marks the fields the matcher found agreeing or disagreeing", () => {
    const rows = comparisonRows({
      nameSimilarity: 0.934,
      agree: ["bentuk_usaha", "kode_pos"],
      disagree: ["kecamatan", "alamat"],
      left: record({ district: { code: "32.73.01", name: "Sukasari" }, postcode: "40151", workerCount: 1200, kodeWlkp: "W-1" }),
      right: record({ source: "bpjs-bu", name: "PT Sinar Jaja", district: { code: "32.73.02", name: "Coblong" }, postcode: "40151", kodeBadanUsaha: "B-9" }),
    });
    const byLabel = new Map(rows.map((row) => [row.label, row]));
    expect(byLabel.get("Nama")).toMatchObject({ left: "PT Sinar Jaya", right: "PT Sinar Jaja", verdict: null, note: "kemiripan 93,4%" });
    expect(byLabel.get("Kecamatan")).toMatchObject({ left: "Sukasari (32.73.01)", right: "Coblong (32.73.02)", verdict: "disagree" });
    expect(byLabel.get("Kode pos")?.verdict).toBe("agree");
    expect(byLabel.get("Bentuk usaha")).toMatchObject({ left: "PT (Perseroan Terbatas)", verdict: "agree" });
    expect(byLabel.get("Alamat")?.verdict).toBe("disagree");
    expect(byLabel.get("Telepon")).toMatchObject({ left: null, right: null, verdict: null });
    expect(byLabel.get("Kode mitra")).toMatchObject({ left: "Kode WLKP W-1", right: "Kode Badan Usaha B-9" });
    expect(byLabel.get("Jumlah pekerja")?.left).toBe("1.200");
    expect(byLabel.get("Sumber")?.right).toMatch(/^BPJS/);
  });

  it("says Sama only where both records have a value", () => {
    const rows = comparisonRows({
      nameSimilarity: 0.95,
      agree: ["telepon", "kode_pos", "kecamatan"],
      disagree: [],
      left: record({ phone: "022-7201234", postcode: "40151", district: null }),
      right: record({ source: "bpjs-bu", phone: null, postcode: "40151", district: null }),
    });
    const byLabel = new Map(rows.map((row) => [row.label, row]));
    expect(byLabel.get("Kode pos")?.verdict).toBe("agree");
    expect(byLabel.get("Telepon")).toMatchObject({ left: "022-7201234", right: null, verdict: null });
    expect(byLabel.get("Kecamatan")).toMatchObject({ left: null, right: null, verdict: null });
  });

  it("notes a branch against its head office on the name", () => {
    const [, , name] = comparisonRows({ nameSimilarity: 0.9, agree: [], disagree: ["cabang"], left: record({}), right: record({}) });
    expect(name).toMatchObject({ label: "Nama", verdict: "disagree", note: "kemiripan 90%, cabang berbeda" });
  });
});
