import { mkdtemp, rm } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { parseBusinessName } from "@/lib/names/business-name.ts";
import { generateDemoData, NOISE_KINDS, NOISY_RATES, resolveRates } from "@/server/demo/demo-data/index.ts";
import { firstLetterTypo, misspellForm, mistypeForm, noiseKinds, writeName, type NamedBusiness } from "@/server/demo/demo-data/noise.ts";
import { Rng } from "@/server/demo/demo-data/prng.ts";
import { DEFAULT_RATES } from "@/server/demo/demo-data/rates.ts";
import { loadRegionTree } from "@/server/demo/demo-data/regions.ts";
import { DemoWorld } from "@/server/demo/demo-data/world.ts";

/** Many draws of one generator function, each from a generator of its own. */
function draws<T>(n: number, make: (rng: Rng) => T): T[] {
  return Array.from({ length: n }, (_, i) => make(new Rng(99, i)));
}

const business = (fields: Partial<NamedBusiness>): NamedBusiness => ({
  legalForm: "PT",
  tbk: false,
  persero: false,
  nameCore: "BERSAMA MEDIKA",
  coopShort: null,
  branchLabel: null,
  ...fields,
});

describe("firstLetterTypo: a short word's first letter dropped or hit next door", () => {
  it("changes only the first letter of one word of three to five letters", () => {
    for (const out of draws(200, (rng) => firstLetterTypo(rng, "MAJU SEJAHTERA"))) {
      expect(out).not.toBeNull();
      const [word, rest] = out!.split(" ");
      expect(rest).toBe("SEJAHTERA");
      expect(word === "AJU" || (word!.length === 4 && word!.slice(1) === "AJU" && word !== "MAJU")).toBe(true);
    }
    const seen = new Set(draws(200, (rng) => firstLetterTypo(rng, "MAJU SEJAHTERA")));
    expect(seen.has("AJU SEJAHTERA")).toBe(true);
    expect([...seen].some((s) => s!.length === "MAJU SEJAHTERA".length)).toBe(true);
  });

  it("leaves names without a short word alone", () => {
    expect(firstLetterTypo(new Rng(1), "SEJAHTERA SENTOSA")).toBeNull();
  });
});

describe("mistypeForm and misspellForm: legal forms as clerks mistype them", () => {
  it("doubles or glues PT and CV, or misspells the spelled-out form", () => {
    const pts = draws(300, (rng) => mistypeForm(rng, "PT"));
    expect(pts.some((t) => t.prefix === "PTT" || t.prefix === "PPT")).toBe(true);
    expect(pts.some((t) => t.glued && t.prefix === "PT")).toBe(true);
    const spelled = pts.filter((t) => !t.glued && t.prefix.length > 3);
    expect(spelled.length).toBeGreaterThan(0);
    for (const t of spelled) {
      expect(t.prefix).not.toBe("PERSEROAN TERBATAS");
      expect(t.prefix.startsWith("P")).toBe(true);
    }
    expect(draws(300, (rng) => mistypeForm(rng, "CV")).some((t) => t.prefix === "CVV" || t.prefix === "CCV")).toBe(true);
  });

  it("gets a short form word wrong only at its end or by a swap, and accents a vowel", () => {
    const firma = new Set(draws(300, (rng) => misspellForm(rng, "FIRMA", false)));
    for (const typed of firma) expect(["FIRM", "FRIMA", "FIMRA", "FIRAM"]).toContain(typed);
    expect(new Set(draws(100, (rng) => misspellForm(rng, "FIRMA", true)))).toEqual(new Set(["FIRMÉ"]));
    const perdata = draws(300, (rng) => misspellForm(rng, "PERSEKUTUAN PERDATA", true));
    expect(perdata.some((t) => /[ÉÁÚ]/.test(t))).toBe(true);
    for (const t of perdata) expect(t).not.toBe("PERSEKUTUAN PERDATA");
  });

  it("writes the slip into the name and says so; without a generator the name is as before", () => {
    const b = business({});
    const plain = writeName(new Rng(5), b, b.nameCore, 0);
    const again = writeName(new Rng(5), b, b.nameCore, 0, null);
    expect(again).toEqual(plain);
    expect(plain.formTypo).toBe(false);
    const typed = draws(100, (rng) => writeName(new Rng(5), b, b.nameCore, 0, rng));
    // Written as a suffix ("BERSAMA MEDIKA, PT") the form is left as it is.
    const slipped = typed.filter((t) => t.formTypo);
    expect(slipped.length).toBeGreaterThan(0);
    for (const t of slipped) expect(t.text).not.toBe(plain.text);
    const listed = writeName(new Rng(5), business({ tbk: true }), "BANK RAKYAT", 0, new Rng(6));
    expect(listed.formTypo).toBe(true);
    expect(listed.text.toUpperCase()).toMatch(/(TBBK|T BK|TBKK|TTBK)$/);
  });

  it("gives slips the name parser reads back as the form, most of the time", () => {
    const b = business({});
    const written = draws(400, (rng) => writeName(new Rng(7), b, b.nameCore, 0, rng)).filter((t) => t.formTypo);
    const read = written.filter((t) => {
      const parsed = parseBusinessName(t.text);
      return parsed.legalForm === "PT" && parsed.core === "BERSAMA MEDIKA";
    });
    expect(read.length / written.length).toBeGreaterThan(0.8);
  });
});

describe("noiseKinds: what makes a true business hard to find", () => {
  it("maps row tags and the business's place in the world to kinds, in a fixed order", () => {
    expect(
      noiseKinds(["region_typo_village", "npwp_missing", "legal_form_typo", "phone_invalid", "npwp_missing"], { branch: true, crowded: false, sharedName: false }),
    ).toEqual(["legal_form_typo", "region_typo", "npwp_missing", "branch_office"]);
    expect(noiseKinds(["short_word_typo"], { branch: false, crowded: true, sharedName: true })).toEqual(["short_word_typo", "crowded_regency", "shared_name"]);
    expect(noiseKinds(["email_invalid"], { branch: false, crowded: false, sharedName: false })).toEqual([]);
  });
});

describe("the noisy set's world", () => {
  const rates = resolveRates(NOISY_RATES);
  const world = new DemoWorld(11, rates, 2025, loadRegionTree(), 6000);
  const all = Array.from({ length: 6000 }, (_, i) => world.core(i));

  it("is a valid set of rates, noisier than the default", () => {
    expect(rates.npwpMissing).toBeGreaterThan(DEFAULT_RATES.npwpMissing);
    expect(rates.legalFormTypo).toBeGreaterThan(DEFAULT_RATES.legalFormTypo);
    expect(rates.shortWordTypo).toBeGreaterThan(DEFAULT_RATES.shortWordTypo);
  });

  it("crowds a few big towns with businesses of a few names, each its own business", () => {
    const crowded = all.filter((b) => b.role === "crowded");
    expect(crowded.length / all.length).toBeGreaterThan(0.01);
    expect(crowded.length / all.length).toBeLessThan(0.03);
    const groups = new Map<string, number>();
    for (const b of crowded) groups.set(`${b.place.regency.code} ${b.nameCore}`, (groups.get(`${b.place.regency.code} ${b.nameCore}`) ?? 0) + 1);
    expect(new Set(crowded.map((b) => b.place.regency.code)).size).toBeLessThanOrEqual(5);
    expect(Math.max(...groups.values())).toBeGreaterThanOrEqual(4);
    for (const b of crowded) expect(["PT", "CV", "UD"]).toContain(b.legalForm);
  });

  it("puts about half the branches in their head office's town", () => {
    const branches = all.filter((b) => b.parentIndex !== null);
    expect(branches.length).toBeGreaterThan(60);
    const sameTown = branches.filter((b) => b.place.regency === world.core(b.parentIndex!).place.regency).length / branches.length;
    expect(sameTown).toBeGreaterThan(0.35);
    expect(sameTown).toBeLessThan(0.75);
  });

  it("records each business's noise kinds in the ground truth, rows tagged alike", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "jangkau-noisy-"));
    try {
      const manifest = await generateDemoData({ entities: 3000, outDir: dir, seed: 12, rates: NOISY_RATES });
      const truth = parse(readFileSync(path.join(dir, "ground-truth.csv")), { columns: true }) as Record<string, string>[];
      const kindsOf = new Map(truth.filter((r) => r.kind === "business").map((r) => [r.business_id!, r.noise_kinds ? r.noise_kinds.split("|") : []]));
      for (const kind of NOISE_KINDS) expect(manifest.counts.byNoiseKind[kind] ?? 0, kind).toBeGreaterThan(10);
      for (const [kind, n] of Object.entries(manifest.counts.byNoiseKind)) expect([...kindsOf.values()].filter((k) => k.includes(kind)).length, kind).toBe(n);
      // A record's tag shows up among its business's kinds.
      for (const r of truth) {
        if (r.kind !== "record" || !["kemnaker-bu", "bpjs-bu"].includes(r.source!)) continue;
        const tags = r.noise!.split("|");
        if (tags.includes("legal_form_typo")) expect(kindsOf.get(r.business_id!)).toContain("legal_form_typo");
        if (tags.includes("short_word_typo")) expect(kindsOf.get(r.business_id!)).toContain("short_word_typo");
        if (tags.some((t) => t.startsWith("region_typo"))) expect(kindsOf.get(r.business_id!)).toContain("region_typo");
      }
      expect(manifest.files["kemnaker-bu"].noise.legal_form_typo ?? 0).toBeGreaterThan(0);
      expect(manifest.files["bpjs-bu"].noise.short_word_typo ?? 0).toBeGreaterThan(0);
      expect(Object.keys(manifest.files["kemnaker-bu"].noise).some((t) => t.startsWith("region_typo"))).toBe(true);
      const npwpMissing = (manifest.files["kemnaker-bu"].noise.npwp_missing ?? 0) / manifest.files["kemnaker-bu"].rows;
      expect(npwpMissing).toBeGreaterThan(0.2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
