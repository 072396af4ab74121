import { describe, expect, it } from "vitest";
import { columnLetters, escapeXml } from "@/server/exports/xlsx.ts";

describe("the XLSX writer's cell text and references", () => {
  it("names columns as spreadsheets do", () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnLetters)).toEqual(["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
  });

  it("escapes markup and drops the control characters XML cannot carry, keeping tab and line breaks", () => {
    expect(escapeXml(`PT "A" & <B> 'C'`)).toBe("PT &quot;A&quot; &amp; &lt;B&gt; &apos;C&apos;");
    expect(escapeXml("a\u0001b\u000Bc\u007Fd\te\nf\rg")).toBe("abcd\te\nf\rg");
    expect(escapeXml("plain")).toBe("plain");
  });
});
