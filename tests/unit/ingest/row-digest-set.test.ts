import { describe, expect, it } from "vitest";
import { RowDigestSet } from "@/server/ingest/row-digest-set.ts";

describe("RowDigestSet", () => {
  it("adds a text once and refuses it after, whatever else was added in between", () => {
    const seen = new RowDigestSet();
    expect(seen.add("a\u001fb")).toBe(true);
    expect(seen.add("a\u001fc")).toBe(true);
    expect(seen.add("a\u001fb")).toBe(false);
    expect(seen.add("")).toBe(true);
    expect(seen.add("")).toBe(false);
    expect(seen.size).toBe(3);
  });

  it("keeps every text through its growth", () => {
    const seen = new RowDigestSet();
    const count = 600_000; // each of the 256 segments doubles twice past its initial 1,024 slots
    let added = 0;
    for (let i = 0; i < count; i++) if (seen.add(`row ${i}`)) added++;
    let refused = 0;
    for (let i = 0; i < count; i++) if (!seen.add(`row ${i}`)) refused++;
    expect([added, refused]).toEqual([count, count]);
    expect(seen.size).toBe(count);
  });
});
