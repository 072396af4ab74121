import { describe, expect, it } from "vitest";
import { parseBusinessName } from "@/lib/names/business-name.ts";
import { nameKeys } from "@/server/matching/blocking-keys.ts";
import { IdfWeights } from "@/server/matching/name-similarity.ts";
import { addressOverlap, AUTO_LINK, REVIEW, scorePair } from "@/server/matching/score-pair.ts";
import type { MatchRecord } from "@/server/matching/types.ts";

const weights = new IdfWeights(() => 1, 1000);

function rec(name: string, fields: Partial<MatchRecord> = {}): MatchRecord {
  const parsed = parseBusinessName(name);
  return {
    id: 1n,
    source: "kemnaker-bu",
    period: "2025-S2",
    name,
    legalForm: parsed.legalForm,
    core: parsed.core,
    tokens: parsed.tokens,
    key: parsed.key,
    branch: parsed.branch,
    npwp: null,
    nib: null,
    kodeWlkp: null,
    kodeBadanUsaha: null,
    provinceCode: "12",
    regencyCode: "12.71",
    districtCode: "12.71.07",
    villageCode: "12.71.07.1001",
    address: "JL. KERTAJAYA NO. 227",
    postcode: "20216",
    phone: null,
    email: "admin@pratamaharmoni.co.id",
    workerCount: null,
    businessScale: null,
    kbli: null,
    registered: null,
    active: null,
    registeredWorkers: null,
    fingerprint: "",
    ...fields,
  };
}

describe("scorePair: contacts and the place", () => {
  it("links one office's records that share an email", () => {
    const score = scorePair(rec("PT PRATAMA HARMONI"), rec("PRATAMA HARMONI, PT", { source: "bpjs-bu" }), weights)!.score;
    expect(score).toBeGreaterThanOrEqual(AUTO_LINK);
  });

  it("does not let the company's email join an office in another district at another address: a review, not a link", () => {
    const branch = rec("PRATAMA HARMONI,PT", { districtCode: "12.71.17", villageCode: "12.71.17.1001", address: "KOMP. ANGGREK NO. 249", postcode: "20245" });
    const result = scorePair(rec("PT PRATAMA HARMONI", { source: "bpjs-bu" }), branch, weights)!;
    expect(result.score).toBeLessThan(AUTO_LINK);
    expect(result.score).toBeGreaterThanOrEqual(REVIEW);
    expect(result.evidence.agree).toContain("email");
    expect(result.evidence.disagree).toEqual(expect.arrayContaining(["kecamatan", "alamat"]));
  });

  it("keeps two businesses of one common name in one district apart when village, postcode and address differ", () => {
    const a = rec("UD MAJU JAYA", { email: null, address: "KOMP. PANGLIMA POLIM NO. 240A", villageCode: "12.71.07.1001" });
    const b = rec("MAJU JAYA UD.", { email: null, address: "KOMP. PANGERAN ANTASARI NO. 59", villageCode: "12.71.07.1002", postcode: "20217", source: "bpjs-bu" });
    expect(scorePair(a, b, weights)!.score).toBeLessThan(AUTO_LINK);
  });

  it("does not count the words every address has (KOMP., PERUM., RUKO) as a shared address", () => {
    expect(addressOverlap("KOMP. PANGLIMA POLIM NO. 240A", "KOMP. PANGERAN ANTASARI NO. 59")).toBe(0);
    expect(addressOverlap("Ruko Permata Blok B No. 7", "RUKO PERMATA BLOK B NO. 7 RT 003/RW 005")).toBe(1);
  });
});

describe("nameKeys: a one-word name meets its typo", () => {
  const keysOf = (name: string) => new Set(nameKeys(rec(name)).map((k) => k.key));
  const shared = (a: string, b: string) => [...keysOf(a)].filter((k) => keysOf(b).has(k));

  it("gives a one-word name its first and last five letters as keys", () => {
    expect(shared("PT BORNEOGUNA", "PERSEROAN TERBATAS BORNEOGHNA")).toEqual(["h:12.71:BORNE"]);
    expect(shared("PT BINAINDO", "BIHAINDO, PT")).toEqual(["e:12.71:AINDO"]);
  });

  it("leaves short one-word names and longer names to their words", () => {
    expect([...keysOf("PT ANUGRAH")].some((k) => k.startsWith("h:"))).toBe(true);
    expect([...keysOf("PT JAYAMU")].some((k) => k.startsWith("h:") || k.startsWith("e:"))).toBe(false);
    expect([...keysOf("PT SINAR JAYA")].some((k) => k.startsWith("h:") || k.startsWith("e:"))).toBe(false);
  });
});
