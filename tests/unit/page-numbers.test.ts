import { describe, expect, it } from "vitest";
import { pageNumbers, type PageNumberEntry } from "@/lib/page-numbers.ts";

const render = (entries: PageNumberEntry[]) => entries.map((e) => ("page" in e ? String(e.page) : "…")).join(" ");

describe("pageNumbers", () => {
  it("offers nothing for a single page", () => {
    expect(pageNumbers(1, 1)).toEqual([]);
    expect(pageNumbers(1, 0)).toEqual([]);
  });

  it("lists every page of a short list", () => {
    expect(render(pageNumbers(1, 5))).toBe("1 2 3 4 5");
    expect(render(pageNumbers(4, 7))).toBe("1 2 3 4 5 6 7");
  });

  it("keeps the first and last page and two on each side of the current one, with gaps between", () => {
    expect(render(pageNumbers(1, 20))).toBe("1 2 3 … 20");
    expect(render(pageNumbers(10, 20))).toBe("1 … 8 9 10 11 12 … 20");
    expect(render(pageNumbers(20, 20))).toBe("1 … 18 19 20");
  });

  it("shows a single left-out page instead of a gap", () => {
    expect(render(pageNumbers(5, 20))).toBe("1 2 3 4 5 6 7 … 20");
  });

  it("clamps a page beyond the list to its last page", () => {
    expect(render(pageNumbers(99, 4))).toBe("1 2 3 4");
  });

  it("never offers more than nine entries", () => {
    for (let count = 1; count <= 60; count++) for (let page = 1; page <= count; page++) expect(pageNumbers(page, count).length).toBeLessThanOrEqual(9);
  });
});
