import { describe, expect, it } from "vitest";
import { arrayLiteral, copyLine, copyValue, hasArraySpecials } from "@/server/ingest/copy-text.ts";
import { copyRawCells } from "@/server/ingest/raw-cells.ts";

describe("COPY text encoding", () => {
  it("escapes what COPY would misread and writes NULL as \\N", () => {
    expect(copyLine(["a\tb", "c\nd\r", "back\\slash", null, 42, true])).toBe("a\\tb\tc\\nd\\r\tback\\\\slash\t\\N\t42\ttrue\n");
  });

  it("builds array literals that keep quotes, commas and braces", () => {
    expect(arrayLiteral(['PT "Maju", Tbk', "{x}", ""])).toBe('{"PT \\"Maju\\", Tbk","{x}",""}');
  });

  it("writes raw's differing cells, COPY-escaped in one pass, as copyValue(arrayLiteral(…)) would", () => {
    const cells = ['PT "Maju", Tbk', "a\tb\\c", "line\nbreak\r", "plain", "{x}", ""];
    const indexes = [3, -1, 0, 1, 2, 9, 4, 5];
    // Columns 0 and 6 read as their fields write them: left out.
    const rendered = ["plain", "x", "other", "a\tb\\c", "", "", "{x}", "-"];
    const kept = [[1, ""], [2, cells[0]!], [4, cells[2]!], [7, ""]].map(([k, cell]) => `${k}:${cell}`);
    expect(copyRawCells(cells, indexes, rendered, true)).toBe(copyValue(arrayLiteral(["\u001f", ...kept])));
    expect(copyRawCells(cells, indexes, indexes.map((i) => (i >= 0 ? (cells[i] ?? "") : "")), true)).toBe("{}");
  });

  it("skips the per-cell escape test when the row as a whole holds no special character", () => {
    const cells = ["PT Maju, Tbk", "{x}", "", "Jl. Merdeka 1"];
    const rendered = ["", "", "x", ""];
    expect(hasArraySpecials(cells.join("\u001f"))).toBe(false);
    expect(copyRawCells(cells, [3, 0, -1, 1], rendered, false)).toBe(copyRawCells(cells, [3, 0, -1, 1], rendered, true));
    for (const special of ['"', "\\", "\t", "\n", "\r"]) expect(hasArraySpecials(`a\u001fb${special}`)).toBe(true);
  });
});
