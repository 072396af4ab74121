import { describe, expect, it } from "vitest";
import { makeNpwp15 } from "@/lib/identifiers/npwp.ts";
import { parseBusinessName } from "@/lib/names/business-name.ts";
import { classifyBusiness } from "@/server/matching/classify.ts";
import { fingerprintOf } from "@/server/matching/fingerprint.ts";
import { IdfWeights } from "@/server/matching/name-similarity.ts";
import { semestersBetween, priorityScore } from "@/server/matching/priority.ts";
import { resolveRecords } from "@/server/matching/resolve.ts";
import { anchorOf, assignBusinessIds, businessIdOf, successorIds } from "@/server/matching/business-ids.ts";
import { pairKey, type MatchRecord } from "@/server/matching/types.ts";

let nextId = 1n;

/** A current business record as the loader would build it. */
function rec(fields: Partial<MatchRecord> & { name: string; source: MatchRecord["source"] }): MatchRecord {
  const parsed = parseBusinessName(fields.name);
  const r: MatchRecord = {
    id: nextId++,
    period: "2025-S2",
    legalForm: parsed.legalForm,
    core: parsed.core,
    tokens: parsed.tokens,
    key: parsed.key,
    branch: parsed.branch,
    npwp: null,
    nib: null,
    kodeWlkp: null,
    kodeBadanUsaha: null,
    provinceCode: "32",
    regencyCode: "32.73",
    districtCode: null,
    villageCode: null,
    address: null,
    postcode: null,
    phone: null,
    email: null,
    workerCount: null,
    businessScale: null,
    kbli: null,
    registered: null,
    active: null,
    registeredWorkers: null,
    fingerprint: "",
    ...fields,
  };
  r.fingerprint = fields.fingerprint ?? fingerprintOf(r);
  return r;
}

/** 16-digit NPWP (0 + valid 15-digit form). */
function npwp(prefix8: string, branch = "000"): string {
  return `0${makeNpwp15(prefix8, "423", branch)}`;
}

const flatWeights = new IdfWeights(() => 1, 1000);

function resolve(records: MatchRecord[], decisions = new Map<string, "CONFIRMED" | "REJECTED">()) {
  const result = resolveRecords({ records, weights: flatWeights, decisions });
  const clusterOf = new Map<bigint, number>();
  result.clusters.forEach((c, i) => c.members.forEach((m) => clusterOf.set(records[m]!.id, i)));
  const together = (a: MatchRecord, b: MatchRecord) => clusterOf.get(a.id) === clusterOf.get(b.id);
  return { ...result, together };
}

describe("resolveRecords", () => {
  it("links the same records the same way whatever order they come in", () => {
    // One NIB on two taxpayers and on a record without an NPWP: the NIB joins it to one of them,
    // the one first by fingerprint, never the one that happened to be imported first.
    const x = rec({ source: "ahu-entitas", name: "PT SINAR JAYA ABADI", npwp: npwp("01234567"), nib: "1234567890123" });
    const y = rec({ source: "kemnaker-bu", name: "PT SINAR JAYA ABADI", npwp: npwp("07654321"), nib: "1234567890123", kodeWlkp: "W9" });
    const z = rec({ source: "bpjs-bu", name: "PT SINAR JAYA", nib: "1234567890123", kodeBadanUsaha: "B9" });
    // Three names scoring alike: of the equal pairs, the first by fingerprint links first.
    const p = rec({ source: "kemnaker-bu", name: "CV MEGA TIRTA", kodeWlkp: "W7" });
    const q = rec({ source: "bpjs-bu", name: "CV MEGA TIRTA", kodeBadanUsaha: "B7" });
    const r = rec({ source: "bpjs-bu", name: "CV MEGA TIRTA", kodeBadanUsaha: "B8" });
    const partition = (records: MatchRecord[]) =>
      resolve(records)
        .clusters.map((c) => c.members.map((m) => records[m]!.fingerprint).sort().join(" "))
        .sort();
    const forward = partition([x, y, z, p, q, r]);
    expect(forward).toContain(`${x.fingerprint} ${z.fingerprint}`);
    expect(partition([r, q, p, z, y, x])).toEqual(forward);
    expect(partition([y, x, z, q, r, p])).toEqual(forward);
  });

  it("links records of one business across sources by NPWP, NIB and partner code", () => {
    const k = rec({ source: "kemnaker-bu", name: "PT SINAR JAYA ABADI", npwp: npwp("01234567"), nib: "1234567890123", kodeWlkp: "W1" });
    const a = rec({ source: "ahu-entitas", name: "SINAR JAYA ABADI", legalForm: "PT", npwp: npwp("01234567"), regencyCode: null });
    const b = rec({ source: "bpjs-bu", name: "PT. SINAR JAYA", nib: "1234567890123", kodeBadanUsaha: "B1" });
    const k2 = rec({ source: "kemnaker-bu", name: "PT SINAR JAYA ABADI", kodeWlkp: "W1" });
    const { clusters, links, together } = resolve([k, a, b, k2]);
    expect(clusters).toHaveLength(1);
    expect(together(k, b)).toBe(true);
    expect(links.map((l) => l.rule)).toEqual(["npwp", "npwp", "nib", "kode"]);
  });

  it("never merges two records with different valid NPWPs, whatever their names say", () => {
    const a = rec({ source: "kemnaker-bu", name: "CV MAJU BERSAMA", npwp: npwp("11111111"), kodeWlkp: "W1", phone: "+62221234567" });
    const b = rec({ source: "bpjs-bu", name: "CV MAJU BERSAMA", npwp: npwp("22222222"), kodeBadanUsaha: "B1", phone: "+62221234567" });
    // A third record without an NPWP that matches both by name cannot bridge them either.
    const c = rec({ source: "ahu-entitas", name: "MAJU BERSAMA, CV" });
    const { together } = resolve([a, b, c]);
    expect(together(a, b)).toBe(false);
  });

  it("keeps branch offices (own branch code) apart from their head office", () => {
    const head = rec({ source: "bpjs-bu", name: "PT ANUGERAH PANGAN", npwp: npwp("33333333", "000"), kodeBadanUsaha: "B1" });
    const branch = rec({ source: "bpjs-bu", name: "PT ANUGERAH PANGAN CABANG SURABAYA", npwp: npwp("33333333", "001"), kodeBadanUsaha: "B2" });
    expect(resolve([head, branch]).together(head, branch)).toBe(false);
  });

  it("links a record without identifiers by its name within the regency, despite a typo and another legal-form spelling", () => {
    const k = rec({ source: "kemnaker-bu", name: "P.T. Sumber Rejeki Makmur", kodeWlkp: "W9", districtCode: "32.73.01" });
    const b = rec({ source: "bpjs-bu", name: "SUMBER REJEKY MAKMUR, PT", npwp: npwp("44444444"), kodeBadanUsaha: "B9", districtCode: "32.73.01" });
    const { together, links } = resolve([k, b]);
    expect(together(k, b)).toBe(true);
    expect(links[0]!.rule).toBe("nama");
    expect(links[0]!.evidence.agree).toContain("kecamatan");
  });

  it("does not link the same name in another regency", () => {
    const k = rec({ source: "kemnaker-bu", name: "PT SUMBER REJEKI MAKMUR", kodeWlkp: "W9" });
    const b = rec({ source: "bpjs-bu", name: "PT SUMBER REJEKI MAKMUR", kodeBadanUsaha: "B9", regencyCode: "35.78" });
    expect(resolve([k, b]).together(k, b)).toBe(false);
  });

  it("lets a partner list a business once: two Kemnaker records stay apart even with one name", () => {
    const k1 = rec({ source: "kemnaker-bu", name: "UD BERKAH", kodeWlkp: "W1" });
    const k2 = rec({ source: "kemnaker-bu", name: "UD BERKAH", kodeWlkp: "W2" });
    expect(resolve([k1, k2]).together(k1, k2)).toBe(false);
  });

  it("sends grey-zone pairs to review, and applies review decisions", () => {
    const k = rec({ source: "kemnaker-bu", name: "CV KARYA MANDIRI SENTOSA", kodeWlkp: "W1", districtCode: "32.73.01" });
    const b = rec({ source: "bpjs-bu", name: "CV KARYA MANDIRI", kodeBadanUsaha: "B1", districtCode: "32.73.01" });
    const first = resolve([k, b]);
    expect(first.together(k, b)).toBe(false);
    expect(first.review).toHaveLength(1);
    const key = pairKey(k.fingerprint, b.fingerprint);
    expect(resolve([k, b], new Map([[key, "CONFIRMED"]])).together(k, b)).toBe(true);
    const rejected = resolve([k, b], new Map([[key, "REJECTED"]]));
    expect(rejected.together(k, b)).toBe(false);
    expect(rejected.review).toHaveLength(0);
  });

  it("keeps a rejected pair apart even when a third record would link them", () => {
    const k = rec({ source: "kemnaker-bu", name: "PT CAHAYA TIMUR", kodeWlkp: "W1" });
    const b = rec({ source: "bpjs-bu", name: "PT CAHAYA TIMUR", kodeBadanUsaha: "B1" });
    const a = rec({ source: "ahu-entitas", name: "CAHAYA TIMUR", legalForm: "PT" });
    const decisions = new Map([[pairKey(k.fingerprint, b.fingerprint), "REJECTED" as const]]);
    const { together } = resolve([k, b, a], decisions);
    expect(together(k, b)).toBe(false);
  });
});

describe("classifyBusiness", () => {
  const kemnaker = (workers: number | null) => rec({ source: "kemnaker-bu", name: "PT X", workerCount: workers, businessScale: "MENENGAH", phone: "+62221234567" });
  const bpjs = (registered: boolean, active: boolean | null, registeredWorkers: number | null) =>
    rec({ source: "bpjs-bu", name: "PT X", registered, active, registeredWorkers });

  it.each([
    ["no BPJS record", [kemnaker(40)], "BELUM_TERDAFTAR", 40],
    ["BPJS lists it as not registered", [kemnaker(40), bpjs(false, null, null)], "BELUM_TERDAFTAR", 40],
    ["registered, inactive", [kemnaker(40), bpjs(true, false, 30)], "TERDAFTAR_NONAKTIF", 10],
    ["registered for fewer workers than reported", [kemnaker(40), bpjs(true, true, 25)], "DAFTAR_SEBAGIAN", 15],
    ["registered for all", [kemnaker(40), bpjs(true, true, 42)], "TERDAFTAR_AKTIF", 0],
    // Nobody reported how many are registered: the gap is unknown, not 0.
    ["registered, inactive, registered count unknown", [kemnaker(40), bpjs(true, false, null)], "TERDAFTAR_NONAKTIF", null],
    // BPJS's count of registered workers is the least the business employs.
    ["registered, Kemnaker count unknown", [kemnaker(null), bpjs(true, true, 12)], "TERDAFTAR_AKTIF", 0],
  ] as const)("%s → %s, gap %s", (_, members, status, gap) => {
    const facts = classifyBusiness(members, "2025-S2");
    expect(facts.status).toBe(status);
    expect(facts.workerGap).toBe(gap);
    expect(facts.isLead).toBe(status !== "TERDAFTAR_AKTIF");
    expect(facts.priority > 0).toBe(facts.isLead);
  });
});

describe("priorityScore", () => {
  const base = { status: "BELUM_TERDAFTAR" as const, workerCount: 100, workerGap: 100, businessScale: "MENENGAH", phone: "+62", email: null, address: "Jl. A", latestPeriod: "2025-S2" };
  it("ranks more workers, bigger scale, reachable and fresher leads higher", () => {
    const score = priorityScore(base, "2025-S2");
    expect(priorityScore({ ...base, workerCount: 1000 }, "2025-S2")).toBeGreaterThan(score);
    expect(priorityScore({ ...base, businessScale: "BESAR" }, "2025-S2")).toBeGreaterThan(score);
    expect(priorityScore({ ...base, phone: null }, "2025-S2")).toBeLessThan(score);
    expect(priorityScore(base, "2026-S2")).toBe(score - 10);
    expect(priorityScore({ ...base, status: "TERDAFTAR_AKTIF" }, "2025-S2")).toBe(0);
  });
  it("stays within 0–100", () => {
    expect(priorityScore({ ...base, workerCount: 10 ** 7, businessScale: "BESAR", email: "a@b.id" }, "2025-S2")).toBe(100);
  });
  it("counts semesters between periods", () => {
    expect(semestersBetween("2024-S2", "2025-S2")).toBe(2);
    expect(semestersBetween("2025-S2", "2025-S1")).toBe(0);
  });
});

describe("assignBusinessIds", () => {
  const kemnaker = "kemnaker-bu/w/3273000000001";
  const bpjs = "bpjs-bu/k/12345678";
  const ahuRow = "ahu-entitas/h///SINARJAYA/32.73";

  it("derives each id from the cluster's records, whatever order the clusters and records come in", () => {
    const clusters = [[kemnaker, ahuRow], [bpjs], ["kemnaker-bu/h///MAJU/32.73"]];
    const ids = assignBusinessIds(clusters);
    expect(assignBusinessIds([...clusters].reverse().map((c) => [...c].reverse()))).toEqual([...ids].reverse());
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) {
      expect(id).toBeGreaterThan(0n);
      expect(id).toBeLessThanOrEqual(BigInt(Number.MAX_SAFE_INTEGER));
    }
  });

  it("anchors on a partner code before a row-content fingerprint, so a corrected name keeps the id", () => {
    expect(anchorOf([kemnaker, ahuRow])).toBe(kemnaker);
    expect(anchorOf([kemnaker, bpjs])).toBe(bpjs);
    expect(assignBusinessIds([[kemnaker, ahuRow]])).toEqual(assignBusinessIds([[kemnaker, "ahu-entitas/h///SINARJAYAA/32.73"]]));
    expect(assignBusinessIds([[kemnaker]])[0]).toBe(businessIdOf(kemnaker));
  });

  it("settles a hash held elsewhere with the anchor's next attempt", () => {
    const id = businessIdOf(kemnaker);
    expect(assignBusinessIds([[kemnaker]], new Set([id]))).toEqual([businessIdOf(kemnaker, 1)]);
  });
});

describe("successorIds", () => {
  it("sends each dissolved business to the cluster holding most of its records, ties to the smaller id", () => {
    const previous = new Map([
      ["a", 1n],
      ["b", 1n],
      ["c", 2n],
      ["d", 2n],
      ["e", 2n],
      ["f", 3n],
      ["g", 3n],
      ["h", 4n],
    ]);
    // 1 keeps its id; 2 splits 1:2 between 1 and 5; 3 splits 1:1 between 5 and 1; 4's only record left the data.
    const clusters = [["a", "b", "c", "g"], ["d", "e", "f"]];
    expect(successorIds(clusters, previous, [1n, 5n])).toEqual(
      new Map([
        [2n, 5n],
        [3n, 1n],
      ]),
    );
  });

  it("names no successor for a business that kept its id", () => {
    expect(successorIds([["a"], ["b"]], new Map([["a", 1n], ["b", 2n]]), [1n, 2n])).toEqual(new Map());
  });
});
