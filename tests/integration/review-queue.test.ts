import { randomUUID } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { decideReviewAction } from "@/app/(app)/tinjauan/actions.ts";
import type { Authorized } from "@/server/access/guard.ts";
import { regionScopeFor } from "@/server/access/region-scope.ts";
import type { AuditActor } from "@/server/audit/append-audit-event.ts";
import { SYSTEM_ACTOR } from "@/server/audit/system-actor.ts";
import { db, disconnectDb, setDatabaseUrl } from "@/server/db/client.ts";
import { DomainError } from "@/server/errors.ts";
import type { RequestContext } from "@/server/http/request-context.ts";
import { importFile } from "@/server/ingest/import-file.ts";
import { closeJobQueue } from "@/server/jobs/job-queue.ts";
import { startJobWorker, type JobWorker } from "@/server/jobs/start-job-worker.ts";
import { decideReview } from "@/server/matching/decide-review.ts";
import { findReviewPairs } from "@/server/matching/find-review-pairs.ts";
import { runMatch } from "@/server/matching/run-match.ts";
import { waitForMatchRun } from "@/server/matching/wait-for-match-run.ts";
import { ensureRegionsLoaded } from "@/server/regions/load-regions.ts";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../support/throwaway-database.ts";

/*
 * The review queue end to end: partner files through the real import pipeline, a full match run
 * that puts grey-zone pairs in the queue, decisions by a supervisor, and a re-import of the same
 * rows as a new period. A full run resolves every record in the database, so this file has a
 * database of its own.
 */

// The action calls the guard, which needs a Next request and a session: tests choose the actor.
const guard = vi.hoisted(() => ({ authorized: null as Authorized | null }));
vi.mock("@/server/access/guard.ts", () => ({
  requirePermission: async () => {
    if (!guard.authorized) throw new Error("test set-up: no actor");
    return guard.authorized;
  },
}));
const revalidated = vi.hoisted(() => [] as string[]);
vi.mock("next/cache", () => ({ revalidatePath: (path: string) => void revalidated.push(path) }));

// Switches to make the audit write or the queueing of the re-match fail, everything else being the real code.
const failures = vi.hoisted(() => ({ audit: false, rematch: false }));
vi.mock("@/server/audit/append-audit-event.ts", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/server/audit/append-audit-event.ts")>();
  return {
    ...original,
    appendAuditEvent: (...args: Parameters<typeof original.appendAuditEvent>) => {
      if (failures.audit) throw new Error("audit store unavailable (test)");
      return original.appendAuditEvent(...args);
    },
  };
});
vi.mock("@/server/matching/enqueue-match-run.ts", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/server/matching/enqueue-match-run.ts")>();
  return {
    ...original,
    enqueueMatchRun: (...args: Parameters<typeof original.enqueueMatchRun>) => {
      if (failures.rematch) return Promise.reject(new Error("queue unavailable (test)"));
      return original.enqueueMatchRun(...args);
    },
  };
});

const sharedUrl = process.env.DATABASE_URL as string;
let privateDb: ThrowawayDatabase;
let dir: string;
// A decision's re-match is queued: this worker, in the test's process, runs it as production's would.
let worker: JobWorker;

const SUPERVISOR_JABAR: AuditActor = { id: randomUUID(), username: "sari-supervisor", role: "SUPERVISOR" };
const SUPERVISOR_JATIM: AuditActor = { id: randomUUID(), username: "budi-supervisor", role: "SUPERVISOR" };
const ADMIN: AuditActor = { id: randomUUID(), username: "admin-uji", role: "ADMIN" };
const JABAR = regionScopeFor("SUPERVISOR", ["32"]);
const JATIM = regionScopeFor("SUPERVISOR", ["35"]);

function context(): RequestContext {
  return { ip: "127.0.0.1", userAgent: "vitest", requestId: randomUUID() };
}

// Name pairs with one typo, in one regency, no shared identifier, in different districts: alike
// enough to be scored, too different to link on their own (score-pair.ts: REVIEW ≤ score < AUTO_LINK).
const PAIRS = {
  zorvanta: { kemnaker: "PT Zorvanta Kelindra Abadi", bpjs: "PT Zorvanta Kelindro Abadi", regency: "32.73", districts: ["32.73.01", "32.73.02"] },
  varkelo: { kemnaker: "CV Varkelo Brindani Sejati", bpjs: "CV Varkelo Brindano Sejati", regency: "32.73", districts: ["32.73.03", "32.73.04"] },
  quelmora: { kemnaker: "PT Quelmora Dastini Jaya", bpjs: "PT Quelmora Dastino Jaya", regency: "35.78", districts: ["35.78.01", "35.78.02"] },
} as const;
type PairName = keyof typeof PAIRS;

const KEMNAKER_HEADER = "NPWP;Nama Pemberi Kerja;Kode Kabupaten;Kode Kecamatan;Kode Pos;Alamat;Nomor Telepon;Email;Jumlah Pekerja";
const BPJS_HEADER = "NPWP;Nama Badan Usaha;Kode Kabupaten;Kode Kecamatan;Alamat;Status Terdaftar JKN;Status Keaktifan Badan Usaha;Jumlah Pekerja Terdaftar";
// Businesses around them, so name words have realistic weights.
const FILLER = ["PT Sinar Jaya Abadi", "CV Berkah Sejati", "PT Maju Bersama", "CV Karya Mandiri", "PT Sentosa Jaya"];

function kemnakerRows(): string[] {
  const rows = Object.values(PAIRS).map(
    (p, i) => `;${p.kemnaker};${p.regency};${p.districts[0]};4011${i};Jl. Merdeka ${i + 1};022-42000${i};kontak${i}@contoh.co.id;${40 + i}`,
  );
  return [KEMNAKER_HEADER, ...rows, ...FILLER.map((name, i) => `;${name};32.73;32.73.05;;Jl. Asia Afrika ${i};;;${10 + i}`)];
}

function bpjsRows(): string[] {
  const rows = Object.values(PAIRS).map((p, i) => `;${p.bpjs};${p.regency};${p.districts[1]};Gg. Kenanga ${i + 7};Belum;Tidak aktif;0`);
  return [BPJS_HEADER, ...rows, ...FILLER.map((name, i) => `;${name} Utama;35.78;35.78.05;Jl. Pemuda ${i};Sudah;Aktif;5`)];
}

async function importRows(source: "kemnaker-bu" | "bpjs-bu", period: string, lines: string[], lineEnd: string) {
  const file = path.join(dir, `${source}-${period}.csv`);
  await writeFile(file, lines.join(lineEnd) + lineEnd);
  const summary = await importFile({ source, period, filePath: file, channel: "CLI", actor: SYSTEM_ACTOR, context: context() });
  expect(summary).toMatchObject({ status: "imported", rejected: 0 });
  return summary;
}

/** The same rows every period; the line ends differ so each delivery is a file of its own (SHA-256). */
async function importPeriod(period: string, lineEnd: string) {
  await importRows("kemnaker-bu", period, kemnakerRows(), lineEnd);
  await importRows("bpjs-bu", period, bpjsRows(), lineEnd);
}

/** The current records of a pair and the businesses they belong to. */
async function businessesOf(pair: PairName) {
  const names = [PAIRS[pair].kemnaker, PAIRS[pair].bpjs];
  const links = await db.businessRecord.findMany({
    where: { source: { in: ["kemnaker-bu", "bpjs-bu"] } },
    select: { sourceRecordId: true, businessId: true },
  });
  const records = await db.sourceRecord.findMany({ where: { name: { in: names }, id: { in: links.map((l) => l.sourceRecordId) } }, select: { id: true } });
  expect(records, `current records of ${pair}`).toHaveLength(2);
  return new Set(records.map((r) => links.find((l) => l.sourceRecordId === r.id)!.businessId));
}

/** The review row of a pair, found by the names of its current records. */
async function reviewOf(pair: PairName) {
  const records = await db.sourceRecord.findMany({ where: { name: PAIRS[pair].kemnaker }, select: { id: true } });
  const review = await db.matchReview.findFirst({
    where: { OR: [{ leftRecordId: { in: records.map((r) => r.id) } }, { rightRecordId: { in: records.map((r) => r.id) } }] },
  });
  expect(review, `review pair ${pair}`).not.toBeNull();
  return review!;
}

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}

function eventsOf(ctx: RequestContext) {
  return db.auditEvent.findMany({ where: { requestId: ctx.requestId }, orderBy: { id: "asc" } });
}

beforeAll(async () => {
  privateDb = await createThrowawayDatabase("review");
  await ensureRegionsLoaded({ url: privateDb.url });
  await disconnectDb();
  setDatabaseUrl(privateDb.url);
  dir = await mkdtemp(path.join(tmpdir(), "jangkau-review-"));
  process.env.JANGKAU_STORAGE_DIR = path.join(dir, "storage");
  await importPeriod("2025-S2", "\r\n");
  await runMatch({ kind: "FULL", actor: SYSTEM_ACTOR });
  worker = await startJobWorker({ queues: ["match"], pollingIntervalSeconds: 0.5, log: () => undefined });
});

afterAll(async () => {
  await worker?.stop({ timeoutMs: 5000 });
  await closeJobQueue();
  await disconnectDb();
  setDatabaseUrl(sharedUrl);
  await privateDb?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("the review queue", () => {
  it("holds each grey-zone pair once, pending, with its regency, score and evidence", async () => {
    const pending = await db.matchReview.findMany({ where: { status: "PENDING" }, orderBy: { score: "desc" } });
    expect(pending).toHaveLength(3);
    for (const name of Object.keys(PAIRS) as PairName[]) {
      const review = await reviewOf(name);
      expect(review).toMatchObject({ status: "PENDING", regencyCode: PAIRS[name].regency });
      expect(review.score).toBeGreaterThanOrEqual(0.72);
      expect(review.score).toBeLessThan(0.9);
      expect(review.evidence).toMatchObject({ disagree: expect.arrayContaining(["kecamatan"]) });
      expect((await businessesOf(name)).size, `${name} stays apart until decided`).toBe(2);
    }
  });

  it("lists only the pairs inside a supervisor's regions, highest score first, both records with region names", async () => {
    const page = await findReviewPairs({ scope: JABAR, status: "PENDING", page: 1, pageSize: 10 });
    expect(page.total).toBe(2);
    expect(page.pairs.map((p) => p.regency?.code)).toEqual(["32.73", "32.73"]);
    expect(page.pairs[0]!.score).toBeGreaterThanOrEqual(page.pairs[1]!.score);
    const zorvanta = page.pairs.find((p) => p.left?.name?.includes("Zorvanta"))!;
    const sides = [zorvanta.left!, zorvanta.right!];
    expect(sides.map((r) => r.source).sort()).toEqual(["bpjs-bu", "kemnaker-bu"]);
    for (const side of sides) {
      expect(side).toMatchObject({ period: "2025-S2", regency: { code: "32.73", name: "Kota Bandung" }, province: { code: "32", name: "Jawa Barat" } });
    }
    expect(sides.find((r) => r.source === "kemnaker-bu")).toMatchObject({ postcode: "40110", email: "kontak0@contoh.co.id", workerCount: 40, registeredWorkers: null });
    // BPJS's Jumlah Pekerja is the count registered in JKN, shown as such.
    expect(sides.find((r) => r.source === "bpjs-bu")).toMatchObject({ workerCount: null, registeredWorkers: 0 });
    // What the DTO carries is what the page may show: no NIK, no contact person.
    expect(Object.keys(zorvanta.left!)).not.toContain("nik");
    expect(Object.keys(zorvanta.left!)).not.toContain("extra");

    const jatim = await findReviewPairs({ scope: JATIM, status: "PENDING", page: 1, pageSize: 10 });
    expect(jatim.pairs.map((p) => p.regency?.code)).toEqual(["35.78"]);
    expect((await findReviewPairs({ scope: { kind: "none" }, status: "PENDING", page: 1, pageSize: 10 })).total).toBe(0);
    expect((await findReviewPairs({ scope: { kind: "all" }, status: "PENDING", page: 1, pageSize: 10 })).total).toBe(3);
    // A page past the end shows the last one.
    expect((await findReviewPairs({ scope: { kind: "all" }, status: "PENDING", page: 9, pageSize: 2 })).page).toBe(2);
  });

  it("refuses a supervisor outside the pair's region, changing and recording nothing", async () => {
    const review = await reviewOf("zorvanta");
    const ctx = context();
    const attempt = decideReview({ input: { reviewId: String(review.id), decision: "CONFIRMED" }, scope: JATIM, actor: SUPERVISOR_JATIM, context: ctx });
    await expect(attempt).rejects.toThrow(DomainError);
    await expect(attempt).rejects.toThrow(/tidak ditemukan di wilayah Anda/);
    expect((await reviewOf("zorvanta")).status).toBe("PENDING");
    expect(await eventsOf(ctx)).toEqual([]);
  });

  it("leaves the pair pending when the audit event cannot be written", async () => {
    const review = await reviewOf("zorvanta");
    failures.audit = true;
    try {
      await expect(
        decideReview({ input: { reviewId: String(review.id), decision: "CONFIRMED" }, scope: JABAR, actor: SUPERVISOR_JABAR, context: context() }),
      ).rejects.toThrow(/audit store unavailable/);
    } finally {
      failures.audit = false;
    }
    expect(await db.matchReview.findUniqueOrThrow({ where: { id: review.id } })).toMatchObject({ status: "PENDING", decidedBy: null, decidedAt: null });
  });

  it("confirms a pair: decision and audit event in one transaction, then the queued re-match joins the two records into one business", async () => {
    const review = await reviewOf("zorvanta");
    const ctx = context();
    // An officer already worked on the business that the merge dissolves (of two one-record
    // businesses, the smaller id stays): its follow-up and timeline must move, not dangle.
    const [kept, dissolved] = [...(await businessesOf("zorvanta"))].sort((a, b) => (a < b ? -1 : 1));
    await db.leadFollowUp.create({ data: { businessId: dissolved!, status: "DIHUBUNGI" } });
    await db.leadActivity.create({
      data: { businessId: dissolved!, kind: "TELEPON", occurredOn: new Date("2026-11-02"), outcome: "Bersedia ditemui", actorUsername: "petugas-uji" },
    });
    const result = await decideReview({
      input: { reviewId: String(review.id), decision: "CONFIRMED", note: "  Alamat pindah, NPWP sama menurut telepon.  " },
      scope: JABAR,
      actor: SUPERVISOR_JABAR,
      context: ctx,
    });
    expect(result).toEqual({ reviewId: String(review.id), decision: "CONFIRMED", rematchRunId: expect.any(Number) });
    // Queued, not run inside the request: the reviewer's run waits for a worker.
    const queued = await db.matchRun.findUniqueOrThrow({ where: { id: result.rematchRunId! } });
    expect(queued).toMatchObject({ kind: "INCREMENTAL", actorUsername: SUPERVISOR_JABAR.username, queueJobId: expect.any(String) });
    expect(await waitForMatchRun(result.rematchRunId!)).toEqual({ status: "SUCCEEDED", message: null });

    const saved = await db.matchReview.findUniqueOrThrow({ where: { id: review.id } });
    expect(saved).toMatchObject({ status: "CONFIRMED", decidedBy: SUPERVISOR_JABAR.username, note: "Alamat pindah, NPWP sama menurut telepon." });
    expect(saved.decidedAt).toBeInstanceOf(Date);

    const events = await eventsOf(ctx);
    expect(events.map((e) => e.action)).toEqual(["match.review_confirm"]);
    expect(events[0]).toMatchObject({ objectType: "match_review", objectId: String(review.id), region: "32.73", actorUsername: SUPERVISOR_JABAR.username });
    expect(events[0]!.details).toEqual({ score: review.score, leftSource: expect.any(String), rightSource: expect.any(String), withNote: true });
    expect([(events[0]!.details as Record<string, string>).leftSource, (events[0]!.details as Record<string, string>).rightSource].sort()).toEqual([
      "bpjs-bu",
      "kemnaker-bu",
    ]);
    // The incremental re-match ran in the worker as the reviewer, and joined the two records.
    expect(await db.matchRun.findUniqueOrThrow({ where: { id: result.rematchRunId! } })).toMatchObject({ status: "SUCCEEDED", kind: "INCREMENTAL" });
    expect((await businessesOf("zorvanta")).size).toBe(1);
    const links = await db.businessRecord.findMany({ where: { sourceRecordId: { in: [review.leftRecordId, review.rightRecordId] } } });
    expect(links.some((l) => l.rule === "tinjauan")).toBe(true);

    expect([...(await businessesOf("zorvanta"))]).toEqual([kept]);
    expect(await db.leadFollowUp.findUnique({ where: { businessId: dissolved! } })).toBeNull();
    expect(await db.leadFollowUp.findUniqueOrThrow({ where: { businessId: kept! } })).toMatchObject({ status: "DIHUBUNGI" });
    expect(await db.leadActivity.count({ where: { businessId: dissolved! } })).toBe(0);
    const timeline = await db.leadActivity.findMany({ where: { businessId: kept! }, orderBy: { id: "asc" } });
    expect(timeline.map((a) => [a.kind, a.outcome])).toEqual([
      ["TELEPON", "Bersedia ditemui"],
      ["CATATAN_SISTEM", "Digabung oleh pencocokan"],
    ]);
    expect(timeline[1]!.note).toMatch(new RegExp(`^Prospek #${dissolved} digabung ke prospek ini oleh pencocokan #\\d+; riwayatnya dipindahkan ke sini\\.$`));
    const run = await db.auditEvent.findFirstOrThrow({ where: { action: "match.run", actorUsername: SUPERVISOR_JABAR.username }, orderBy: { id: "desc" } });
    expect(run.details).toMatchObject({ followUpsCarried: 1 });
  });

  it("refuses to decide the same pair twice", async () => {
    const review = await reviewOf("zorvanta");
    const ctx = context();
    await expect(
      decideReview({ input: { reviewId: String(review.id), decision: "REJECTED" }, scope: JABAR, actor: SUPERVISOR_JABAR, context: ctx }),
    ).rejects.toThrow(/sudah diputuskan \(dikonfirmasi\) oleh sari-supervisor/);
    expect((await db.matchReview.findUniqueOrThrow({ where: { id: review.id } })).status).toBe("CONFIRMED");
    expect(await eventsOf(ctx)).toEqual([]);
  });

  it("rejects a pair through the page's action: the re-match is queued, the reviewer told so, and the two records stay apart", async () => {
    const review = await reviewOf("varkelo");
    const ctx = context();
    guard.authorized = {
      actor: { userId: SUPERVISOR_JABAR.id!, username: SUPERVISOR_JABAR.username, role: "SUPERVISOR" } as Authorized["actor"],
      scope: JABAR,
      context: ctx,
      auditActor: SUPERVISOR_JABAR,
    };
    try {
      const state = await decideReviewAction({ status: "idle" }, form({ reviewId: String(review.id), decision: "REJECTED", note: "" }));
      expect(state).toMatchObject({ status: "success", message: expect.stringMatching(/^Keputusan disimpan: .*dipisahkan.* Pencocokan ulang #\d+ diantrekan/) });
      // A supervisor cannot open the jobs list: no link to it.
      expect(state.result).toEqual({ jobsHref: null });
      const runId = Number(/#(\d+)/.exec(state.message!)![1]);
      expect(await waitForMatchRun(runId)).toMatchObject({ status: "SUCCEEDED" });
    } finally {
      guard.authorized = null;
    }
    expect(await db.matchReview.findUniqueOrThrow({ where: { id: review.id } })).toMatchObject({ status: "REJECTED", note: null });
    expect((await eventsOf(ctx)).map((e) => [e.action, (e.details as Record<string, unknown>).withNote])).toEqual([["match.review_reject", false]]);
    expect((await businessesOf("varkelo")).size).toBe(2);
    // Decided pairs leave the pending queue and show under their status.
    const pending = await findReviewPairs({ scope: JABAR, status: "PENDING", page: 1, pageSize: 10 });
    expect(pending.total).toBe(0);
    const rejected = await findReviewPairs({ scope: JABAR, status: "REJECTED", page: 1, pageSize: 10 });
    expect(rejected.pairs.map((p) => [p.id, p.decidedBy])).toEqual([[String(review.id), SUPERVISOR_JABAR.username]]);
  });

  it("through the page's action: saves the decision even when the re-match cannot be queued, and says so", async () => {
    const review = await reviewOf("quelmora");
    const ctx = context();
    guard.authorized = { actor: { userId: ADMIN.id!, username: ADMIN.username, role: "ADMIN" } as Authorized["actor"], scope: { kind: "all" }, context: ctx, auditActor: ADMIN };

    const invalid = await decideReviewAction({ status: "idle" }, form({ reviewId: "abc", decision: "MAYBE", note: "" }));
    expect(invalid.status).toBe("error");
    expect(Object.keys(invalid.fieldErrors ?? {}).sort()).toEqual(["decision", "reviewId"]);

    failures.rematch = true;
    try {
      const state = await decideReviewAction({ status: "idle" }, form({ reviewId: String(review.id), decision: "REJECTED", note: "" }));
      expect(state).toMatchObject({ status: "success", message: expect.stringMatching(/dipisahkan.*Pencocokan ulang belum dapat diantrekan/) });
    } finally {
      failures.rematch = false;
      guard.authorized = null;
    }
    expect((await db.matchReview.findUniqueOrThrow({ where: { id: review.id } })).status).toBe("REJECTED");
    expect((await eventsOf(ctx)).map((e) => e.action)).toEqual(["match.review_reject"]);
    expect(revalidated).toContain("/tinjauan");
  });

  it("keeps applying the decisions after the same rows arrive again as a new period", async () => {
    const decided = await db.matchReview.findMany({ where: { status: { not: "PENDING" } }, orderBy: { id: "asc" } });
    expect(decided).toHaveLength(3);

    await importPeriod("2026-S1", "\n");
    await runMatch({ kind: "FULL", actor: SYSTEM_ACTOR });

    // The new period's records are the current ones now, with the same fingerprints.
    expect((await businessesOf("zorvanta")).size).toBe(1);
    expect((await businessesOf("varkelo")).size).toBe(2);
    expect((await businessesOf("quelmora")).size).toBe(2);
    // Decided pairs are not queued again, and their decisions stand as taken.
    expect(await db.matchReview.count({ where: { status: "PENDING" } })).toBe(0);
    const after = await db.matchReview.findMany({ where: { status: { not: "PENDING" } }, orderBy: { id: "asc" } });
    expect(after.map((r) => [r.id, r.status, r.decidedBy])).toEqual(decided.map((r) => [r.id, r.status, r.decidedBy]));
  });
});
