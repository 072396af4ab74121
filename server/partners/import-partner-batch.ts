import "server-only";
import { readFile } from "node:fs/promises";
import { partnerRecordsRequestSchema } from "@/lib/partner-api.ts";
import { isSourceId } from "@/lib/sources.ts";
import { recordAuditEvent, type AuditActor, type AuditEventInput } from "@/server/audit/append-audit-event.ts";
import type { RequestContext } from "@/server/http/request-context.ts";
import { importRecords, type RecordsImportSummary } from "@/server/ingest/import-records.ts";
import { ImportRefusedError } from "@/server/ingest/read/import-refused-error.ts";
import type { JobPayloads } from "@/server/jobs/job-definitions.ts";
import { sha256Hex } from "./canonical-json.ts";

export interface ImportPartnerBatchOptions {
  /** The import job row the call created; its status URL reads it. */
  importJobId: string;
  source: string;
  /** The batch's canonical JSON, as the call stored it in the upload folder. */
  filePath: string;
  partnerCall: NonNullable<JobPayloads["import"]["partnerCall"]>;
  actor: AuditActor;
  context: RequestContext;
}

/**
 * Imports a partner's pushed batch in the worker (the `import` job of a call to
 * POST /api/v1/partners/{source}/records, server/partners/receive-partner-records.ts), through
 * the same pipeline as files. The call is recorded as `partner_api.records` with the batch's
 * counts, in the batch's own transaction; a body imported before is recorded as such.
 */
export async function importPartnerBatch(options: ImportPartnerBatchOptions): Promise<RecordsImportSummary> {
  const { source, actor, context } = options;
  if (!isSourceId(source)) throw new ImportRefusedError("unknown_source", `Sumber data tidak dikenal: ${source}.`);
  const text = await readFile(/*turbopackIgnore: true*/ options.filePath, "utf8");
  // Checked by the call already; parsed again, as any input crossing a process boundary is.
  const body = partnerRecordsRequestSchema.parse(JSON.parse(text));
  const sha256 = sha256Hex(text);
  const audit = (objectId: string, details: Record<string, unknown>): AuditEventInput => ({
    action: "partner_api.records",
    actor,
    context,
    objectType: "import_batch",
    objectId,
    details: { ...options.partnerCall, source, period: body.period, sha256, jobId: options.importJobId, ...details },
  });
  const summary = await importRecords({
    source,
    period: body.period,
    records: body.records,
    body: { text, sha256 },
    actor,
    context,
    jobId: options.importJobId,
    alsoAudit: ({ batchId, counts }) => [audit(batchId, { status: "imported", batchId, ...counts })],
  });
  if (summary.status === "already-imported") await recordAuditEvent(audit(summary.batchId, { status: summary.status, batchId: summary.batchId }));
  return summary;
}
