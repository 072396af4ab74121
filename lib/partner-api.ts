import { z } from "zod";
import { PERIOD_PATTERN, SOURCE_IDS, SOURCE_PARTNER, type SourceId } from "./sources.ts";
import { formatCount } from "@/lib/format.ts";

/**
 * The partner web service (POST /api/v1/partners/{source}/records and its batches' status): its partners, its limits and
 * the schemas of its request and of the admin forms for its keys. Shared by the admin page, the
 * route handler and the OpenAPI document, so they cannot drift apart.
 */

export const PARTNER_IDS = ["kemnaker", "ahu", "bpjs"] as const;
export type PartnerId = (typeof PARTNER_IDS)[number];

export const PARTNER_LABELS: Record<PartnerId, string> = {
  kemnaker: "Kemnaker",
  ahu: "AHU (Kemenkum)",
  bpjs: "BPJS",
};

/** The sources a partner's key may push to. */
export function sourcesOfPartner(partner: PartnerId): SourceId[] {
  return SOURCE_IDS.filter((source) => SOURCE_PARTNER[source] === partner);
}

/** Records per call: the agreement's batch size. */
export const MAX_RECORDS_PER_CALL = 10_000;

/**
 * Bytes per request body. Below Next's proxy buffer (`proxyClientMaxBodySize`, 10 MiB by default),
 * which silently truncates longer bodies: any body over this cap is then still seen as too large
 * (413) rather than as broken JSON. ~1 KB per record at the full 10,000 records; a Kemnaker
 * record with canonical keys is ~600 bytes.
 */
export const MAX_BODY_BYTES = 10_000_000;

/** Distinct keys across the records of one call (a source has ~25 columns, each with aliases). */
export const MAX_RECORD_KEYS = 200;
/** Characters of one value: a partner cell is a name or an address, not a document. */
export const MAX_VALUE_CHARS = 4_000;

export const IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";
/** Printable ASCII, 1–255 characters (a UUID is what we suggest). */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
/** How long an answer is kept for replay under its Idempotency-Key. */
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;

/** One cell: text or a number (numbers are read as written: `120` → "120"); null = empty. */
export const recordValueSchema = z.union([z.string().max(MAX_VALUE_CHARS, `Nilai terlalu panjang (paling banyak ${MAX_VALUE_CHARS} karakter).`), z.number(), z.null()]);

/** One record: a column's key, label or alias → its value. */
export const partnerRecordSchema = z
  .record(z.string().min(1, "Nama kolom kosong.").max(200, "Nama kolom terlalu panjang."), recordValueSchema)
  .refine((record) => Object.keys(record).length <= MAX_RECORD_KEYS, `Paling banyak ${MAX_RECORD_KEYS} kolom per rekaman.`);

export const partnerRecordsRequestSchema = z.strictObject({
  period: z.string({ message: "period wajib diisi." }).regex(PERIOD_PATTERN, "period harus berformat TTTT-S1 atau TTTT-S2, mis. 2025-S2."),
  records: z
    .array(partnerRecordSchema, { message: "records wajib berupa larik rekaman." })
    .min(1, "records tidak boleh kosong.")
    .max(MAX_RECORDS_PER_CALL, `Paling banyak ${formatCount(MAX_RECORDS_PER_CALL)} rekaman per panggilan.`),
});
export type PartnerRecordsRequest = z.output<typeof partnerRecordsRequestSchema>;

/** Rejections listed in a batch's status; the reject report (Impor Data) has them all. */
export const MAX_REJECTS_IN_ANSWER = 1_000;

const count = () => z.int().nonnegative();

/**
 * The answer to an accepted call (202): the batch is stored and queued for import, and its
 * status URL (also in `Location`) tells how it went. Written as a schema so the OpenAPI document
 * describes exactly this.
 */
export const partnerBatchAcceptedSchema = z.object({
  status: z.literal("queued"),
  /** The import job of this call: the batch's id in the status URL and on Impor Data. */
  jobId: z.uuid().describe("The batch's id: its import job, also listed on Impor Data."),
  source: z.enum(SOURCE_IDS),
  period: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/).describe("SHA-256 of the body's canonical JSON (keys sorted, no whitespace): the batch's identity."),
  dataRows: count().describe("Records received."),
  unknownColumns: z.array(z.string()).describe("Record keys that name no column of the source; ignored."),
  statusUrl: z.string().describe("Where the batch's status is read (GET, same key): also the Location header."),
});
export type PartnerBatchAccepted = z.infer<typeof partnerBatchAcceptedSchema>;

export const PARTNER_BATCH_STATES = ["queued", "running", "done", "failed"] as const;
export type PartnerBatchState = (typeof PARTNER_BATCH_STATES)[number];

const rejectSchema = z.object({
  index: count().describe("Position of the record in `records`, 0 for the first."),
  column: z.string(),
  value: z.string().describe("The value, masked when it is personal data."),
  reason: z.string(),
});
export type RecordReject = z.infer<typeof rejectSchema>;

/**
 * The status of a pushed batch (GET on its status URL). Once `done`, the accounting the
 * synchronous answer used to carry: accepted + rejected + duplicatesCollapsed = dataRows, and the
 * first rejections with their masked values. `failed`: `message` says why (refused or broken).
 */
export const partnerBatchStatusSchema = z.object({
  jobId: z.uuid(),
  status: z.enum(PARTNER_BATCH_STATES),
  source: z.enum(SOURCE_IDS),
  period: z.string(),
  receivedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
  /** Once done: */
  result: z
    .object({
      outcome: z.enum(["imported", "already-imported"]).describe("`already-imported`: the same body was imported before; its batch is the earlier one."),
      batchId: z.uuid(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      dataRows: count().describe("Records received."),
      accepted: count(),
      rejected: count(),
      duplicatesCollapsed: count().describe("Records identical to an earlier one of the same call, counted once. accepted + rejected + duplicatesCollapsed = dataRows."),
      warnings: count().describe("Invalid optional values that were emptied (the record itself was accepted)."),
      rejects: z.array(rejectSchema).describe(`Why records were rejected: one entry per problem, the first ${MAX_REJECTS_IN_ANSWER.toLocaleString("en")}.`),
      rejectsTruncated: z.boolean(),
    })
    .nullable(),
  /** Once failed: why, masked. */
  message: z.string().nullable(),
});
export type PartnerBatchStatus = z.infer<typeof partnerBatchStatusSchema>;

/** Where a pushed batch's status is read: relative, so it holds behind any proxy. */
export function partnerBatchStatusPath(source: string, jobId: string): string {
  return `/api/v1/partners/${encodeURIComponent(source)}/records/${encodeURIComponent(jobId)}`;
}

/** Seconds a poller is asked to wait (`Retry-After`) while a batch is queued or running. */
export const PARTNER_BATCH_POLL_SECONDS = 2;

// ── Admin forms (Kunci API Mitra) ─────────────────────────────────────────────────────────────

export const createPartnerApiKeySchema = z.object({
  partner: z.enum(PARTNER_IDS, { message: "Pilih mitra." }),
  name: z.string().trim().min(1, "Nama kunci wajib diisi.").max(80, "Nama kunci paling banyak 80 karakter."),
});
export type CreatePartnerApiKeyInput = z.input<typeof createPartnerApiKeySchema>;

export const revokePartnerApiKeySchema = z.object({ keyId: z.uuid({ message: "Kunci tidak dikenal." }) });
export type RevokePartnerApiKeyInput = z.input<typeof revokePartnerApiKeySchema>;
