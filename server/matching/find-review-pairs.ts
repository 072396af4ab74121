import "server-only";
import { maskIfPersonal } from "@/lib/personal-data.ts";
import type { ReviewPairDto, ReviewRecordDto, ReviewRegionDto, ReviewStatus } from "@/lib/match-review.ts";
import { regionScopeSql, type RegionScope } from "@/server/access/region-scope.ts";
import { db } from "@/server/db/client.ts";
import { findBatchesById } from "@/server/ingest/find-batches-by-id.ts";
import { SqlParams } from "@/server/leads/lead-query.ts";

/**
 * One page of the review queue (Tinjauan Pencocokan) inside the caller's region scope: pending
 * pairs highest score first, decided ones newest decision first, each with both source records
 * as the reviewer compares them. Personal columns of a record (NIK, a contact person's name or
 * mobile number in `extra`) are never selected; the business's own phone and email are.
 */

export interface FindReviewPairsOptions {
  scope: RegionScope;
  status: ReviewStatus;
  page: number;
  pageSize: number;
}

export interface ReviewPairsPage {
  pairs: ReviewPairDto[];
  /** Pairs of this status in scope. The queue is small (grey-zone pairs only), so counting is cheap. */
  total: number;
  page: number;
  pageCount: number;
}

/**
 * The reviews the queue shows, in its order: one per pair of businesses. A match run writes a
 * review per pair of partner *records*, so a business known to Kemnaker and to BPJS meets a
 * grey-zone record twice — once against each of its records — and the reviewer would decide the
 * same question twice. Per pair of businesses (a record not linked to one counts as its own) the
 * queue shows the strongest pending pair; none while the pair already has a decision (the rematch
 * after it settles the rest), nor once both records belong to one business.
 */
async function oneReviewPerBusinessPair(scope: RegionScope, status: ReviewStatus): Promise<bigint[]> {
  const params = new SqlParams();
  const inScope = regionScopeSql(scope, { code: "m.regency_code" }, params);
  const wanted = params.add(status, '::"ReviewStatus"');
  const rows = await db.$queryRawUnsafe<{ id: bigint }[]>(
    `WITH keyed AS (
       SELECT m.id, m.status, m.score, m.decided_at, least(l.k, r.k) AS k1, greatest(l.k, r.k) AS k2, l.k = r.k AS one_business
       FROM match_review m
         LEFT JOIN business_record bl ON bl.source_record_id = m.left_record_id
         LEFT JOIN business_record br ON br.source_record_id = m.right_record_id
         CROSS JOIN LATERAL (SELECT coalesce('b' || bl.business_id, 'r' || m.left_record_id) AS k) l
         CROSS JOIN LATERAL (SELECT coalesce('b' || br.business_id, 'r' || m.right_record_id) AS k) r
       WHERE ${inScope}
     ),
     shown AS (
       SELECT DISTINCT ON (k1, k2) * FROM keyed
       WHERE status = ${wanted}
         AND (status <> 'PENDING' OR NOT one_business AND NOT EXISTS (
           SELECT 1 FROM keyed d WHERE d.k1 = keyed.k1 AND d.k2 = keyed.k2 AND d.status <> 'PENDING'))
       ORDER BY k1, k2, score DESC, decided_at DESC NULLS LAST, id
     )
     SELECT id FROM shown
     ORDER BY ${status === "PENDING" ? "score DESC, id ASC" : "decided_at DESC, id DESC"}`,
    ...params.values,
  );
  return rows.map((r) => r.id);
}

const RECORD_SELECT = {
  id: true,
  source: true,
  name: true,
  legalForm: true,
  npwp: true,
  nib: true,
  kodeWlkp: true,
  kodeBadanUsaha: true,
  provinceCode: true,
  regencyCode: true,
  districtCode: true,
  villageCode: true,
  address: true,
  postcode: true,
  phone: true,
  email: true,
  workerCount: true,
  kbli: true,
  batchId: true,
} as const;

export async function findReviewPairs({ scope, status, page, pageSize }: FindReviewPairsOptions): Promise<ReviewPairsPage> {
  const shown = await oneReviewPerBusinessPair(scope, status);
  const total = shown.length;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const current = Math.min(page, pageCount);
  const ids = shown.slice((current - 1) * pageSize, current * pageSize);
  const order = new Map(ids.map((id, i) => [id, i]));
  const found = await db.matchReview.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      status: true,
      score: true,
      evidence: true,
      regencyCode: true,
      leftRecordId: true,
      rightRecordId: true,
      decidedBy: true,
      decidedAt: true,
      note: true,
    },
  });
  const reviews = found.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  if (reviews.length === 0) return { pairs: [], total, page: current, pageCount };

  const records = await db.sourceRecord.findMany({
    where: { id: { in: reviews.flatMap((r) => [r.leftRecordId, r.rightRecordId]) } },
    select: RECORD_SELECT,
  });
  // BPJS's registered-worker count lives in `extra`, beside personal values: that one key only.
  const registered = await db.$queryRaw<{ id: bigint; n: number }[]>`
    SELECT id, (extra->>'registeredWorkers')::int AS n FROM source_record
    WHERE id = ANY(${records.map((r) => r.id)}::bigint[]) AND source = 'bpjs-bu' AND extra ? 'registeredWorkers'`;
  const registeredWorkers = new Map(registered.map((r) => [r.id, r.n]));
  const batchOf = await findBatchesById(records.map((r) => r.batchId));
  const codes = new Set<string>();
  for (const r of records) for (const code of [r.provinceCode, r.regencyCode, r.districtCode, r.villageCode]) if (code) codes.add(code);
  for (const r of reviews) if (r.regencyCode) codes.add(r.regencyCode);
  const regions = await db.region.findMany({ where: { code: { in: [...codes] } }, select: { code: true, name: true } });
  const regionName = new Map(regions.map((r) => [r.code, r.name]));
  const region = (code: string | null): ReviewRegionDto | null => (code ? { code, name: regionName.get(code) ?? code } : null);

  const byId = new Map(
    records.map((r): [bigint, ReviewRecordDto] => [
      r.id,
      {
        id: String(r.id),
        source: r.source,
        period: batchOf(r.batchId).period,
        name: r.name,
        legalForm: r.legalForm,
        // The queue compares records side by side; personal values (a NIK as NPWP, a mobile
        // number, a webmail address) compare just as well masked, so they never leave in clear.
        npwp: maskIfPersonal(r.npwp),
        nib: r.nib,
        kodeWlkp: r.kodeWlkp,
        kodeBadanUsaha: r.kodeBadanUsaha,
        province: region(r.provinceCode),
        regency: region(r.regencyCode),
        district: region(r.districtCode),
        village: region(r.villageCode),
        address: r.address,
        postcode: r.postcode,
        phone: maskIfPersonal(r.phone),
        email: maskIfPersonal(r.email),
        workerCount: r.workerCount,
        registeredWorkers: registeredWorkers.get(r.id) ?? null,
        kbli: r.kbli,
      },
    ]),
  );

  const pairs = reviews.map((r): ReviewPairDto => {
    const evidence = readEvidence(r.evidence);
    return {
      id: String(r.id),
      status: r.status,
      score: r.score,
      ...evidence,
      regency: region(r.regencyCode),
      left: byId.get(r.leftRecordId) ?? null,
      right: byId.get(r.rightRecordId) ?? null,
      decidedBy: r.decidedBy,
      decidedAt: r.decidedAt,
      note: r.note,
    };
  });
  return { pairs, total, page: current, pageCount };
}

/** The evidence JSON as the matcher writes it (LinkEvidence), read defensively. */
function readEvidence(value: unknown): Pick<ReviewPairDto, "nameSimilarity" | "agree" | "disagree"> {
  const evidence = value && typeof value === "object" ? (value as Record<string, unknown>) : {};
  const strings = (list: unknown) => (Array.isArray(list) ? list.filter((x): x is string => typeof x === "string") : []);
  return {
    nameSimilarity: typeof evidence.name === "number" ? evidence.name : null,
    agree: strings(evidence.agree),
    disagree: strings(evidence.disagree),
  };
}

