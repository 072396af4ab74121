import "server-only";
import { stat } from "node:fs/promises";
import { isUuid } from "@/lib/uuid.ts";
import { recordAuditEvent, type AuditActor } from "@/server/audit/append-audit-event.ts";
import { db } from "@/server/db/client.ts";
import type { RequestContext } from "@/server/http/request-context.ts";
import { sha256File } from "./read/hash-file.ts";
import { storedFilePath } from "./storage.ts";

export interface RejectReportDownload {
  /** `laporan-penolakan-<source>-<period>-<import date, WIB>.csv` */
  filename: string;
  /** Absolute path of the stored report: the route streams it. */
  path: string;
  size: number;
  sha256: string;
}

const WIB_DATE = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Jakarta", year: "numeric", month: "2-digit", day: "2-digit" });

/**
 * A batch's reject report, ready to send: null when the batch does not exist, had nothing to
 * report, or its report is gone from the storage folder. The download is recorded
 * (`import.report_download`, with the report's SHA-256) before the first byte leaves; when that
 * record cannot be written, the download fails. The report is hashed as it is on disk, streamed,
 * so a report of a million rejected rows costs no memory.
 */
export async function downloadRejectReport({
  batchId,
  actor,
  context,
}: {
  batchId: string;
  actor: AuditActor;
  context: RequestContext;
}): Promise<RejectReportDownload | null> {
  if (!isUuid(batchId)) return null;
  const batch = await db.importBatch.findUnique({
    where: { id: batchId },
    select: { id: true, source: true, period: true, rejectReport: true, createdAt: true },
  });
  if (!batch?.rejectReport) return null;

  const path = storedFilePath(batch.rejectReport);
  const size = await stat(/*turbopackIgnore: true*/ path).then(
    (stats) => stats.size,
    () => null,
  );
  if (size === null) return null;
  const sha256 = await sha256File(path);

  await recordAuditEvent({
    action: "import.report_download",
    actor,
    context,
    objectType: "import_batch",
    objectId: batch.id,
    details: { source: batch.source, period: batch.period, sha256, bytes: size },
  });
  return {
    filename: `laporan-penolakan-${batch.source}-${batch.period}-${WIB_DATE.format(batch.createdAt)}.csv`,
    path,
    size,
    sha256,
  };
}
