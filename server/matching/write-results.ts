import "server-only";
import type pg from "pg";
import { copyInLines } from "@/server/db/copy-in.ts";
import { copyValue } from "@/server/ingest/copy-text.ts";
import { identifierKeys, keyHash, nameKeys } from "./blocking-keys.ts";
import type { BusinessFacts } from "./classify.ts";
import { CURRENT_BATCHES_SQL } from "./load-records.ts";
import type { ResolveResult } from "./resolve.ts";
import type { MatchRecord } from "./types.ts";

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
}

/** What an incremental run replaces; a full run replaces everything. */
export interface ReplacedScope {
  /** Businesses whose records were re-resolved. */
  businessIds: readonly bigint[];
  /** Records that are no longer current (a newer period superseded them). */
  staleRecordIds: readonly bigint[];
  /** ahu-pengurus batches to attach besides the officers of the businesses written. */
  pengurusBatchIds: readonly string[];
}

const BUSINESS_COLUMNS = [
  "id", "name", "name_core", "legal_form", "npwp", "nib", "kode_wlkp", "kode_badan_usaha", "province_code",
  "regency_code", "district_code", "village_code", "address", "postcode", "phone", "email", "worker_count",
  "registered_workers", "worker_gap", "business_scale", "kbli", "status", "is_lead", "priority", "sources",
  "latest_period", "record_count", "match_run_id",
] as const;

export async function writeResults(client: pg.ClientBase, runId: number, result: RunResult, scope: ReplacedScope | "full"): Promise<void> {
  const { records, resolved, facts, ids } = result;
  const businessIds = ids.map(String);

  // 1. Clear what this run replaces.
  if (scope === "full") {
    await client.query(`DELETE FROM business_record`);
    await client.query(`DELETE FROM match_key`);
    await client.query(`DELETE FROM business WHERE NOT (id = ANY($1::bigint[]))`, [businessIds]);
  } else {
    const replaced = scope.businessIds.map(String);
    const recordIds = [...records.map((r) => String(r.id)), ...scope.staleRecordIds.map(String)];
    await client.query(`DELETE FROM business_record WHERE business_id = ANY($1::bigint[]) OR source_record_id = ANY($2::bigint[])`, [replaced, recordIds]);
    await client.query(`DELETE FROM match_key WHERE source_record_id = ANY($1::bigint[])`, [recordIds]);
    await client.query(`DELETE FROM business WHERE id = ANY($1::bigint[]) AND NOT (id = ANY($2::bigint[]))`, [replaced, businessIds]);
  }

  // 2. Businesses, upserted so their ids (and what hangs off them) stay.
  await client.query(`CREATE TEMP TABLE tmp_business (LIKE business INCLUDING DEFAULTS) ON COMMIT DROP`);
  await copyInLines(
    client,
    `tmp_business (${BUSINESS_COLUMNS.join(", ")})`,
    facts.map((f, i) =>
      [
        ids[i], f.name, f.nameCore, f.legalForm, f.npwp, f.nib, f.kodeWlkp, f.kodeBadanUsaha, f.provinceCode,
        f.regencyCode, f.districtCode, f.villageCode, f.address, f.postcode, f.phone, f.email, f.workerCount,
        f.registeredWorkers, f.workerGap, f.businessScale, f.kbli, f.status, f.isLead, f.priority,
        `{${f.sources.join(",")}}`, f.latestPeriod, resolved.clusters[i]!.members.length, runId,
      ]
        .map((v) => copyValue(typeof v === "bigint" ? String(v) : v))
        .join("\t"),
    ),
  );
  const updates = BUSINESS_COLUMNS.filter((c) => c !== "id").map((c) => `${c} = EXCLUDED.${c}`);
  await client.query(
    `INSERT INTO business (${BUSINESS_COLUMNS.join(", ")}, updated_at)
     SELECT ${BUSINESS_COLUMNS.join(", ")}, now() FROM tmp_business
     ON CONFLICT (id) DO UPDATE SET ${updates.join(", ")}, updated_at = now()`,
  );

  // 3. Record links with their evidence, and the blocking keys of every record.
  const clusterOf = new Int32Array(records.length);
  resolved.clusters.forEach((c, i) => c.members.forEach((m) => (clusterOf[m] = i)));
  await copyInLines(
    client,
    `business_record (source_record_id, business_id, source, fingerprint, rule, score, evidence)`,
    records.map((r, i) => {
      const link = resolved.links[i]!;
      return [String(r.id), String(ids[clusterOf[i]!]), r.source, r.fingerprint, link.rule, link.score, JSON.stringify(link.evidence)]
        .map(copyValue)
        .join("\t");
    }),
  );
  await copyInLines(client, `match_key (key, source_record_id)`, matchKeyLines(records));

  // 4. Officers by their entity's NPWP.
  if (scope === "full") {
    await attachOfficers(client, "TRUE");
  } else {
    await client.query(`DELETE FROM business_record WHERE source = 'ahu-pengurus' AND business_id = ANY($1::bigint[])`, [businessIds]);
    await attachOfficers(client, `(b.id = ANY($1::bigint[]) OR r.batch_id = ANY($2::uuid[]))`, [businessIds, scope.pengurusBatchIds]);
  }

  // 5. Notaries: few enough to recompute every run.
  await refreshNotaryStatus(client, runId);
}

function* matchKeyLines(records: readonly MatchRecord[]): Generator<string> {
  for (const r of records) {
    const seen = new Set<bigint>();
    const id = String(r.id);
    for (const key of identifierKeys(r)) seen.add(keyHash(key));
    for (const { key } of nameKeys(r)) seen.add(keyHash(key));
    for (const h of seen) yield `${h}\t${id}`;
  }
}

async function attachOfficers(client: pg.ClientBase, where: string, params: unknown[] = []): Promise<void> {
  await client.query(
    `INSERT INTO business_record (source_record_id, business_id, source, fingerprint, rule, evidence)
     SELECT r.id, b.id, r.source, 'ahu-pengurus/' || r.npwp || '/' || coalesce(r.nik, upper(r.name)), 'npwp-entitas',
            jsonb_build_object('npwp', true)
     FROM source_record r
     JOIN (${CURRENT_BATCHES_SQL}) c ON c.id = r.batch_id
     JOIN business b ON b.npwp = r.npwp
     WHERE r.source = 'ahu-pengurus' AND ${where}
     ON CONFLICT (source_record_id) DO NOTHING`,
    params,
  );
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

/** Review candidates: new pairs are added as pending, pending ones refreshed; decided ones stay. */
export async function writeReviewCandidates(client: pg.ClientBase, result: RunResult, replacedRecordIds: readonly bigint[] | "all"): Promise<void> {
  if (replacedRecordIds === "all") await client.query(`DELETE FROM match_review WHERE status = 'PENDING'`);
  else
    await client.query(
      `DELETE FROM match_review WHERE status = 'PENDING' AND (left_record_id = ANY($1::bigint[]) OR right_record_id = ANY($1::bigint[]))`,
      [replacedRecordIds.map(String)],
    );
  if (result.resolved.review.length === 0) return;
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
  await client.query(
    `INSERT INTO match_review (left_fingerprint, right_fingerprint, left_record_id, right_record_id, regency_code, score, evidence)
     SELECT lf, rf, lr, rr, regency, score, evidence FROM tmp_review
     ON CONFLICT (left_fingerprint, right_fingerprint) DO UPDATE SET
       left_record_id = EXCLUDED.left_record_id, right_record_id = EXCLUDED.right_record_id,
       regency_code = EXCLUDED.regency_code, score = EXCLUDED.score, evidence = EXCLUDED.evidence, updated_at = now()`,
  );
}

