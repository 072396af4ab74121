import "server-only";
import type pg from "pg";
import { copyInLines } from "@/server/db/copy-in.ts";
import { applyCoverageDelta, refreshCoverageStats, snapshotCoverage } from "@/server/dashboard/refresh-coverage.ts";
import type { EntityKind } from "@/server/db/generated/enums.ts";
import { copyValue } from "@/server/ingest/copy-text.ts";
import { syncFollowUpBusiness } from "@/server/followup/sync-follow-up-business.ts";
import { carryFollowUps } from "@/server/leads/carry-follow-ups.ts";
import { closeConvertedLeads } from "@/server/leads/close-converted-leads.ts";
import { recordKeyHashes } from "./blocking-keys.ts";
import type { BusinessFacts } from "./classify.ts";
import { CURRENT_BATCHES_SQL } from "./load-records.ts";
import type { ResolveResult } from "./resolve.ts";
import { refreshWorkerStatus } from "./refresh-worker-status.ts";
import type { MatchRecord } from "./types.ts";
import { stepTimer } from "./step-timer.ts";
import { writeBusinessAnswers, writeLatePeriodAnswers, writeNotaryAnswers, writeWorkerAnswers } from "./write-balikan-status.ts";
import { writeNotaryLeads } from "./write-notary-leads.ts";

/**
 * Writes one run's result inside the caller's transaction: the businesses (upserted by their
 * stable ids), the record links with their evidence, the blocking keys, the review candidates,
 * the officers (pengurus) attached by their entity's NPWP and the notaries' JKN status. Readers
 * keep seeing the previous result until the transaction commits.
 */

export interface RunResult {
  records: readonly MatchRecord[];
  resolved: ResolveResult;
  facts: readonly BusinessFacts[];
  /** Business id per cluster. */
  ids: readonly bigint[];
  /** Businesses this run dissolves → the business that took most of their records. */
  successors: ReadonlyMap<bigint, bigint>;
}

/** What an incremental run replaces; a full run replaces everything. */
export interface ReplacedScope {
  /** Businesses whose records were re-resolved. */
  businessIds: readonly bigint[];
  /** Records that are no longer current (a newer period superseded them). */
  staleRecordIds: readonly bigint[];
  /** ahu-pengurus batches to attach besides the officers of the businesses written. */
  pengurusBatchIds: readonly string[];
  /** A notary or participant batch came in: the notaries' status must be recomputed. */
  refreshNotaries: boolean;
  /** The batch that started the run when a newer period of its source came first: answered, not matched. */
  lateBatchIds: readonly string[];
}

export const BUSINESS_COLUMNS = [
  "id", "name", "name_core", "legal_form", "npwp", "nib", "kode_wlkp", "kode_badan_usaha", "province_code",
  "regency_code", "district_code", "village_code", "address", "postcode", "phone", "email", "worker_count",
  "registered_workers", "worker_gap", "business_scale", "kbli", "status", "is_lead", "priority", "sources",
  "latest_period", "record_count", "match_run_id",
  // Written empty here; the worker pass fills them for the businesses Kemnaker listed workers of.
  "workers_listed", "workers_here", "workers_elsewhere", "workers_other_segment", "workers_unregistered",
  "kind",
] as const;

export async function writeResults(
  client: pg.Client,
  runId: number,
  result: RunResult,
  scope: ReplacedScope,
  log: (message: string) => void = () => undefined,
): Promise<{ followUpsCarried: number }> {
  const { records, resolved, facts, ids } = result;
  const step = stepTimer(log);
  const businessIds = ids.map(String);

  // 1. Clear what this run replaces.
  const replaced = scope.businessIds.map(String);
  // What the replaced businesses count on the dashboard now, to subtract at the end.
  await snapshotCoverage(client, replaced);
  const recordIds = [...records.map((r) => String(r.id)), ...scope.staleRecordIds.map(String)];
  await client.query(`DELETE FROM business_record WHERE business_id = ANY($1::bigint[]) OR source_record_id = ANY($2::bigint[])`, [replaced, recordIds]);
  await client.query(`DELETE FROM match_key WHERE source_record_id = ANY($1::bigint[])`, [recordIds]);
  await client.query(`DELETE FROM business WHERE id = ANY($1::bigint[]) AND NOT (id = ANY($2::bigint[]))`, [replaced, businessIds]);

  step("lama dihapus");
  // 2. Businesses, upserted so their ids (and what hangs off them) stay.
  await client.query(`CREATE TEMP TABLE tmp_business (LIKE business INCLUDING DEFAULTS) ON COMMIT DROP`);
  await copyInLines(
    client,
    `tmp_business (${BUSINESS_COLUMNS.join(", ")})`,
    facts.map((f, i) => businessLine(ids[i]!, f, resolved.clusters[i]!.members.length, runId)),
  );
  await upsertBusinesses(client, "tmp_business");

  step("badan usaha");
  // 3. Record links with their evidence, and the blocking keys of every record.
  const clusterOf = new Int32Array(records.length);
  resolved.clusters.forEach((c, i) => c.members.forEach((m) => (clusterOf[m] = i)));
  await copyInLines(
    client,
    `business_record (${LINK_COLUMNS})`,
    records.map((r, i) => {
      const link = resolved.links[i]!;
      return [String(r.id), String(ids[clusterOf[i]!]), r.source, r.fingerprint, link.rule, link.score, JSON.stringify(link.evidence)]
        .map(copyValue)
        .join("\t");
    }),
  );
  step("tautan catatan");
  await copyInLines(client, `match_key (key, source_record_id)`, matchKeyLines(records));
  step("kunci pencocokan");
  return writeDependents(client, runId, scope, businessIds, result.successors, step, log);
}

/** A business (or a notary: `kind`) as a COPY line of BUSINESS_COLUMNS. */
export function businessLine(id: bigint | number, f: BusinessFacts, recordCount: number, runId: number, kind: EntityKind = "BADAN_USAHA"): string {
  return [
    id, f.name, f.nameCore, f.legalForm, f.npwp, f.nib, f.kodeWlkp, f.kodeBadanUsaha, f.provinceCode,
    f.regencyCode, f.districtCode, f.villageCode, f.address, f.postcode, f.phone, f.email, f.workerCount,
    f.registeredWorkers, f.workerGap, f.businessScale, f.kbli, f.status, f.isLead, f.priority,
    `{${f.sources.join(",")}}`, f.latestPeriod, recordCount, runId,
    null, null, null, null, null,
    kind,
  ]
    .map((v) => copyValue(typeof v === "bigint" ? String(v) : v))
    .join("\t");
}

/**
 * Businesses written from `source` (BUSINESS_COLUMNS) by their stable ids, so what hangs off them
 * stays; `idFrom` maps the source's id column to the business id (a full run's cluster numbers).
 *
 * Written as a difference: a row whose values are all as stored is left alone. Every row written
 * costs a new version in the business table's ~22 indexes (the lead list's sorts, the trigram
 * search), and a re-run over the same files changes few businesses. So `match_run_id` and
 * `updated_at` are the run and time that last changed a business, not the last run that saw it.
 * Two set operations, each a hash join, rather than one INSERT … ON CONFLICT, which probes the
 * primary key row by row (as the worker pass found for worker_status).
 */
export async function upsertBusinesses(client: pg.ClientBase, source: string, idFrom?: { table: string; key: string; id: string }): Promise<void> {
  const id = idFrom ? `m.${idFrom.id}` : "t.id";
  const from = idFrom ? `${source} t JOIN ${idFrom.table} m ON m.${idFrom.key} = t.id` : `${source} t`;
  const values = BUSINESS_COLUMNS.filter((c) => c !== "id");
  const compared = values.filter((c) => c !== "match_run_id");
  await client.query(
    `UPDATE business b SET ${values.map((c) => `${c} = t.${c}`).join(", ")}, updated_at = now()
     FROM ${from}
     WHERE b.id = ${id} AND (${compared.map((c) => `b.${c}`).join(", ")}) IS DISTINCT FROM (${compared.map((c) => `t.${c}`).join(", ")})`,
  );
  await client.query(
    `INSERT INTO business (${BUSINESS_COLUMNS.join(", ")}, updated_at)
     SELECT ${id}, ${values.map((c) => `t.${c}`).join(", ")}, now() FROM ${from}
     WHERE NOT EXISTS (SELECT 1 FROM business b WHERE b.id = ${id})`,
  );
}

/**
 * What hangs off the businesses, after they and their record links are written (full and
 * incremental runs alike): officers, notaries, workers, follow-up work of merged businesses,
 * the coverage aggregates. `businessIds`: the businesses written (incremental runs).
 */
export async function writeDependents(
  client: pg.Client,
  runId: number,
  scope: ReplacedScope | "full",
  businessIds: readonly string[],
  successors: ReadonlyMap<bigint, bigint>,
  step: (what: string) => void,
  log: (message: string) => void,
): Promise<{ followUpsCarried: number }> {
  // 4. Officers by their entity's NPWP.
  // A full run wrote its officers with the record links (write-full-results.ts).
  if (scope !== "full") {
    await client.query(`DELETE FROM business_record WHERE source = 'ahu-pengurus' AND business_id = ANY($1::bigint[])`, [businessIds]);
    if (scope.pengurusBatchIds.length > 0) {
      // A new period of officers supersedes the previous one.
      await client.query(
        `DELETE FROM business_record br USING source_record r WHERE br.source = 'ahu-pengurus' AND r.id = br.source_record_id
         AND NOT EXISTS (SELECT 1 FROM (${CURRENT_BATCHES_SQL}) c WHERE c.id = r.batch_id)`,
      );
    }
    // Two statements, not one OR: each can then use its index (business id, or the new batch).
    await attachOfficers(client, `b.id = ANY($1::bigint[])`, [businessIds]);
    if (scope.pengurusBatchIds.length > 0) await attachOfficers(client, `r.batch_id = ANY($1::uuid[])`, [scope.pengurusBatchIds]);
  }

  step("pengurus");
  // 5. Notaries: few enough to recompute whenever their sources change. Their JKN status, then
  // the notaries as leads of their own kind (before the follow-up step, so a notary now active
  // closes like any registered business).
  if (scope === "full" || scope.refreshNotaries) {
    await refreshNotaryStatus(client, runId);
    await writeNotaryAnswers(client, runId);
    await writeNotaryLeads(client, runId);
  }
  step("notaris");
  // 6. Workers: linked to their employer and to JKN, the exact counts on their businesses. Before
  // the follow-up step, so a business its workers show fully registered closes like any other.
  const workers = await refreshWorkerStatus(
    client,
    runId,
    scope === "full" ? "all" : { businessIds: [...new Set([...scope.businessIds.map(String), ...businessIds])] },
    log,
  );
  step(`pekerja (${workers.workers} pekerja, ${workers.businesses} badan usaha)`);
  // What the partners' data balikan answers, once the statuses are final.
  await writeBusinessAnswers(client, runId, scope === "full" ? "all" : { businessIds });
  await writeLatePeriodAnswers(client, runId, scope === "full" ? "all" : scope.lateBatchIds);
  if (scope === "full") await writeWorkerAnswers(client, runId);
  step("status data balikan");
  // Follow-up work of merged businesses first, so a carried follow-up of a business that turns
  // out registered closes like any other.
  const carried = await carryFollowUps(client, runId, successors);
  if (carried > 0) log(`  tindak lanjut dipindahkan dari ${carried} badan usaha yang digabung`);
  await closeConvertedLeads(client, scope === "full" ? "all" : { businessIds, notaries: scope.refreshNotaries });
  step("tindak lanjut terdaftar");
  // 7. The coverage dashboard's aggregates, committed with the businesses they count; and the
  // follow-up rows' copies of their businesses, which the dashboard's follow-up figures read.
  await syncFollowUpBusiness(client, scope === "full" ? "all" : { businessIds: [...new Set([...scope.businessIds.map(String), ...businessIds])] });
  if (scope === "full") await refreshCoverageStats(client, runId);
  else await applyCoverageDelta(client, businessIds);
  step("cakupan");
  return { followUpsCarried: carried };
}

/** The blocking keys of each record, as COPY lines (blocking-keys.ts). */
function* matchKeyLines(records: readonly MatchRecord[]): Generator<string> {
  for (const r of records) for (const h of recordKeyHashes(r)) yield `${h}\t${r.id}`;
}

async function attachOfficers(client: pg.ClientBase, where: string, params: unknown[] = []): Promise<void> {
  await client.query(
    `INSERT INTO business_record (${LINK_COLUMNS})
     ${officerLinksSql(`(SELECT id, npwp FROM business WHERE kind = 'BADAN_USAHA')`, where)}
     ON CONFLICT (source_record_id) DO NOTHING`,
    params,
  );
}

/** What a record link holds besides its record: compared to tell a changed link from one stored as it is. */
export const LINK_VALUE_COLUMNS = ["business_id", "source", "fingerprint", "rule", "score", "evidence"] as const;

/** business_record's columns, in the order of the links' SELECTs. */
export const LINK_COLUMNS = ["source_record_id", ...LINK_VALUE_COLUMNS].join(", ");

/**
 * The officers (ahu-pengurus) of the current batches linked to their entity by its NPWP, as a
 * SELECT of LINK_COLUMNS; `businesses` (id, npwp) are the businesses they may attach to. An
 * officer whose NPWP several businesses carry goes to the lowest id, the same every run. Only the
 * officers' batches are read (a join on every current batch read all their records: 4 s at 1M).
 */
export function officerLinksSql(businesses: string, where = "TRUE"): string {
  return `SELECT DISTINCT ON (r.id) r.id, b.id, r.source, 'ahu-pengurus/' || r.npwp || '/' || coalesce(r.nik, upper(r.name)), 'npwp-entitas',
            NULL::float8, jsonb_build_object('npwp', true)
     FROM source_record r
     JOIN (${CURRENT_BATCHES_SQL}) c ON c.id = r.batch_id AND c.source = 'ahu-pengurus'
     JOIN ${businesses} b ON b.npwp = r.npwp
     WHERE r.source = 'ahu-pengurus' AND ${where}
     ORDER BY r.id, b.id`;
}

/**
 * Each current notary (ahu-notaris) by NIK in the current bpjs-peserta: Aktif, Tidak aktif, or
 * Tidak terdaftar (absent, or listed as not registered); with the JKN segment.
 */
async function refreshNotaryStatus(client: pg.ClientBase, runId: number): Promise<void> {
  await client.query(`DELETE FROM notary_status`);
  await client.query(
    `WITH current AS (${CURRENT_BATCHES_SQL})
     INSERT INTO notary_status (source_record_id, nik, status, segment, peserta_record_id, match_run_id)
     SELECT n.id, n.nik,
       (CASE WHEN p.id IS NULL OR p.registered = 'false' THEN 'TIDAK_TERDAFTAR'
             WHEN p.active = 'false' THEN 'TIDAK_AKTIF' ELSE 'AKTIF' END)::"NotaryJknStatus",
       CASE WHEN p.registered = 'false' THEN NULL ELSE p.segment END, p.id, $1
     FROM source_record n
     JOIN current c ON c.id = n.batch_id AND c.source = 'ahu-notaris'
     LEFT JOIN LATERAL (
       SELECT pr.id, pr.extra->>'registered' AS registered, pr.extra->>'active' AS active, pr.extra->>'segment' AS segment
       FROM source_record pr JOIN current cp ON cp.id = pr.batch_id AND cp.source = 'bpjs-peserta'
       WHERE pr.nik = n.nik
       ORDER BY (pr.extra->>'registered' = 'true') DESC NULLS LAST, (pr.extra->>'active' = 'true') DESC NULLS LAST, pr.id DESC
       LIMIT 1
     ) p ON TRUE
     WHERE n.nik IS NOT NULL`,
    [runId],
  );
}

/**
 * Review candidates: new pairs are added as pending and pending ones refreshed (keeping their ids,
 * so a reviewer's open page stays valid); pending pairs this run no longer finds are removed.
 * Decided pairs stay, pointing at the current records of their fingerprints.
 */
export async function writeReviewCandidates(client: pg.ClientBase, result: RunResult, replacedRecordIds: readonly bigint[] | "all"): Promise<void> {
  await client.query(
    `CREATE TEMP TABLE tmp_review (lf text, rf text, lr bigint, rr bigint, regency text, score float8, evidence jsonb) ON COMMIT DROP`,
  );
  await copyInLines(
    client,
    `tmp_review`,
    result.resolved.review.map((c) =>
      [c.left.fingerprint, c.right.fingerprint, String(c.left.id), String(c.right.id), c.left.regencyCode, c.score, JSON.stringify(c.evidence)]
        .map(copyValue)
        .join("\t"),
    ),
  );
  await applyReviewCandidates(client, replacedRecordIds);
}

/** Review candidates from `tmp_review` (lf, rf, lr, rr, regency, score, evidence) into match_review. */
export async function applyReviewCandidates(client: pg.ClientBase, replacedRecordIds: readonly bigint[] | "all"): Promise<void> {
  const notFound = `status = 'PENDING' AND NOT EXISTS (SELECT 1 FROM tmp_review t WHERE t.lf = left_fingerprint AND t.rf = right_fingerprint)`;
  if (replacedRecordIds === "all") await client.query(`DELETE FROM match_review WHERE ${notFound}`);
  else
    await client.query(`DELETE FROM match_review WHERE ${notFound} AND (left_record_id = ANY($1::bigint[]) OR right_record_id = ANY($1::bigint[]))`, [
      replacedRecordIds.map(String),
    ]);
  await client.query(
    `INSERT INTO match_review (left_fingerprint, right_fingerprint, left_record_id, right_record_id, regency_code, score, evidence)
     SELECT lf, rf, lr, rr, regency, score, evidence FROM tmp_review
     ON CONFLICT (left_fingerprint, right_fingerprint) DO UPDATE SET
       left_record_id = EXCLUDED.left_record_id, right_record_id = EXCLUDED.right_record_id,
       regency_code = EXCLUDED.regency_code, score = EXCLUDED.score, evidence = EXCLUDED.evidence, updated_at = now()`,
  );
  if (replacedRecordIds === "all") {
    for (const side of ["left", "right"] as const) {
      await client.query(
        `UPDATE match_review m SET ${side}_record_id = br.source_record_id FROM business_record br
         WHERE m.status <> 'PENDING' AND br.fingerprint = m.${side}_fingerprint AND m.${side}_record_id <> br.source_record_id`,
      );
    }
  }
}
