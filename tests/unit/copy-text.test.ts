import { describe, expect, it } from "vitest";
import { arrayLiteral, copyArrayLiteral, copyLine, copyValue, hasArraySpecials } from "@/server/ingest/copy-text.ts";

describe("COPY text encoding", () => {
  it("escapes what COPY would misread and writes NULL as \\N", () => {
    expect(copyLine(["a\tb", "c\nd\r", "back\\slash", null, 42, true])).toBe("a\\tb\tc\\nd\\r\tback\\\\slash\t\\N\t42\ttrue\n");
  });

  it("builds array literals that keep quotes, commas and braces", () => {
    expect(arrayLiteral(['PT "Maju", Tbk', "{x}", ""])).toBe('{"PT \\"Maju\\", Tbk","{x}",""}');
  });

  it("writes a COPY-escaped array literal of picked cells in one pass, as copyValue(arrayLiteral(…)) would", () => {
    const cells = ['PT "Maju", Tbk', "a\tb\\c", "line\nbreak\r", "plain", "{x}", ""];
    const indexes = [3, -1, 0, 1, 2, 9, 4, 5];
    const picked = indexes.map((i) => (i >= 0 ? (cells[i] ?? "") : ""));
    expect(copyArrayLiteral(cells, indexes)).toBe(copyValue(arrayLiteral(picked)));
    expect(copyArrayLiteral(cells, [])).toBe("{}");
  });

  it("skips the per-cell escape test when the row as a whole holds no special character", () => {
    const cells = ["PT Maju, Tbk", "{x}", "", "Jl. Merdeka 1"];
    expect(hasArraySpecials(cells.join("\u001f"))).toBe(false);
    expect(copyArrayLiteral(cells, [3, 0, -1, 1], false)).toBe(copyArrayLiteral(cells, [3, 0, -1, 1]));
    for (const special of ['"', "\\", "\t", "\n", "\r"]) expect(hasArraySpecials(`a\u001fb${special}`)).toBe(true);
  });
});
