import "server-only";
import { enqueueMatchAfterImport } from "@/server/matching/enqueue-match-run.ts";
import {
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENCY_KEY_PATTERN,
  MAX_BODY_BYTES,
  MAX_RECORD_KEYS,
  MAX_REJECTS_IN_ANSWER,
  partnerRecordsRequestSchema,
  type PartnerRecordsAnswer,
  type RecordReject,
} from "@/lib/partner-api.ts";
import type { PartnerCaller } from "@/server/access/partner-key-guard.ts";
import { recordAuditEvent, type AuditEventInput } from "@/server/audit/append-audit-event.ts";
import type { Prisma } from "@/server/db/client.ts";
import { ApiProblem, jsonResponse } from "@/server/http/api-problem.ts";
import { parseJsonBody, requireJson } from "@/server/http/parse-json-body.ts";
import { readLimitedBody } from "@/server/http/read-limited-body.ts";
import { importRecords, type RecordsImportSummary } from "@/server/ingest/import-records.ts";
import { ImportRefusedError } from "@/server/ingest/read/import-refused-error.ts";
import { readReportedRejects } from "@/server/ingest/read-reject-report.ts";
import type { RowIssue } from "@/server/ingest/types.ts";
import { canonicalJson, sha256Hex } from "./canonical-json.ts";
import { abandonIdempotentRequest, completeIdempotentRequest, startIdempotentRequest } from "./idempotency.ts";

/**
 * POST /api/v1/partners/{source}/records, once `requirePartnerKey` has admitted the caller:
 * checks the request (JSON, an Idempotency-Key, the size cap, the body's shape), answers a
 * repeated Idempotency-Key from its stored answer, and imports the records through the file
 * pipeline. Every call is audited as `partner_api.records`: an import inside its batch's
 * transaction, anything else on its own.
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
      await recordAuditEvent(audit({ objectType: "partner_api", objectId: caller.source, details: { replayed: true, status: start.status } }));
      return jsonResponse(start.status, start.body, { "Idempotent-Replayed": "true" });
    }
    claim = start.recordId;

    const body = parseBody(bytes);
    const text = canonicalJson(body);
    const sha256 = sha256Hex(text);
    callDetails.period = body.period;
    callDetails.sha256 = sha256;
    callDetails.records = body.records.length;

    const rejects: RecordReject[] = [];
    let rejectsTruncated = false;
    const onRejected = (index: number, issues: readonly RowIssue[]) => {
      for (const issue of issues) {
        if (rejects.length === MAX_REJECTS_IN_ANSWER) {
          rejectsTruncated = true;
          return;
        }
        rejects.push({ index, column: issue.column, value: issue.value, reason: issue.reason });
      }
    };

    let summary: RecordsImportSummary;
    try {
      summary = await importRecords({
        source: caller.source,
        period: body.period,
        records: body.records,
        body: { text, sha256 },
        actor: caller.actor,
        context: caller.context,
        onRejected,
        alsoAudit: ({ batchId, counts }) => [
          audit({ objectType: "import_batch", objectId: batchId, details: { status: "imported", batchId, ...counts } }),
        ],
      });
    } catch (error) {
      if (error instanceof ImportRefusedError) throw new ApiProblem(400, error.code, "Kiriman ditolak", error.message);
      throw error;
    }

    if (summary.status === "already-imported") {
      // What the first import said about these records (a concurrent twin's rolled-back
      // attempt may have collected some already: the report is the answer).
      rejects.length = 0;
      rejectsTruncated = false;
      if (summary.rejectReport) {
        const reported = await readReportedRejects(summary.rejectReport, MAX_REJECTS_IN_ANSWER);
        rejects.push(...reported.rejects.map(({ line, column, value, reason }) => ({ index: line, column, value, reason })));
        rejectsTruncated = reported.truncated;
      }
      await recordAuditEvent(
        audit({
          objectType: "import_batch",
          objectId: summary.batchId,
          details: { status: summary.status, batchId: summary.batchId },
        }),
      );
    }

    const answer: PartnerRecordsAnswer = {
      status: summary.status,
      batchId: summary.batchId,
      jobId: summary.jobId,
      source: summary.source,
      period: summary.period,
      sha256: summary.sha256,
      dataRows: summary.dataRows,
      accepted: summary.accepted,
      rejected: summary.rejected,
      duplicatesCollapsed: summary.duplicates,
      warnings: summary.warnings,
      unknownColumns: summary.unknownColumns,
      rejects,
      rejectsTruncated,
    };
    const status = summary.status === "imported" ? 201 : 200;
    await completeIdempotentRequest(claim, status, answer as unknown as Prisma.InputJsonValue);
    claim = null;
    // The pushed records are resolved into businesses in the background.
    if (summary.status === "imported") await enqueueMatchAfterImport({ batchId: summary.batchId, actor: caller.actor }).catch(() => undefined);
    return jsonResponse(status, answer);
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
