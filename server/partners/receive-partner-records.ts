import "server-only";
import {
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENCY_KEY_PATTERN,
  MAX_BODY_BYTES,
  MAX_RECORD_KEYS,
  partnerBatchStatusPath,
  partnerRecordsRequestSchema,
  type PartnerBatchAccepted,
  type PartnerRecordsRequest,
} from "@/lib/partner-api.ts";
import type { SourceId } from "@/lib/sources.ts";
import type { PartnerCaller } from "@/server/access/partner-key-guard.ts";
import { recordAuditEvent, type AuditEventInput } from "@/server/audit/append-audit-event.ts";
import type { Prisma } from "@/server/db/client.ts";
import { ApiProblem, jsonResponse } from "@/server/http/api-problem.ts";
import { parseJsonBody, requireJson } from "@/server/http/parse-json-body.ts";
import { readLimitedBody } from "@/server/http/read-limited-body.ts";
import { headerProblemsMessage, matchHeaders } from "@/server/ingest/header-matching.ts";
import { recordsAsRows } from "@/server/ingest/import-records.ts";
import { ImportRefusedError } from "@/server/ingest/read/import-refused-error.ts";
import { queueImport, writeQueuedDelivery } from "@/server/ingest/receive-upload.ts";
import { getSource } from "@/server/ingest/sources/index.ts";
import { canonicalJson, sha256Hex } from "./canonical-json.ts";
import { abandonIdempotentRequest, completeIdempotentRequest, startIdempotentRequest } from "./idempotency.ts";

/**
 * POST /api/v1/partners/{source}/records, once `requirePartnerKey` has admitted the caller:
 * checks the request (JSON, an Idempotency-Key, the size cap, the body's shape, the record keys
 * as a file's header row), answers a repeated Idempotency-Key from its stored answer, and
 * otherwise stores the batch and queues its import like an upload's — answering 202 with the
 * batch's status URL (server/partners/get-partner-batch.ts), where its accounting appears once a
 * worker imported it (server/partners/import-partner-batch.ts). A batch of 10,000 records takes
 * seconds to import: no request holds a connection or a web instance's CPU for it. Every call is
 * audited as `partner_api.records`: the accepted one with its queued job, refusals on their own.
 */
export async function receivePartnerRecords(caller: PartnerCaller, request: Request): Promise<Response> {
  const callDetails: Record<string, unknown> = {
    keyId: caller.key.id,
    keyPrefix: caller.key.prefix,
    partner: caller.key.partner,
    source: caller.source,
  };
  const audit = (input: Omit<AuditEventInput, "action" | "actor" | "context">): AuditEventInput => ({
    action: "partner_api.records",
    actor: caller.actor,
    context: caller.context,
    ...input,
    details: { ...callDetails, ...input.details },
  });

  let claim: string | null = null;
  try {
    requireJson(request.headers.get("content-type"));
    const idempotencyKey = request.headers.get(IDEMPOTENCY_KEY_HEADER);
    if (!idempotencyKey || !IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey)) {
      throw new ApiProblem(
        400,
        "idempotency_key_required",
        "Idempotency-Key diperlukan",
        "Sertakan header Idempotency-Key (1–255 karakter ASCII yang terlihat, mis. UUID baru untuk setiap kiriman).",
      );
    }
    callDetails.idempotencyKey = idempotencyKey;
    const bytes = await readLimitedBody(request, MAX_BODY_BYTES);

    const start = await startIdempotentRequest({
      keyId: caller.key.id,
      idempotencyKey,
      requestHash: sha256Hex(Buffer.concat([Buffer.from(`${caller.source}\n`), bytes])),
    });
    if (start.kind === "replay") {
      // The same batch, not a second one: its first answer, status URL included.
      await recordAuditEvent(audit({ objectType: "partner_api", objectId: caller.source, details: { replayed: true, status: start.status } }));
      return jsonResponse(start.status, start.body, { "Idempotent-Replayed": "true", ...locationOf(start.body) });
    }
    claim = start.recordId;

    const body = parseBody(bytes);
    const text = canonicalJson(body);
    const sha256 = sha256Hex(text);
    callDetails.period = body.period;
    callDetails.sha256 = sha256;
    callDetails.records = body.records.length;
    const unknownColumns = checkRecordKeys(caller.source, body.records);

    const queued = await queueImport({
      input: { source: caller.source, period: body.period, fileName: null },
      channel: "API",
      tempPath: await writeQueuedDelivery(text, "json"),
      partnerCall: { keyId: caller.key.id, keyPrefix: caller.key.prefix, partner: caller.key.partner, idempotencyKey },
      actor: caller.actor,
      context: caller.context,
    });
    const answer: PartnerBatchAccepted = {
      status: "queued",
      jobId: queued.jobId,
      source: caller.source,
      period: body.period,
      sha256,
      dataRows: body.records.length,
      unknownColumns,
      statusUrl: partnerBatchStatusPath(caller.source, queued.jobId),
    };
    await recordAuditEvent(audit({ objectType: "import_job", objectId: queued.jobId, details: { status: "queued", jobId: queued.jobId } }));
    await completeIdempotentRequest(claim, 202, answer as unknown as Prisma.InputJsonValue);
    claim = null;
    return jsonResponse(202, answer, locationOf(answer));
  } catch (error) {
    if (claim) await abandonIdempotentRequest(claim).catch(() => undefined);
    const problem = error instanceof ApiProblem ? error : null;
    await recordAuditEvent(
      audit({ objectType: "partner_api", objectId: caller.source, outcome: "FAILURE", reason: problem?.code ?? "error" }),
    ).catch(() => undefined);
    throw error;
  }
}

function parseBody(bytes: Uint8Array) {
  const data = parseJsonBody(bytes, partnerRecordsRequestSchema);
  const keys = new Set(data.records.flatMap((record) => Object.keys(record)));
  if (keys.size > MAX_RECORD_KEYS) {
    throw new ApiProblem(400, "too_many_keys", "Terlalu banyak nama kolom", `Rekaman memakai ${keys.size} nama kolom berbeda; paling banyak ${MAX_RECORD_KEYS}.`);
  }
  return data;
}

/**
 * The record keys read as a file's header row, checked now as the import will check them: keys
 * lacking a required column, or a record naming one column twice, refuse the call (400 `header`)
 * in this answer rather than at the status URL later. Returns the keys that name no column.
 */
function checkRecordKeys(source: SourceId, records: PartnerRecordsRequest["records"]): string[] {
  const definition = getSource(source);
  try {
    const match = matchHeaders(recordsAsRows(records, definition).header, definition);
    const problem = headerProblemsMessage(match);
    if (problem) throw new ImportRefusedError("header", problem);
    return match.unknownColumns;
  } catch (error) {
    if (error instanceof ImportRefusedError) throw new ApiProblem(400, error.code, "Kiriman ditolak", error.message);
    throw error;
  }
}

function locationOf(answer: unknown): Record<string, string> {
  const url = (answer as Partial<PartnerBatchAccepted> | null)?.statusUrl;
  return typeof url === "string" ? { Location: url } : {};
}
