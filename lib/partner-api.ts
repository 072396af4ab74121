import { z } from "zod";
import { PERIOD_PATTERN, SOURCE_IDS, SOURCE_PARTNER, type SourceId } from "./sources.ts";
import { formatCount } from "@/lib/format.ts";

/**
 * The partner web service (POST /api/v1/partners/{source}/records): its partners, its limits and
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

/** Rejections listed in an answer; the reject report (Impor Data) has them all. */
export const MAX_REJECTS_IN_ANSWER = 1_000;

/**
 * The answer to a successful call (201 imported, 200 already imported): the fields of the CLI's
 * `--json` summary, plus what the partner needs to fix its data. Written as a schema so the
 * OpenAPI document describes exactly this.
 */
const count = () => z.int().nonnegative();

export const partnerRecordsAnswerSchema = z.object({
  status: z.enum(["imported", "already-imported"]),
  batchId: z.uuid(),
  /** The import job of this call (its status, and the history on Impor Data). */
  jobId: z.uuid(),
  source: z.enum(SOURCE_IDS),
  period: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/).describe("SHA-256 of the body's canonical JSON (keys sorted, no whitespace): the batch's identity."),
  dataRows: count().describe("Records received."),
  accepted: count(),
  rejected: count(),
  duplicatesCollapsed: count().describe("Records identical to an earlier one of the same call, counted once. accepted + rejected + duplicatesCollapsed = dataRows."),
  warnings: count().describe("Invalid optional values that were emptied (the record itself was accepted)."),
  unknownColumns: z.array(z.string()).describe("Record keys that name no column of the source; ignored."),
  rejects: z
    .array(
      z.object({
        index: count().describe("Position of the record in `records`, 0 for the first."),
        column: z.string(),
        value: z.string().describe("The value, masked when it is personal data."),
        reason: z.string(),
      }),
    )
    .describe(`Why records were rejected: one entry per problem, the first ${MAX_REJECTS_IN_ANSWER.toLocaleString("en")}.`),
  rejectsTruncated: z.boolean(),
});
export type PartnerRecordsAnswer = z.infer<typeof partnerRecordsAnswerSchema>;
export type RecordReject = PartnerRecordsAnswer["rejects"][number];

// ── Admin forms (Kunci API Mitra) ─────────────────────────────────────────────────────────────

export const createPartnerApiKeySchema = z.object({
  partner: z.enum(PARTNER_IDS, { message: "Pilih mitra." }),
  name: z.string().trim().min(1, "Nama kunci wajib diisi.").max(80, "Nama kunci paling banyak 80 karakter."),
});
export type CreatePartnerApiKeyInput = z.input<typeof createPartnerApiKeySchema>;

export const revokePartnerApiKeySchema = z.object({ keyId: z.uuid({ message: "Kunci tidak dikenal." }) });
export type RevokePartnerApiKeyInput = z.input<typeof revokePartnerApiKeySchema>;
