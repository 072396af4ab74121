import { describe, expect, it } from "vitest";
import { arrayLiteral, copyLine } from "@/server/ingest/copy-text.ts";

describe("COPY text encoding", () => {
  it("escapes what COPY would misread and writes NULL as \\N", () => {
    expect(copyLine(["a\tb", "c\nd\r", "back\\slash", null, 42, true])).toBe("a\\tb\tc\\nd\\r\tback\\\\slash\t\\N\t42\ttrue\n");
  });

  it("builds array literals that keep quotes, commas and braces", () => {
    expect(arrayLiteral(['PT "Maju", Tbk', "{x}", ""])).toBe('{"PT \\"Maju\\", Tbk","{x}",""}');
  });
});
