import { z } from "zod";

/**
 * The review queue (Tinjauan Pencocokan): grey-zone pairs of records the matcher could not decide
 * on its own. Its URL state and the decision form's schema live here, shared by the page, the
 * server action and the client form.
 */

export const REVIEW_STATUSES = ["PENDING", "CONFIRMED", "REJECTED"] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** The status filter as the address bar spells it (`?status=dikonfirmasi`). */
const REVIEW_STATUS_PARAM_VALUES: Record<ReviewStatus, string> = {
  PENDING: "menunggu",
  CONFIRMED: "dikonfirmasi",
  REJECTED: "ditolak",
};

export const REVIEW_STATUS_LABELS: Record<ReviewStatus, string> = {
  PENDING: "Menunggu",
  CONFIRMED: "Dikonfirmasi",
  REJECTED: "Ditolak",
};

const REVIEW_PARAMS = { status: "status", page: "halaman" } as const;

/** Pairs per page: each is a full side-by-side comparison, so a page stays short. */
export const REVIEW_PAGE_SIZE = 10;

const firstValue = (value: unknown) => (Array.isArray(value) ? value[0] : value);

const reviewQuerySchema = z.object({
  status: z
    .preprocess(
      (value) => (REVIEW_STATUSES as readonly string[]).find((s) => REVIEW_STATUS_PARAM_VALUES[s as ReviewStatus] === firstValue(value)),
      z.enum(REVIEW_STATUSES),
    )
    .catch("PENDING"),
  page: z.preprocess(firstValue, z.coerce.number().int().min(1).max(100_000)).catch(1),
});

export type ReviewQuery = z.output<typeof reviewQuerySchema>;

/** The queue's view from the page's `searchParams`; anything mangled means pending pairs, first page. */
export function parseReviewQuery(searchParams: Record<string, string | string[] | undefined>): ReviewQuery {
  return reviewQuerySchema.parse({ status: searchParams[REVIEW_PARAMS.status], page: searchParams[REVIEW_PARAMS.page] });
}

/** The link to a view of the queue: only what differs from the default, in a stable order. */
export function reviewQueryHref(basePath: string, query: ReviewQuery): string {
  const params = new URLSearchParams();
  if (query.status !== "PENDING") params.set(REVIEW_PARAMS.status, REVIEW_STATUS_PARAM_VALUES[query.status]);
  if (query.page > 1) params.set(REVIEW_PARAMS.page, String(query.page));
  const search = params.toString();
  return search ? `${basePath}?${search}` : basePath;
}

/** A region as the comparison shows it. */
export interface ReviewRegionDto {
  code: string;
  /** The region table's name; the code itself when the table does not know it. */
  name: string;
}

/** One side of a pair: a source record as the reviewer compares it (no NIK, no contact person). */
export interface ReviewRecordDto {
  id: string;
  source: string;
  period: string;
  name: string | null;
  legalForm: string | null;
  npwp: string | null;
  nib: string | null;
  kodeWlkp: string | null;
  kodeBadanUsaha: string | null;
  province: ReviewRegionDto | null;
  regency: ReviewRegionDto | null;
  district: ReviewRegionDto | null;
  village: ReviewRegionDto | null;
  address: string | null;
  postcode: string | null;
  phone: string | null;
  email: string | null;
  workerCount: number | null;
  /** BPJS's registered-worker count (bpjs-bu Jumlah Pekerja); null for other sources. */
  registeredWorkers: number | null;
  kbli: string | null;
}

/** A pair of the queue as the page shows it (server/matching/find-review-pairs.ts). */
export interface ReviewPairDto {
  id: string;
  status: ReviewStatus;
  score: number;
  /** Name similarity 0–1 from the evidence, when recorded. */
  nameSimilarity: number | null;
  agree: string[];
  disagree: string[];
  regency: ReviewRegionDto | null;
  /** Null when the record is gone (never expected: source records are kept). */
  left: ReviewRecordDto | null;
  right: ReviewRecordDto | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  note: string | null;
}

const REVIEW_DECISIONS = ["CONFIRMED", "REJECTED"] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export const REVIEW_NOTE_MAX = 500;

/** The decision form: one schema for the client form and the server action. */
export const decideReviewSchema = z.object({
  reviewId: z.string().regex(/^[1-9]\d{0,17}$/, "Pasangan tidak dikenal."),
  decision: z.enum(REVIEW_DECISIONS, { error: "Pilih keputusan: sama atau berbeda." }),
  note: z
    .string()
    .trim()
    .max(REVIEW_NOTE_MAX, `Catatan paling banyak ${REVIEW_NOTE_MAX} karakter.`)
    .nullish()
    .transform((note) => note || null),
});

export type DecideReviewInput = z.input<typeof decideReviewSchema>;

/** What a decision hands back to the page besides its note: where to follow the queued re-match. */
export interface ReviewDecisionOutcome {
  /** The background jobs list, for a reviewer who may open it; null otherwise. */
  jobsHref: string | null;
}

/**
 * The fields the matcher compares (server/matching/score-pair.ts evidence names), by the row of
 * the side-by-side table they belong to.
 */
export const EVIDENCE_FIELDS = {
  name: ["cabang"],
  legalForm: ["bentuk_usaha"],
  district: ["kecamatan"],
  village: ["kelurahan"],
  address: ["alamat"],
  postcode: ["kode_pos"],
  phone: ["telepon"],
  email: ["email"],
  kbli: ["kbli"],
} as const satisfies Record<string, readonly string[]>;

