import "server-only";
import { maskIfPersonal } from "@/lib/personal-data.ts";
import type { ReviewPairDto, ReviewRecordDto, ReviewRegionDto, ReviewStatus } from "@/lib/match-review.ts";
import { regionScopeWhere, type RegionScope } from "@/server/access/region-scope.ts";
import { db } from "@/server/db/client.ts";
import { findBatchesById } from "@/server/ingest/find-batches-by-id.ts";

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
  const where = { status, ...regionScopeWhere(scope, { code: "regencyCode" }) };
  const total = await db.matchReview.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const current = Math.min(page, pageCount);
  const reviews = await db.matchReview.findMany({
    where,
    orderBy: status === "PENDING" ? [{ score: "desc" }, { id: "asc" }] : [{ decidedAt: "desc" }, { id: "desc" }],
    skip: (current - 1) * pageSize,
    take: pageSize,
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

