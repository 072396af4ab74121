import "server-only";
import { z } from "zod";
import {
  AHU_ENTITY_STATUS,
  AHU_NOTARY_STATUS,
  BALIKAN_PARTNERS,
  JKN_SEGMENT_LABELS,
  KEMNAKER_ACTIVITY_STATUS,
  KEMNAKER_JKN_STATUS,
  MAX_STATUS_LOOKUPS,
  partnerStatusRequestSchema,
  UNKNOWN_STATUS,
} from "@/lib/balikan.ts";
import {
  IDEMPOTENCY_KEY_HEADER,
  MAX_BODY_BYTES,
  MAX_RECORDS_PER_CALL,
  PARTNER_IDS,
  PARTNER_LABELS,
  PARTNER_BATCH_POLL_SECONDS,
  partnerBatchAcceptedSchema,
  partnerBatchStatusSchema,
  partnerRecordsRequestSchema,
  sourcesOfPartner,
} from "@/lib/partner-api.ts";
import { SOURCE_IDS, SOURCE_LABELS } from "@/lib/sources.ts";
import { getSource } from "@/server/ingest/sources/index.ts";
import { partnerKeyBuckets } from "./rate-limits.ts";

/**
 * The OpenAPI 3.1 document of Jangkau's partner web service (GET /api/v1/openapi.json). The
 * request and answer schemas are generated from the zod schemas the handler itself parses with
 * (lib/partner-api.ts); the columns of each source come from its column map, so the document
 * cannot drift from the code.
 */
export function buildOpenApiDocument(): Record<string, unknown> {
  const { capacity, perMinute } = partnerKeyBuckets.limits;
  const value = { type: ["string", "number", "null"], description: "Text or a number (read as written); null for empty." };
  const recordSchemas = Object.fromEntries(
    SOURCE_IDS.map((source) => {
      const columns = getSource(source).columns;
      return [
        `Record.${source}`,
        {
          type: "object",
          title: `Record of ${source}`,
          description:
            `One record of ${source} (${SOURCE_LABELS[source]}). Keys are matched like file headers — ignoring case, spacing and ` +
            "punctuation — so each column may also be named by its label or any alias below. Required columns must appear " +
            "in at least one record of the call; a record missing what identifies it is rejected, not refused.",
          properties: Object.fromEntries(
            columns.map((column) => [
              column.key,
              {
                ...value,
                title: column.label,
                description: [
                  column.required ? "Required column." : null,
                  column.personal ? "Personal data: masked in rejects." : null,
                  column.aliases.length ? `Also accepted as: ${[column.label, ...column.aliases].map((a) => `"${a}"`).join(", ")}.` : `Also accepted as: "${column.label}".`,
                ]
                  .filter(Boolean)
                  .join(" "),
              },
            ]),
          ),
          additionalProperties: value,
          "x-required-columns": columns.filter((column) => column.required).map((column) => column.key),
        },
      ];
    }),
  );

  const problem = { $ref: "#/components/schemas/Problem" };
  const problemResponse = (description: string, headers?: Record<string, unknown>) => ({
    description,
    ...(headers && { headers }),
    content: { "application/problem+json": { schema: problem } },
  });
  const accepted = { "application/json": { schema: { $ref: "#/components/schemas/BatchAccepted" } } };
  const sourceParameter = {
    name: "source",
    in: "path",
    required: true,
    description:
      "The data source. Keys may push only to their partner's sources: " +
      PARTNER_IDS.map((partner) => `${PARTNER_LABELS[partner]}: ${sourcesOfPartner(partner).join(", ")}`).join("; ") +
      ". Record keys per source: components/schemas/Record.<source>.",
    schema: { type: "string", enum: [...SOURCE_IDS] },
  };
  const keyProblems = {
    "401": problemResponse("No key (`missing_key`), an unknown key (`unknown_key`) or a revoked one (`revoked_key`).", {
      "WWW-Authenticate": { schema: { type: "string" }, description: 'Bearer realm="jangkau"' },
    }),
    "403": problemResponse("The key's partner does not deliver this source (`wrong_partner`), or its data-sharing agreement has ended (`agreement_ended`)."),
    "429": problemResponse("Too many requests (`rate_limited`).", {
      "Retry-After": { schema: { type: "integer" }, description: "Seconds to wait before the next request." },
    }),
  };

  return {
    openapi: "3.1.0",
    info: {
      title: "Jangkau — Web service mitra",
      version: "1.0.0",
      description: [
        "Partners (Kemnaker, AHU, BPJS) push their data to Jangkau, BPJS Kesehatan's tool for finding employers missing from JKN.",
        "",
        "**Keys.** Each partner gets API keys from a Jangkau admin (Impor Data → Kunci API Mitra). A key is shown once, may push only to its partner's sources, lasts as long as its partner's data-sharing agreement (403 `agreement_ended` from the day after its last day), and can be revoked.",
        "",
        `**Batches.** Up to ${MAX_RECORDS_PER_CALL.toLocaleString("en")} records and ${MAX_BODY_BYTES.toLocaleString("en")} bytes per call. A call that passes the checks is stored and queued for import: the answer is 202 with the batch's status URL (also in \`Location\`). Poll it (GET, same key, \`Retry-After\` says how long to wait) until \`done\` or \`failed\`. Records go through the same validation as partner files: every record is accepted, rejected with its reasons, or collapsed into an identical earlier record — accepted + rejected + duplicatesCollapsed = records, always. A batch commits completely or not at all.`,
        "",
        `**Idempotency.** Every call carries an \`${IDEMPOTENCY_KEY_HEADER}\` (a fresh UUID per batch). Sending the same key with the same body again within 24 hours returns the first answer — the same batch and status URL, with \`Idempotent-Replayed: true\` — without queueing it twice; the same key with another body is refused with 422. Independently, a body identical to one already imported (same records, same period — key order and whitespace do not matter) ends \`done\` with the outcome \`already-imported\` and the earlier batch's accounting.`,
        "",
        `**Rate limit.** Per key: ${perMinute} requests a minute, bursts of ${capacity}; beyond that 429 with \`Retry-After\` (seconds). Failed authentication is limited per client address.`,
        "",
        "**Errors** are RFC 9457 problem details; `code` is stable, `detail` is in Indonesian.",
      ].join("\n"),
    },
    servers: [{ url: "/" }],
    security: [{ partnerKey: [] }],
    paths: {
      "/api/v1/partners/{source}/records": {
        post: {
          operationId: "pushRecords",
          summary: "Push a batch of records",
          parameters: [
            sourceParameter,
            {
              name: IDEMPOTENCY_KEY_HEADER,
              in: "header",
              required: true,
              description: "A new value (a UUID) per batch; repeat it only to retry the same batch.",
              schema: { type: "string", minLength: 1, maxLength: 255, pattern: "^[\\x21-\\x7e]+$" },
            },
          ],
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: { $ref: "#/components/schemas/RecordsRequest" },
                example: {
                  period: "2025-S2",
                  records: [
                    { npwp: "01.312.166.0-091.000", nama_pemberi_kerja: "PT Sinar Jaya", kode_kabupaten: "32.73", jumlah_pekerja: 120 },
                    { "Nomor Pokok Wajib Pajak (NPWP)": "0013121660091000", "Nama Pemberi Kerja": "CV Berkah", "Nama Kabupaten": "KAB. BANDUNG" },
                  ],
                },
              },
            },
          },
          responses: {
            "202": {
              description: "Accepted and queued for import (or the replayed answer to a repeated Idempotency-Key): the batch's id and status URL.",
              headers: { Location: { schema: { type: "string" }, description: "The batch's status URL." } },
              content: accepted,
            },
            "400": problemResponse(
              "The request is not usable: no Idempotency-Key (`idempotency_key_required`), not UTF-8 JSON (`invalid_encoding`, `invalid_json`), a body of the wrong shape or too many records (`invalid_body`, with `errors`), too many distinct keys (`too_many_keys`), or records whose keys lack a required column or name one column twice (`header`). Nothing was queued.",
            ),
            ...keyProblems,
            "404": problemResponse("No such source (`unknown_source`)."),
            "409": problemResponse("A request with this Idempotency-Key is still being processed (`idempotency_in_progress`); retry shortly."),
            "413": problemResponse(`The body is over ${MAX_BODY_BYTES.toLocaleString("en")} bytes (\`body_too_large\`).`),
            "415": problemResponse("The body is not sent as `application/json` (`unsupported_media_type`)."),
            "422": problemResponse("This Idempotency-Key was used in the last 24 hours for a different body (`idempotency_key_reused`)."),
            "500": problemResponse("Unexpected failure (`internal_error`); nothing was queued. Quote `requestId` to the Jangkau admin."),
          },
        },
      },
      "/api/v1/partners/{source}/records/{jobId}": {
        get: {
          operationId: "getBatch",
          summary: "Read the status of a pushed batch",
          description:
            "`queued` or `running` (with `Retry-After`), then `done` — with the accounting and the first rejections, masked — or `failed` with `message`. " +
            `Poll no faster than \`Retry-After\` (${PARTNER_BATCH_POLL_SECONDS} s): these calls share the key's rate limit with pushing. Only batches pushed by the keys of the caller's partner to this source are found.`,
          parameters: [
            sourceParameter,
            { name: "jobId", in: "path", required: true, description: "The batch's id (`jobId` of the 202 answer).", schema: { type: "string", format: "uuid" } },
          ],
          responses: {
            "200": {
              description: "The batch's status.",
              headers: { "Retry-After": { schema: { type: "integer" }, description: "While queued or running: seconds before asking again." } },
              content: { "application/json": { schema: { $ref: "#/components/schemas/BatchStatus" } } },
            },
            ...keyProblems,
            "404": problemResponse("No such source (`unknown_source`), or no batch with this id from the caller's partner for this source (`unknown_batch`)."),
          },
        },
      },
      "/api/v1/partners/{partner}/status": {
        post: {
          operationId: "lookupStatus",
          summary: "Look up the JKN status BPJS returns to the partner (data balikan)",
          description:
            "Answers only for records the partner itself sent, and only the elements its agreement lists. AHU: entities by NPWP (namaEntitas, npwp, status Terdaftar / Tidak terdaftar) and notaries by NIK (nik, npwp, status Aktif / Tidak aktif / Tidak terdaftar, segmenKepesertaan). Kemnaker: businesses by NPWP (npwp, nib, statusTerdaftarJkn, statusKeaktifanBadanUsaha) and its workers (kemnaker-tk, any period) by NIK with the Lampiran II.2 fields (nik, nomorPaspor, niora, kitas, segmentasiKepesertaanJkn, statusTerdaftarJkn, statusAktif, tahunKepesertaanJkn) as BPJS's current participant data has them. A status BPJS's data leaves blank is `Tidak diketahui`, never guessed. An identifier the partner never sent is `found: false`, the same answer as one that exists nowhere. Answers come in the order asked; a NIK, and an NPWP that is a NIK, is echoed masked (`3273••••••••0001`). " +
            `Up to ${MAX_STATUS_LOOKUPS.toLocaleString("en")} NPWPs and ${MAX_STATUS_LOOKUPS.toLocaleString("en")} NIKs per call; same keys and rate limit as /records.`,
          parameters: [
            {
              name: "partner",
              in: "path",
              required: true,
              description: "`ahu` or `kemnaker`: must be the key's own partner (else 403 `wrong_partner`).",
              schema: { type: "string", enum: [...BALIKAN_PARTNERS] },
            },
          ],
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: jsonSchema(partnerStatusRequestSchema, "input"),
                example: { npwp: ["01.312.166.0-091.000"], nik: ["3273014107850001"] },
              },
            },
          },
          responses: {
            "200": {
              description: "One answer per identifier asked, in the order asked.",
              content: { "application/json": { schema: { $ref: "#/components/schemas/StatusAnswer" } } },
            },
            "400": problemResponse("Not UTF-8 JSON, a body of the wrong shape, or nothing to look up (`empty_lookup`)."),
            "401": problemResponse("No key, an unknown key or a revoked one."),
            "403": problemResponse("The key belongs to another partner (`wrong_partner`), or its partner's agreement has ended (`agreement_ended`)."),
            "404": problemResponse("No such partner (`unknown_partner`)."),
            "413": problemResponse("The body is too large (`body_too_large`)."),
            "415": problemResponse("The body is not sent as `application/json` (`unsupported_media_type`)."),
            "429": problemResponse("Too many requests (`rate_limited`)."),
          },
        },
      },
    },
    components: {
      securitySchemes: {
        partnerKey: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "jk_ followed by 43 base64url characters",
          description: "A partner API key: `Authorization: Bearer jk_…`.",
        },
      },
      schemas: {
        RecordsRequest: {
          ...jsonSchema(partnerRecordsRequestSchema, "input"),
          description: "A batch of records of one source and period. Record keys per source: Record.<source>.",
        },
        BatchAccepted: jsonSchema(partnerBatchAcceptedSchema, "output"),
        BatchStatus: jsonSchema(partnerBatchStatusSchema, "output"),
        StatusAnswer: {
          type: "object",
          description: "AHU answers `entitas` and `notaris`; Kemnaker answers `badanUsaha` and `pekerja`. Unfound items carry only the identifier, `found: false` and, when it could not be read, `error`.",
          properties: {
            partner: { type: "string", enum: [...BALIKAN_PARTNERS] },
            entitas: {
              type: "array",
              items: {
                type: "object",
                required: ["npwp", "found"],
                properties: { npwp: { type: "string" }, found: { type: "boolean" }, namaEntitas: { type: ["string", "null"] }, status: { type: "string", enum: [...Object.values(AHU_ENTITY_STATUS), UNKNOWN_STATUS] }, error: { type: "string" } },
              },
            },
            notaris: {
              type: "array",
              items: {
                type: "object",
                required: ["nik", "found"],
                properties: {
                  nik: { type: "string" },
                  found: { type: "boolean" },
                  npwp: { type: ["string", "null"] },
                  status: { type: "string", enum: [...Object.values(AHU_NOTARY_STATUS), UNKNOWN_STATUS] },
                  segmenKepesertaan: { type: ["string", "null"] },
                  error: { type: "string" },
                },
              },
            },
            badanUsaha: {
              type: "array",
              items: {
                type: "object",
                required: ["npwp", "found"],
                properties: {
                  npwp: { type: "string" },
                  found: { type: "boolean" },
                  nib: { type: ["string", "null"] },
                  statusTerdaftarJkn: { type: "string", enum: [...Object.values(KEMNAKER_JKN_STATUS), UNKNOWN_STATUS] },
                  statusKeaktifanBadanUsaha: { type: ["string", "null"], enum: [...Object.values(KEMNAKER_ACTIVITY_STATUS), UNKNOWN_STATUS, null] },
                  error: { type: "string" },
                },
              },
            },
            pekerja: {
              type: "array",
              description: "Lampiran II.2 (struktur data pekerja) for each NIK asked that Kemnaker sent as a worker (kemnaker-tk) in any period.",
              items: {
                type: "object",
                required: ["nik", "found"],
                properties: {
                  nik: { type: "string", description: "Masked." },
                  found: { type: "boolean" },
                  nomorPaspor: { type: ["string", "null"], description: "As Kemnaker sent it." },
                  niora: { type: ["string", "null"], description: "The participant's, when BPJS has one." },
                  kitas: { type: ["string", "null"], description: "As Kemnaker sent it." },
                  segmentasiKepesertaanJkn: { type: ["string", "null"], enum: [...JKN_SEGMENT_LABELS, null], description: "Null when not registered." },
                  statusTerdaftarJkn: { type: "string", enum: [...Object.values(KEMNAKER_JKN_STATUS), UNKNOWN_STATUS] },
                  statusAktif: { type: ["string", "null"], enum: [...Object.values(KEMNAKER_ACTIVITY_STATUS), UNKNOWN_STATUS, null], description: "Null when not registered." },
                  tahunKepesertaanJkn: { type: ["integer", "null"], description: "Null when not registered." },
                  error: { type: "string" },
                },
              },
            },
          },
        },
        Problem: {
          type: "object",
          description: "RFC 9457 problem details.",
          required: ["type", "title", "status", "detail", "code"],
          properties: {
            type: { type: "string", description: "urn:jangkau:problem:<code>" },
            title: { type: "string" },
            status: { type: "integer" },
            detail: { type: "string", description: "What went wrong, in Indonesian." },
            code: { type: "string" },
            requestId: { type: "string" },
            errors: {
              type: "array",
              items: { type: "object", properties: { path: { type: "string" }, message: { type: "string" } }, required: ["path", "message"] },
            },
            retryAfterSeconds: { type: "integer" },
            maxBytes: { type: "integer" },
          },
        },
        ...recordSchemas,
      },
    },
  };
}

/** A zod schema as JSON Schema 2020-12 (OpenAPI 3.1's dialect), without its `$schema` line. */
function jsonSchema(schema: z.ZodType, io: "input" | "output"): Record<string, unknown> {
  const generated = { ...(z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as Record<string, unknown>) };
  delete generated.$schema;
  return generated;
}
