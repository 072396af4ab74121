import { describe, expect, it } from "vitest";
import { telHref } from "@/components/leads/personal-data.tsx";
import { leadNeighbours, type RememberedLeadList } from "@/lib/leads/remembered-lead-list.ts";
import { sourceLabel } from "@/lib/sources.ts";

const list: RememberedLeadList = {
  href: "/prospek?urut=nama&arah=asc",
  leads: [
    { id: "11", name: "PT A" },
    { id: "12", name: "PT B" },
    { id: "13", name: "PT C" },
  ],
  nextHref: "/prospek?urut=nama&arah=asc&setelah=abc",
};

describe("the lead list a lead was opened from", () => {
  it("offers the previous and next lead, and the next page after the last", () => {
    expect(leadNeighbours(list, "12")).toEqual({ previous: { href: "/prospek/11", name: "PT A" }, next: { href: "/prospek/13", name: "PT C" } });
    expect(leadNeighbours(list, "11")!.previous).toBeNull();
    expect(leadNeighbours(list, "13")!.next).toEqual({ href: list.nextHref, name: "halaman berikutnya" });
    expect(leadNeighbours({ ...list, nextHref: null }, "13")!.next).toBeNull();
  });

  it("says nothing of a lead that is not on it", () => {
    expect(leadNeighbours(list, "99")).toBeNull();
  });
});

describe("contact links", () => {
  it("dial the digits of a written phone number, and nothing that is not one", () => {
    expect(telHref("(022) 123-4567")).toBe("tel:0221234567");
    expect(telHref("+62 812 3456 7890")).toBe("tel:+6281234567890");
    expect(telHref("ext. 12")).toBeNull();
  });

  it("name sources as people know them", () => {
    expect(sourceLabel("ahu-entitas")).toBe("AHU — PT, CV, Firma, Persekutuan Perdata");
    expect(sourceLabel("pajak")).toBe("pajak");
  });
});

describe("keyset pages with a way back", () => {
  it("carries the pages before in the URL, so Sebelumnya returns page by page", async () => {
    const { leadListHref, nextLeadPage, parseLeadListState, previousLeadPage } = await import("@/lib/leads/lead-url-state.ts");
    const reparse = (state: ReturnType<typeof parseLeadListState>) => parseLeadListState(new URL(leadListHref(state), "http://x").searchParams);
    const first = parseLeadListState(new URLSearchParams("skala=mikro"));
    const second = reparse(nextLeadPage(first, "AAA"));
    const third = reparse(nextLeadPage(second, "BBB"));
    expect(leadListHref(third)).toBe("/prospek?skala=mikro&setelah=BBB&lalu=%7E.AAA");
    const back = reparse(previousLeadPage(third)!);
    expect(leadListHref(back)).toBe("/prospek?skala=mikro&setelah=AAA&lalu=%7E");
    expect(leadListHref(previousLeadPage(back)!)).toBe("/prospek?skala=mikro");
    expect(previousLeadPage(first)).toBeNull();
    // An old link with a cursor but no way back offers none (the page offers "Halaman pertama").
    expect(previousLeadPage(parseLeadListState(new URLSearchParams("setelah=AAA")))).toBeNull();
  });
});
