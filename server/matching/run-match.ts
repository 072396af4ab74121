import "server-only";
import pg from "pg";
import { appendAuditEventPg, type AuditActor } from "@/server/audit/append-audit-event.ts";
import { analyzeStaleTables, analyzeTables } from "@/server/db/analyze-tables.ts";
import { databaseUrl, db } from "@/server/db/client.ts";
import { holdLivenessLock } from "@/server/db/liveness-lock.ts";
import { HEARTBEAT_MS as JOB_HEARTBEAT_MS } from "@/server/jobs/job-heartbeat.ts";
import { parseBusinessName } from "@/lib/names/business-name.ts";
import { identifierKeys, keyHash, nameKeys } from "./blocking-keys.ts";
import { assignBusinessIds, CONTENT_ID_MIN, successorIds } from "./business-ids.ts";
import { classifyBusiness } from "./classify.ts";
import { findDriftedLinks, writeRescoredReviews, type DriftedLinks } from "./find-drifted-links.ts";
import { NameKeyCounts } from "./name-key-counts.ts";
import { prepareMatchWork } from "./full-match/prepare-work.ts";
import { linkIdentifiers, resolveClusters } from "./full-match/resolve-clusters.ts";
import { runPartitions } from "./full-match/run-partitions.ts";
import { classifyClusters, writeFullResults } from "./full-match/write-full-results.ts";
import { CURRENT_BATCHES_SQL, loadCurrentRecords } from "./load-records.ts";
import { resolveRecords } from "./resolve.ts";
import { REVIEW, scorePair } from "./score-pair.ts";
import { adjustTokenFrequencies, countTokens, readTokenFrequencies, weightsFrom } from "./token-frequency.ts";
import { BUSINESS_SOURCES, BUSINESS_SOURCES_SQL, pairKey, type MatchRecord } from "./types.ts";
import { writeResults, writeReviewCandidates, type ReplacedScope, type RunResult } from "./write-results.ts";

/**
 * One resolution run, full or incremental. Runs are serialised by an advisory lock; all reading
 * and computing happens before one write transaction, so officers browse the previous result
 * until the new one commits. Progress goes to the `match_run` row as it runs.
 *
 * Incremental (after an import, or a review decision): only the businesses the new records may
 * belong to — found through the stored blocking keys — and those that lost superseded records are
 * re-resolved. When that would touch a large share of all records, a full run is cheaper.
 */

export const MATCH_LOCK_KEY = 7_020_117_004;

/**
 * How often a run outside the job queue (`npx jangkau match`, the demo's first run) tells its
 * match_run row it is alive, whatever it is doing (waiting for the lock behind another run,
 * loading, writing): the same column and pace as a queued run's heartbeat, which the worker
 * writes (server/jobs/job-heartbeat.ts), so the row reads the same whoever runs it. Whether the
 * process is really gone is told by its liveness lock, not by this.
 */
const HEARTBEAT_MS = JOB_HEARTBEAT_MS;
/** Above this share of the current records, an incremental run becomes a full one. */
const FULL_RUN_SHARE = 0.3;

/** Sources whose late older period gets the newest match's answers (write-balikan-status.ts). */
const LATE_ANSWERED_SOURCES: readonly string[] = ["ahu-entitas", "kemnaker-bu", "ahu-notaris"];
/**
 * What a run reads: an import may have written millions of source records seconds ago, before
 * autovacuum looked at them, and the run's joins (notaries, workers) are planned on them.
 */
const MATCH_INPUT_TABLES = ["import_batch", "source_record", "business_record", "match_key", "match_review"];
/** What a run writes, for the next run's plans and the lead list's. */
const MATCH_OUTPUT_TABLES = [
  "business", "business_record", "match_key", "match_review", "notary_status", "worker_status", "balikan_status",
  "lead_follow_up", "name_token_frequency", "coverage_stat",
];

export interface RunMatchOptions {
  kind: "FULL" | "INCREMENTAL";
  /** The import batch that triggered an incremental run. */
  batchId?: string;
  /** Records whose businesses must be re-resolved (a review decision). */
  seedRecordIds?: readonly bigint[];
  actor: AuditActor;
  /** An existing RUNNING `match_run` row to report into (a background trigger creates it first). */
  runId?: number;
  log?: (message: string) => void;
  /**
   * Heartbeat interval (HEARTBEAT_MS); tests shorten it. `false`: the caller beats for the run —
   * a queue job, whose worker writes the row's heartbeat already (server/jobs/handlers/match.ts).
   */
  heartbeatMs?: number | false;
  /** Full runs: worker processes for the units of name matching (0: the run's own process). */
  partitionWorkers?: number;
  /** Offers a full run's regency units to other processes (the job queue's workers). */
  partitionHelpers?: (runId: number) => Promise<void>;
  /** Full runs: the peak RSS (bytes) of each worker process, when there were any. */
  onWorkerPeakRss?: (bytes: number[]) => void;
  /**
   * Above this share of the current records an incremental run becomes a full one
   * (FULL_RUN_SHARE); tests raise it to exercise the incremental path on small data sets.
   */
  fullRunShare?: number;
}

export interface MatchRunSummary {
  runId: number;
  kind: "FULL" | "INCREMENTAL";
  records: number;
  businesses: number;
  leads: number;
  byStatus: Record<string, number>;
  links: Record<string, number>;
  reviewPairs: number;
  /** Businesses merged into others whose follow-up work moved with them. */
  followUpsCarried: number;
  seconds: number;
}

export async function createMatchRun(kind: "FULL" | "INCREMENTAL", actor: AuditActor, batchId?: string): Promise<number> {
  const run = await db.matchRun.create({ data: { kind, batchId: batchId ?? null, actorId: actor.id, actorUsername: actor.username }, select: { id: true } });
  return run.id;
}

export async function runMatch(options: RunMatchOptions): Promise<MatchRunSummary> {
  const started = performance.now();
  const log = options.log ?? (() => undefined);
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  let runId: number;
  try {
    runId = options.runId ?? (await createMatchRun(options.kind, options.actor, options.batchId));
    // Before the first phase is written: a run that has left "menunggu" is dead once this is free.
    await holdLivenessLock(client, "matchRun", runId);
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  const phase = (text: string, extra: { recordsTotal?: number; recordsDone?: number } = {}) => {
    log(`${text} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    return db.matchRun.update({ where: { id: runId }, data: { phase: text, ...extra } }).catch(() => undefined);
  };
  const heartbeat = options.heartbeatMs === false ? undefined : beatForRun(runId, options.heartbeatMs ?? HEARTBEAT_MS);
  try {
    await phase("menunggu giliran");
    await client.query(`SELECT pg_advisory_lock($1::bigint)`, [MATCH_LOCK_KEY]);
    await phase("membaca data");
    await analyzeStaleTables(client, MATCH_INPUT_TABLES);
    const plan = options.kind === "INCREMENTAL" ? await planIncremental(client, options, await loadDecisions(client)) : null;
    const computed = plan ? await computeInMemory(client, runId, plan, phase, log) : await computeFull(client, runId, options, phase, log);
    const { write, ...counts } = computed;
    const kind = plan ? "INCREMENTAL" : "FULL";
    const summary: MatchRunSummary = { runId, kind, ...counts, followUpsCarried: 0, seconds: 0 };

    await phase("menyimpan hasil");
    await client.query("BEGIN");
    summary.followUpsCarried = (await write()).followUpsCarried;
    summary.seconds = Math.round((performance.now() - started) / 100) / 10;
    await appendAuditEventPg(client, {
      action: "match.run",
      actor: options.actor,
      objectType: "match_run",
      objectId: String(runId),
      details: {
        kind,
        batchId: options.batchId ?? null,
        records: summary.records,
        businesses: summary.businesses,
        leads: summary.leads,
        followUpsCarried: summary.followUpsCarried,
        seconds: summary.seconds,
      },
    });
    await client.query("COMMIT");
    // A full run rewrote every table it writes; an incremental one may have changed little. The
    // result is committed: statistics that cannot be taken are autovacuum's to take later.
    await (kind === "FULL" ? analyzeTables(client, MATCH_OUTPUT_TABLES) : analyzeStaleTables(client, MATCH_OUTPUT_TABLES)).catch((error: unknown) =>
      log(`ANALYZE gagal: ${error instanceof Error ? error.message : String(error)}`),
    );
    // The work tables only served this run: their disk goes back now.
    if (!plan) await client.query(`SELECT match_work_clear()`);
    await db.matchRun.update({
      where: { id: runId },
      data: { kind, status: "SUCCEEDED", phase: "selesai", finishedAt: new Date(), stats: { ...summary, runId: undefined } },
    });
    log(`selesai dalam ${summary.seconds} s`);
    return summary;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    const message = error instanceof Error ? error.message : String(error);
    await db.matchRun
      .update({ where: { id: runId }, data: { status: "FAILED", phase: "berhenti", finishedAt: new Date(), message: message.slice(0, 1000) } })
      .catch(() => undefined);
    throw error;
  } finally {
    clearInterval(heartbeat);
    await client.end().catch(() => undefined);
  }
}

/** The run's own heartbeat, for runs no queue job beats for. */
function beatForRun(runId: number, everyMs: number): NodeJS.Timeout {
  const timer = setInterval(() => {
    void db.matchRun.updateMany({ where: { id: runId, status: "RUNNING" }, data: { heartbeatAt: new Date() } }).catch(() => undefined);
  }, everyMs);
  timer.unref();
  return timer;
}

interface RunPlan {
  scope: ReplacedScope;
  records: MatchRecord[];
  /** Word frequencies to weigh names with (stored ones, updated with this run's changes). */
  tokenCounts: Map<string, number>;
  /** What this run changes in the stored frequencies. */
  tokenDeltas: Map<string, number>;
  decisions: Map<string, "CONFIRMED" | "REJECTED">;
  /** Fingerprint → business id before this run. */
  previousIds: Map<string, bigint>;
  /** Name keys the whole regency shares too widely to score through (NAME_KEY_CAP). */
  commonKeys: ReadonlySet<string>;
  /** Pending review pairs outside the run, with the scores the new word weights give them. */
  rescoredReviews: DriftedLinks["reviews"];
}

/** What a run computed before its write transaction, and how to write it. */
type Computed = Pick<MatchRunSummary, "records" | "businesses" | "leads" | "byStatus" | "links" | "reviewPairs"> & {
  /** Called inside the write transaction. */
  write: () => Promise<{ followUpsCarried: number }>;
};

type Phase = (text: string, extra?: { recordsTotal?: number; recordsDone?: number }) => Promise<unknown>;

/** An incremental run: its few thousand records resolved in memory (resolve.ts). */
async function computeInMemory(client: pg.Client, runId: number, plan: RunPlan, phase: Phase, log: (message: string) => void): Promise<Computed> {
  await phase("mencocokkan", { recordsTotal: plan.records.length, recordsDone: 0 });
  const resolved = resolveRecords({ records: plan.records, weights: weightsFrom(plan.tokenCounts), decisions: plan.decisions, commonKeys: plan.commonKeys });
  await phase("mengklasifikasi", { recordsDone: plan.records.length });
  const newestPeriod = plan.records.reduce((max, r) => (r.period > max ? r.period : max), "");
  const facts = resolved.clusters.map((c) => classifyBusiness(c.members.map((m) => plan.records[m]!), newestPeriod));
  const clusterFingerprints = resolved.clusters.map((c) => c.members.map((m) => plan.records[m]!.fingerprint));
  const ids = await assignIdsBesideOthers(client, clusterFingerprints, plan.scope.businessIds);
  const result: RunResult = { records: plan.records, resolved, facts, ids, successors: successorIds(clusterFingerprints, plan.previousIds, ids) };
  const byStatus: Record<string, number> = {};
  for (const f of facts) byStatus[f.status] = (byStatus[f.status] ?? 0) + 1;
  const links: Record<string, number> = {};
  for (const l of resolved.links) links[l.rule] = (links[l.rule] ?? 0) + 1;
  return {
    records: plan.records.length,
    businesses: facts.length,
    leads: facts.filter((f) => f.isLead).length,
    byStatus,
    links,
    reviewPairs: resolved.review.length,
    write: async () => {
      const written = await writeResults(client, runId, result, plan.scope, log);
      await writeRescoredReviews(client, plan.rescoredReviews);
      await writeReviewCandidates(client, result, [...plan.records.map((r) => r.id), ...plan.scope.staleRecordIds]);
      if (plan.tokenDeltas.size > 0) await adjustTokenFrequencies(client, plan.tokenDeltas);
      return written;
    },
  };
}

/**
 * Content-derived ids (business-ids.ts); an id a business outside this run holds (a hash
 * collision, or a notary's row) is skipped, so the upsert never overwrites a neighbour.
 */
async function assignIdsBesideOthers(client: pg.Client, clusters: readonly (readonly string[])[], replaced: readonly bigint[]): Promise<bigint[]> {
  const ids = assignBusinessIds(clusters);
  const { rows } = await client.query<{ id: string }>(
    `SELECT id::text FROM business WHERE id = ANY($1::bigint[]) AND NOT (id = ANY($2::bigint[]))`,
    [ids.map(String), replaced.map(String)],
  );
  return rows.length === 0 ? ids : assignBusinessIds(clusters, new Set(rows.map((r) => BigInt(r.id))));
}

/**
 * A full run, partitioned (full-match/): the records go to work tables, name matching runs per
 * regency as units a pool of workers shares, the coordinator links over integers, and clusters
 * are classified as they stream out. Peak memory follows the largest regency, not the country.
 */
async function computeFull(client: pg.Client, runId: number, options: RunMatchOptions, phase: Phase, log: (message: string) => void): Promise<Computed> {
  const work = await prepareMatchWork(client, runId, log);
  await phase("mencocokkan", { recordsTotal: work.records, recordsDone: 0 });
  // The identifier links need no scored pair: the run's own connection computes them while the
  // units are scored (by workers, or on other connections of this process).
  const identifiers = linkIdentifiers(client, work.records, log);
  identifiers.catch(() => undefined);
  const report = await runPartitions(runId, { workers: options.partitionWorkers, helperJobs: options.partitionHelpers, log });
  options.onWorkerPeakRss?.(report.workerPeakRss);
  await phase("menautkan", { recordsDone: work.records });
  const resolved = await resolveClusters(client, await identifiers, log);
  await phase("mengklasifikasi");
  const classified = await classifyClusters(client, runId, work.newestPeriod, resolved.review, log);
  return {
    records: work.records,
    businesses: classified.businesses,
    leads: classified.leads,
    byStatus: classified.byStatus,
    links: resolved.links,
    reviewPairs: resolved.review.length,
    write: () => writeFullResults(client, runId, classified.successors, log),
  };
}

/** Null when a full run is the better choice (first run, or most records changed). */
async function planIncremental(client: pg.Client, options: RunMatchOptions, decisions: RunPlan["decisions"]): Promise<RunPlan | null> {
  const { rows: totals } = await client.query<{ linked: string }>(
    `SELECT count(*)::text AS linked FROM business_record WHERE source IN (${BUSINESS_SOURCES_SQL})`,
  );
  const linked = Number(totals[0]!.linked);
  if (linked === 0) return null;
  // Businesses numbered by the old sequence (before ids followed from the records,
  // business-ids.ts) all get their content id at once: a full run, whose successors carry their
  // follow-up work.
  const { rows: legacy } = await client.query<{ legacy: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM business_record WHERE source IN (${BUSINESS_SOURCES_SQL}) AND business_id < $1::bigint) AS legacy`,
    [String(CONTENT_ID_MIN)],
  );
  if (legacy[0]!.legacy) return null;

  await client.query(`CREATE TEMP TABLE IF NOT EXISTS tmp_match_ids (id bigint PRIMARY KEY)`);
  await client.query(`TRUNCATE tmp_match_ids`);

  // New records of the batch (when it is of its source's newest period), and records it superseded.
  let newRecords: MatchRecord[] = [];
  let staleRecordIds: bigint[] = [];
  const pengurusBatchIds: string[] = [];
  let refreshNotaries = false;
  const lateBatchIds: string[] = [];
  if (options.batchId) {
    const { rows } = await client.query<{ source: string; period: string; current: boolean }>(
      `SELECT b.source, b.period, EXISTS (SELECT 1 FROM (${CURRENT_BATCHES_SQL}) c WHERE c.id = b.id) AS current FROM import_batch b WHERE b.id = $1`,
      [options.batchId],
    );
    const batch = rows[0];
    if (batch?.current && (BUSINESS_SOURCES as readonly string[]).includes(batch.source)) {
      await client.query(`INSERT INTO tmp_match_ids SELECT id FROM source_record WHERE batch_id = $1 ON CONFLICT DO NOTHING`, [options.batchId]);
      newRecords = await loadCurrentRecords(client, { onlyIdsTable: "tmp_match_ids" });
      // Only the first batch of a new period supersedes anything: later batches of the same
      // period add to it.
      const { rows: before } = await client.query<{ period: string | null }>(
        `SELECT max(period) AS period FROM import_batch WHERE source = $1 AND id <> $2`,
        [batch.source, options.batchId],
      );
      if (before[0]?.period && before[0].period < batch.period) {
        const stale = await client.query<{ id: string }>(
          `SELECT br.source_record_id::text AS id FROM business_record br JOIN source_record r ON r.id = br.source_record_id
           WHERE br.source = $1 AND NOT EXISTS (SELECT 1 FROM (${CURRENT_BATCHES_SQL}) c WHERE c.id = r.batch_id)`,
          [batch.source],
        );
        staleRecordIds = stale.rows.map((r) => BigInt(r.id));
      }
    }
    // Workers and participants come as national files twice a year and change the counts,
    // status and priority of most businesses with workers: a full run recomputes them whole.
    if (batch?.current && (batch.source === "kemnaker-tk" || batch.source === "bpjs-peserta")) return null;
    if (batch?.current && batch.source === "ahu-pengurus") pengurusBatchIds.push(options.batchId);
    refreshNotaries = batch?.source === "ahu-notaris" || batch?.source === "bpjs-peserta";
    if (batch && !batch.current && LATE_ANSWERED_SOURCES.includes(batch.source)) lateBatchIds.push(options.batchId);
  }
  if ((newRecords.length + staleRecordIds.length) / linked > (options.fullRunShare ?? FULL_RUN_SHARE)) return null;

  // The superseded records as name matching saw them: their words and name keys leave.
  const { rows: staleRows } = await client.query<{ name: string | null; regency: string | null }>(
    `SELECT name, regency_code AS regency FROM source_record WHERE id = ANY($1::bigint[])`,
    [staleRecordIds.map(String)],
  );
  const stale = staleRows.map((r) => ({ ...parseBusinessName(r.name ?? ""), regencyCode: r.regency }));
  const touchedKeys = await NameKeyCounts.read(client, [...newRecords, ...stale], newRecords, staleRecordIds);

  // Word weights: the stored frequencies, with the new records in and the superseded ones out.
  const tokenDeltas = countTokens(newRecords);
  countTokens(stale, -1, tokenDeltas);
  // Businesses the new records may join, through the stored blocking keys: an identifier key
  // names them outright; a name key only names candidates, which are scored against the new
  // records first, so a common word does not drag thousands of businesses into the run.
  const affected = await businessesNewRecordsMayJoin(client, newRecords, touchedKeys, tokenDeltas);
  // Businesses elsewhere whose stored pairs the new weights move across a threshold.
  const drifted = await findDriftedLinks(client, tokenDeltas);
  // A key the batch makes too common to score through (or no longer too common) changes the
  // pairs of every record sharing it, as a full run would now block them.
  const { rows: crossing } = await client.query<{ id: string }>(
    `SELECT DISTINCT source_record_id::text AS id FROM match_key WHERE key = ANY($1::bigint[])`,
    [touchedKeys.crossing().map((key) => String(keyHash(key)))],
  );
  const seeds = [...staleRecordIds, ...(options.seedRecordIds ?? []), ...drifted.records, ...crossing.map((r) => r.id)].map(String);
  if (seeds.length > 0) {
    const { rows } = await client.query<{ id: string }>(
      `SELECT DISTINCT business_id::text AS id FROM business_record WHERE source_record_id = ANY($1::bigint[])`,
      [seeds],
    );
    for (const r of rows) affected.add(r.id);
  }
  for (const id of await acrossPendingPairs(client, [...affected])) affected.add(id);
  const businessIds = [...affected].map((id) => BigInt(id));

  // Every current record of those businesses, plus the new ones.
  await client.query(
    `INSERT INTO tmp_match_ids SELECT source_record_id FROM business_record
     WHERE business_id = ANY($1::bigint[]) AND source IN (${BUSINESS_SOURCES_SQL}) ON CONFLICT DO NOTHING`,
    [businessIds.map(String)],
  );
  const records = await loadCurrentRecords(client, { onlyIdsTable: "tmp_match_ids" });
  const previousIds = new Map<string, bigint>();
  const { rows: previous } = await client.query<{ fingerprint: string; id: string }>(
    `SELECT fingerprint, business_id::text AS id FROM business_record WHERE business_id = ANY($1::bigint[])`,
    [businessIds.map(String)],
  );
  for (const p of previous) previousIds.set(p.fingerprint, BigInt(p.id));

  const tokenCounts = await readTokenFrequencies(client, records.flatMap((r) => r.tokens));
  for (const [token, delta] of tokenDeltas) tokenCounts.set(token, (tokenCounts.get(token) ?? 0) + delta);
  const commonKeys = (await NameKeyCounts.read(client, records, newRecords, staleRecordIds)).common();

  return {
    scope: { businessIds, staleRecordIds, pengurusBatchIds, refreshNotaries, lateBatchIds },
    records,
    tokenCounts,
    tokenDeltas,
    decisions,
    previousIds,
    commonKeys,
    rescoredReviews: drifted.reviews,
  };
}

/**
 * The businesses linked to these by pending review pairs, transitively. A run re-finds a pending
 * pair only when both its records are in it, and drops the pending pairs of its records it did
 * not re-find: a pair whose other record stayed outside would vanish until the next full run.
 */
async function acrossPendingPairs(client: pg.Client, businessIds: readonly string[]): Promise<string[]> {
  if (businessIds.length === 0) return [];
  const { rows } = await client.query<{ id: string }>(
    `WITH RECURSIVE pending AS MATERIALIZED (
       SELECT left_fingerprint AS mine, right_fingerprint AS other FROM match_review WHERE status = 'PENDING'
       UNION ALL SELECT right_fingerprint, left_fingerprint FROM match_review WHERE status = 'PENDING'),
     reach (business_id) AS (
       SELECT unnest($1::bigint[])
       UNION
       SELECT o.business_id FROM reach r
       JOIN business_record m ON m.business_id = r.business_id
       JOIN pending p ON p.mine = m.fingerprint
       JOIN business_record o ON o.fingerprint = p.other)
     SELECT business_id::text AS id FROM reach`,
    [businessIds],
  );
  return rows.map((r) => r.id);
}

async function businessesNewRecordsMayJoin(
  client: pg.Client,
  newRecords: readonly MatchRecord[],
  keyCounts: NameKeyCounts,
  tokenDeltas: ReadonlyMap<string, number>,
): Promise<Set<string>> {
  const affected = new Set<string>();
  if (newRecords.length === 0) return affected;
  const identifierHashes = new Set<string>();
  const narrow = new Set<string>();
  for (const r of newRecords) {
    for (const key of identifierKeys(r)) identifierHashes.add(String(keyHash(key)));
    for (const { key } of nameKeys(r)) if (keyCounts.narrow(key)) narrow.add(String(keyHash(key)));
  }
  const { rows: byIdentifier } = await client.query<{ id: string }>(
    `SELECT DISTINCT br.business_id::text AS id FROM match_key mk JOIN business_record br ON br.source_record_id = mk.source_record_id
     WHERE mk.key = ANY($1::bigint[])`,
    [[...identifierHashes]],
  );
  for (const r of byIdentifier) affected.add(r.id);

  // Keys shared by more records than the full run scores through are left out, as it leaves them.
  const { rows: hits } = await client.query<{ key: string; id: string }>(
    `SELECT key::text, source_record_id::text AS id FROM match_key WHERE key = ANY($1::bigint[])`,
    [[...narrow]],
  );
  const byKey = new Map<string, string[]>();
  for (const h of hits) {
    const list = byKey.get(h.key);
    if (list) list.push(h.id);
    else byKey.set(h.key, [h.id]);
  }
  const candidateIds = new Set<string>();
  for (const ids of byKey.values()) for (const id of ids) candidateIds.add(id);
  if (candidateIds.size === 0) return affected;

  await client.query(`CREATE TEMP TABLE IF NOT EXISTS tmp_candidate_ids (id bigint PRIMARY KEY)`);
  await client.query(`TRUNCATE tmp_candidate_ids`);
  await client.query(`INSERT INTO tmp_candidate_ids SELECT unnest($1::bigint[]) ON CONFLICT DO NOTHING`, [[...candidateIds]]);
  const candidates = new Map((await loadCurrentRecords(client, { onlyIdsTable: "tmp_candidate_ids" })).map((r) => [String(r.id), r]));
  const counts = await readTokenFrequencies(client, [...newRecords, ...candidates.values()].flatMap((r) => r.tokens));
  for (const [token, delta] of tokenDeltas) counts.set(token, (counts.get(token) ?? 0) + delta);
  const weights = weightsFrom(counts);
  const alike = new Set<string>();
  for (const r of newRecords) {
    const seen = new Set<string>();
    for (const { key } of nameKeys(r)) {
      for (const id of byKey.get(String(keyHash(key))) ?? []) {
        if (seen.has(id)) continue;
        seen.add(id);
        const candidate = candidates.get(id);
        const scored = candidate && candidate.regencyCode === r.regencyCode ? scorePair(r, candidate, weights) : null;
        if (scored && scored.score >= REVIEW) alike.add(id);
      }
    }
  }
  if (alike.size > 0) {
    const { rows } = await client.query<{ id: string }>(
      `SELECT DISTINCT business_id::text AS id FROM business_record WHERE source_record_id = ANY($1::bigint[])`,
      [[...alike]],
    );
    for (const r of rows) affected.add(r.id);
  }
  return affected;
}

async function loadDecisions(client: pg.Client): Promise<Map<string, "CONFIRMED" | "REJECTED">> {
  const { rows } = await client.query<{ l: string; r: string; status: "CONFIRMED" | "REJECTED" }>(
    `SELECT left_fingerprint AS l, right_fingerprint AS r, status FROM match_review WHERE status <> 'PENDING'`,
  );
  return new Map(rows.map((row) => [pairKey(row.l, row.r), row.status]));
}
