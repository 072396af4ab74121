import "server-only";
import { createHash } from "node:crypto";
import { monevFileStem, type MonevFigures, type MonevFormat, type MonevPartner } from "@/lib/monev.ts";
import type { RegionScope } from "@/server/access/region-scope.ts";
import { recordAuditEvent, type AuditActor } from "@/server/audit/append-audit-event.ts";
import { XLSX_CONTENT_TYPE } from "@/server/exports/xlsx.ts";
import type { RequestContext } from "@/server/http/request-context.ts";
import { getMonevFigures } from "./get-monev-figures.ts";
import { writeMonevPdf } from "./write-monev-pdf.ts";
import { writeMonevXlsx } from "./write-monev-xlsx.ts";

export interface ExportMonevReportOptions {
  partner: MonevPartner;
  year: number;
  formats: readonly MonevFormat[];
  scope: RegionScope;
  actor: AuditActor;
  context: RequestContext;
  now?: Date;
}

export interface MonevReportFile {
  format: MonevFormat;
  fileName: string;
  contentType: string;
  body: Buffer;
  sha256: string;
}

const WRITERS: Record<MonevFormat, { contentType: string; write: (figures: MonevFigures, generated: { at: Date; by: string }) => Promise<Buffer> }> = {
  pdf: { contentType: "application/pdf", write: writeMonevPdf },
  xlsx: { contentType: XLSX_CONTENT_TYPE, write: writeMonevXlsx },
};

/**
 * The yearly monev report of one partner as files (the page's download, the CLI), computed once
 * for every format asked so the files agree, inside the caller's scope; recorded as an export
 * (`report.monev_export`: partner, year, the scope's regions, each file's name and SHA-256).
 */
export async function exportMonevReport(options: ExportMonevReportOptions): Promise<{ figures: MonevFigures; files: MonevReportFile[] }> {
  const { partner, year, scope, actor, context } = options;
  const figures = await getMonevFigures({ partner, year, scope });
  const generated = { at: options.now ?? new Date(), by: actor.username };
  const files = await Promise.all(
    options.formats.map(async (format) => {
      const body = await WRITERS[format].write(figures, generated);
      return { format, fileName: `${monevFileStem(partner, year)}.${format}`, contentType: WRITERS[format].contentType, body, sha256: createHash("sha256").update(body).digest("hex") };
    }),
  );
  await recordAuditEvent({
    action: "report.monev_export",
    actor,
    context,
    objectType: "monev_report",
    objectId: monevFileStem(partner, year),
    region: scope.kind === "regions" ? scope.codes.join(",") : undefined,
    details: { partner, year, formats: [...options.formats], files: files.map((f) => ({ fileName: f.fileName, sha256: f.sha256, size: f.body.length })) },
  });
  return { figures, files };
}
