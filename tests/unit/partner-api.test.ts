import { describe, expect, it } from "vitest";
import { partnerRecordsRequestSchema, sourcesOfPartner } from "@/lib/partner-api.ts";
import { recordsAsRows } from "@/server/ingest/import-records.ts";
import { ImportRefusedError } from "@/server/ingest/read/import-refused-error.ts";
import { getSource } from "@/server/ingest/sources/index.ts";
import type { RawRow } from "@/server/ingest/types.ts";
import { canonicalJson } from "@/server/partners/canonical-json.ts";
import { generateApiKeySecret, hashApiKeySecret, looksLikeApiKey } from "@/server/partners/api-key-secret.ts";

describe("API key secrets", () => {
  it("are jk_ + 32 random bytes, stored as SHA-256, with an 8-character prefix", () => {
    const a = generateApiKeySecret();
    const b = generateApiKeySecret();
    expect(a.secret).not.toBe(b.secret);
    expect(looksLikeApiKey(a.secret)).toBe(true);
    expect(looksLikeApiKey("jk_short")).toBe(false);
    expect(a.prefix).toBe(a.secret.slice(0, 8));
    expect(a.secretHash).toBe(hashApiKeySecret(a.secret));
    expect(a.secretHash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("canonical JSON", () => {
  it("ignores key order and spacing, keeps array order and values", () => {
    expect(canonicalJson(JSON.parse('{ "b": 1, "a": [ {"y": null, "x": "1"} ] }'))).toBe('{"a":[{"x":"1","y":null}],"b":1}');
    expect(canonicalJson({ records: [{ a: "1" }, { a: "2" }] })).not.toBe(canonicalJson({ records: [{ a: "2" }, { a: "1" }] }));
  });
});

describe("the records request", () => {
  it("takes text, numbers and null as values, nothing else", () => {
    expect(partnerRecordsRequestSchema.safeParse({ period: "2025-S1", records: [{ a: "x", b: 1, c: null }] }).success).toBe(true);
    expect(partnerRecordsRequestSchema.safeParse({ period: "2025-S1", records: [{ a: true }] }).success).toBe(false);
    expect(partnerRecordsRequestSchema.safeParse({ period: "2025-S1", records: [["x"]] }).success).toBe(false);
  });

  it("scopes each partner to its sources", () => {
    expect(sourcesOfPartner("ahu")).toEqual(["ahu-entitas", "ahu-pengurus", "ahu-notaris"]);
    expect(sourcesOfPartner("kemnaker")).toEqual(["kemnaker-bu", "kemnaker-tk"]);
  });
});

describe("records as rows", () => {
  const kemnaker = getSource("kemnaker-bu");
  async function collect(rows: AsyncIterable<RawRow>) {
    const all: RawRow[] = [];
    for await (const row of rows) all.push(row);
    return all;
  }

  it("makes one header cell per column, whichever name each record used, and unknown keys last", async () => {
    const { header, rows } = recordsAsRows(
      [
        { npwp: "1", "Nama Pemberi Kerja": "PT A", hobi: "x" },
        { NPWP: "2", nama_pemberi_kerja: "PT B", jumlah_pekerja: 5 },
        { nama_pemberi_kerja: null },
      ],
      kemnaker,
    );
    expect(header).toEqual(["npwp", "Nama Pemberi Kerja", "jumlah_pekerja", "hobi"]);
    expect(await collect(rows)).toEqual([
      { line: 0, cells: ["1", "PT A", "", "x"] },
      { line: 1, cells: ["2", "PT B", "5", ""] },
      { line: 2, cells: ["", "", "", ""] },
    ]);
  });

  it("refuses a record that names one column twice", () => {
    expect(() => recordsAsRows([{ npwp: "1" }, { npwp: "1", "No NPWP": "2" }], kemnaker)).toThrow(ImportRefusedError);
    expect(() => recordsAsRows([{ npwp: "1" }, { npwp: "1", "No NPWP": "2" }], kemnaker)).toThrow(/Rekaman 1: kolom ganda/);
  });
});
