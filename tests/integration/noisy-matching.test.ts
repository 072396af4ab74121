import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SOURCE_IDS } from "@/lib/sources.ts";
import { SYSTEM_ACTOR } from "@/server/audit/system-actor.ts";
import { disconnectDb, setDatabaseUrl } from "@/server/db/client.ts";
import { generateDemoData, NOISE_KINDS, NOISY_RATES } from "@/server/demo/demo-data/index.ts";
import { evaluateMatching, type MatchQuality } from "@/server/demo/evaluate-matching.ts";
import { importFile } from "@/server/ingest/import-file.ts";
import { runMatch } from "@/server/matching/run-match.ts";
import { ensureRegionsLoaded } from "@/server/regions/load-regions.ts";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../support/throwaway-database.ts";

/**
 * Entity resolution on partner files noisier than the demo's (NOISY_RATES: legal forms and short
 * words mistyped, crowded towns, branches beside their head office, region-name typos, a third
 * of NPWPs missing), judged against the ground truth overall and per noise kind.
 */

let database: ThrowawayDatabase;
let work: string;
let quality: MatchQuality;
const PERIOD = "2025-S2";

beforeAll(async () => {
  database = await createThrowawayDatabase("noisy_matching");
  await disconnectDb();
  setDatabaseUrl(database.url);
  await ensureRegionsLoaded({ url: database.url });
  work = await mkdtemp(path.join(tmpdir(), "jangkau-noisy-matching-"));
  process.env.JANGKAU_STORAGE_DIR = path.join(work, "storage");
  const manifest = await generateDemoData({ entities: 4000, outDir: path.join(work, "demo"), seed: 5151, period: PERIOD, rates: NOISY_RATES });
  for (const source of SOURCE_IDS) {
    const filePath = path.join(work, "demo", manifest.files[source].file);
    await importFile({ source, period: PERIOD, filePath, channel: "CLI", actor: SYSTEM_ACTOR, context: { ip: null, userAgent: "vitest", requestId: null } });
  }
  await runMatch({ kind: "FULL", actor: SYSTEM_ACTOR });
  quality = await evaluateMatching(database.url, path.join(work, "demo", "ground-truth.csv"));
}, 300_000);

afterAll(async () => {
  await disconnectDb();
  await database?.drop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe("matching on a noisy set", () => {
  it("meets the targets overall: Belum terdaftar P ≥ 0.995, R ≥ 0.99, duplicates < 0.5 %, no merge across NPWPs or into a head office", () => {
    expect(quality.belumTerdaftar.precision).toBeGreaterThanOrEqual(0.995);
    expect(quality.belumTerdaftar.recall).toBeGreaterThanOrEqual(0.99);
    expect(quality.duplicateShare).toBeLessThan(0.005);
    expect(quality.npwpConflicts).toBe(0);
    expect(quality.branchMerges).toBe(0);
    expect(quality.byKind.all.duplicateShare).toBe(quality.duplicateShare);
  });

  it("has every noise kind in the set, and no kind merged across NPWPs or into a head office", () => {
    for (const kind of NOISE_KINDS) {
      const k = quality.byKind[kind];
      expect(k.trueBusinesses, kind).toBeGreaterThanOrEqual(40);
      expect(k.npwpConflicts, kind).toBe(0);
      expect(k.branchMerges, kind).toBe(0);
    }
    expect(quality.byKind.branch_office.trueBusinesses).toBeGreaterThanOrEqual(80);
  });

  it.each(["legal_form_typo", "short_word_typo"] as const)("finds the businesses with a %s: the targets hold for the kind alone", (kind) => {
    const k = quality.byKind[kind];
    expect(k.belumTerdaftar.actual, kind).toBeGreaterThan(10);
    expect(k.belumTerdaftar.precision, kind).toBeGreaterThanOrEqual(0.995);
    expect(k.belumTerdaftar.recall, kind).toBeGreaterThanOrEqual(0.99);
    expect(k.duplicateShare, kind).toBeLessThan(0.005);
  });

  it("leaves the businesses without noise whole and apart", () => {
    const none = quality.byKind.none;
    expect(none.trueBusinesses).toBeGreaterThan(1000);
    expect(none.duplicateShare).toBe(0);
    expect(none.wrongMergeShare).toBe(0);
    expect(none.belumTerdaftar.precision).toBe(1);
    expect(none.belumTerdaftar.recall).toBe(1);
  });
});
