import { describe, expect, it } from "vitest";
import { detectDelimiter } from "@/server/ingest/read/detect-delimiter.ts";

describe("detectDelimiter", () => {
  it.each([
    ["comma", "a,b,c\n1,2,3\n", ","],
    ["semicolon", "a;b;c\n1;2;3\n", ";"],
    ["pipe", "a|b|c\n1|2|3\n", "|"],
    ["tab", "a\tb\tc\n1\t2\t3\n", "\t"],
  ])("%s", (_, sample, expected) => {
    expect(detectDelimiter(sample, true)).toBe(expected);
  });

  it("prefers the delimiter whose count is the same on every line", () => {
    // Excel in an Indonesian locale: ";" between columns, "," inside unquoted addresses.
    const sample = "nama;alamat;kota\nPT A;Jl. B, No. 1, RT 2;Bandung\nPT C;Jl. D;Bogor\nPT E;Jl. F, No. 3;Depok\n";
    expect(detectDelimiter(sample, true)).toBe(";");
  });

  it("ignores delimiters inside quotes, escaped quotes and quoted line breaks included", () => {
    const sample = 'nama|alamat\n"PT ""A"", B, C"|"Jl. X,\nY, Z"\n"PT D, E"|Jl. F\n';
    expect(detectDelimiter(sample, true)).toBe("|");
  });

  it("a header with more columns wins when rows disagree equally", () => {
    expect(detectDelimiter("a;b;c,d\n", true)).toBe(";");
  });

  it("falls back to comma for one column or an empty sample", () => {
    expect(detectDelimiter("npwp\n01\n", true)).toBe(",");
    expect(detectDelimiter("", true)).toBe(",");
  });

  it("ignores the last, possibly cut, record of an incomplete sample", () => {
    // Cut mid-record: "3,4;5;6" would disagree with ";" if it were counted as a record.
    expect(detectDelimiter("a;b;c\n1;2;3\n1;2;3\n3,4", false)).toBe(";");
  });

  it("skips empty lines", () => {
    expect(detectDelimiter("\n\na\tb\n\n1\t2\n", true)).toBe("\t");
  });
});
