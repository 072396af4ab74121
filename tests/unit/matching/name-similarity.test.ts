import { describe, expect, it } from "vitest";
import { parseBusinessName } from "@/lib/names/business-name.ts";
import { IdfWeights, nameSimilarity, wordsAlike, type TokenWeights } from "@/server/matching/name-similarity.ts";

/** Document frequencies of a large town: MAJU and MAKMUR everywhere, a misspelling nowhere else. */
const FREQUENCY: Readonly<Record<string, number>> = { MAJU: 400, MAKMUR: 300, JAYA: 900, PANORAMA: 3, SEJATI: 20 };
const weights: TokenWeights = new IdfWeights((t) => FREQUENCY[t] ?? 1, 20_000);

function similarity(a: string, b: string): number {
  const x = parseBusinessName(a);
  const y = parseBusinessName(b);
  return nameSimilarity(x.tokens, x.key, y.tokens, y.key, weights);
}

describe("wordsAlike", () => {
  it("reads a short word without its first letter as the word (AJU for MAJU)", () => {
    expect(wordsAlike("AJU", "MAJU")).toBe(true);
    expect(wordsAlike("MAJU", "AJU")).toBe(true);
    expect(wordsAlike("AYA", "JAYA")).toBe(true);
  });

  it("reads a three-letter word with its first letter one key off as the word (DRA for ERA)", () => {
    expect(wordsAlike("DRA", "ERA")).toBe(true);
    expect(wordsAlike("NAS", "MAS")).toBe(true);
  });

  it("keeps other three-letter words apart", () => {
    expect(wordsAlike("MAJ", "MAJU")).toBe(false); // last letter dropped: another word as often as not
    expect(wordsAlike("MAS", "BAS")).toBe(false); // B is nowhere near M
    expect(wordsAlike("ERA", "EDA")).toBe(false); // only the first letter may slip
    expect(wordsAlike("AJU", "MAJUS")).toBe(false);
    expect(wordsAlike("AJU", "AJU")).toBe(false); // equal words never reach the fuzzy test
  });

  it("still takes one edit in words of four letters, two from eight", () => {
    expect(wordsAlike("NAJU", "MAJU")).toBe(true);
    expect(wordsAlike("PANORAMA", "PANRAMAA")).toBe(true);
    expect(wordsAlike("NAJA", "MAJU")).toBe(false);
  });
});

describe("nameSimilarity: a misspelt word weighs what the word weighs", () => {
  it("does not let a rare-looking misspelling of a common word outweigh the rest of the name", () => {
    // JAJU is unseen (heavy), MAJU common (light): both sides now count MAJU's weight.
    expect(similarity("PT JAJU MAKMUR PANORAMA", "PT MAJU MAKMUR PANORAMA")).toBeGreaterThan(0.95);
    expect(similarity("UD AJU JAYA SEJATI", "UD MAJU JAYA SEJATI")).toBeGreaterThan(0.95);
  });

  it("keeps names with different rare words apart", () => {
    expect(similarity("PT MAJU MAKMUR PANORAMA", "PT MAJU MAKMUR SENTOSA")).toBeLessThan(0.7);
    expect(similarity("CV MAJU JAYA", "CV JAYA")).toBeLessThan(0.8);
  });

  it("gives equal names 1 and a one-letter slip in a rare word less than 1", () => {
    expect(similarity("PT MAJU MAKMUR PANORAMA", "MAJU MAKMUR PANORAMA, PT")).toBe(1);
    const slip = similarity("PT MAJU MAKMUR PANORAMA", "PT MAJU MAKMUR PANORAMAA");
    expect(slip).toBeLessThan(1);
    expect(slip).toBeGreaterThan(0.9);
  });
});
