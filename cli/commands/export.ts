import path from "node:path";
import type { Command } from "commander";
import { BUSINESS_STATUS_SLUGS } from "@/lib/leads/business-status.ts";
import { ENTITY_KIND_SLUGS, ENTITY_KINDS } from "@/lib/leads/entity-kind.ts";
import { isLeadExportFormat, LEAD_COLUMN_KEYS, LEAD_EXPORT_FORMATS } from "@/lib/leads/lead-columns.ts";
import { parseRegionCodeList, parseStatusList, type LeadFilter } from "@/lib/leads/lead-filter.ts";
import { cliActor } from "@/server/audit/system-actor.ts";
import { DomainError } from "@/server/errors.ts";
import { exportToFile } from "@/server/exports/export-to-file.ts";
import { exportLeads } from "@/server/leads/export-leads.ts";
import { CLI_CONTEXT, invalidInput, openDatabase, userPath } from "../runtime.ts";
import { formatCount } from "@/lib/format.ts";
const collect = (value: string, previous: string[]) => [...previous, value];

interface ExportLeadsCliOptions {
  out: string;
  format: string;
  columns: string[];
  status: string[];
  region: string[];
  kind?: string;
  all?: boolean;
  json?: boolean;
}

export function registerExportCommands(program: Command): void {
  const exporting = program.command("export").description("Ekspor data");
  exporting
    .command("leads")
    .description("Tulis prospek (badan usaha dan notaris yang belum atau belum sepenuhnya terdaftar JKN) ke berkas, prioritas tertinggi dulu")
    .requiredOption("--out <file>", "berkas tujuan (ditimpa bila sudah ada)")
    .option("--format <format>", "csv (UTF-8 dengan BOM, pemisah koma), csv-id (pemisah titik koma, koma desimal: Excel berbahasa Indonesia) atau xlsx (Excel)", "csv")
    .option("--columns <list>", `kolom dipisah koma (bawaan: semua): ${LEAD_COLUMN_KEYS.join(", ")}`, collect, [])
    .option("--status <list>", `status dipisah koma: ${Object.values(BUSINESS_STATUS_SLUGS).join(", ")} (bawaan: tiga status prospek)`, collect, [])
    .option("--region <list>", "kode wilayah dipisah koma, tingkat apa pun, dengan atau tanpa titik (mis. 32.73,3578)", collect, [])
    .option("--kind <jenis>", `${ENTITY_KINDS.map((k) => ENTITY_KIND_SLUGS[k]).join(" atau ")} saja (bawaan: keduanya)`)
    .option("--all", "semua status, termasuk Terdaftar aktif")
    .option("--json", "baris terakhir stdout berisi ringkasan JSON")
    .action(async (options: ExportLeadsCliOptions) => {
      const refuse = (message: string) => invalidInput(message, options);
      const format = options.format.trim().toLowerCase();
      if (!isLeadExportFormat(format)) {
        return refuse(`format tidak dikenal: ${options.format} (pilihan: ${LEAD_EXPORT_FORMATS.join(", ")})`);
      }
      const columns = options.columns.join(",").split(",").map((key) => key.trim()).filter(Boolean);
      const unknownColumns = columns.filter((key) => !LEAD_COLUMN_KEYS.includes(key));
      if (unknownColumns.length) return refuse(`kolom tidak dikenal: ${unknownColumns.join(", ")} (pilihan: ${LEAD_COLUMN_KEYS.join(", ")})`);
      if (options.all && options.status.length) return refuse("--all dan --status tidak dapat dipakai bersamaan");
      const filter: LeadFilter = { all: options.all === true };
      if (options.status.length) {
        const statuses = parseStatusList(options.status.join(","));
        if (!statuses.ok) return refuse(statuses.message);
        filter.statuses = statuses.values;
      }
      if (options.kind !== undefined) {
        const kind = ENTITY_KINDS.find((k) => ENTITY_KIND_SLUGS[k] === options.kind!.trim().toLowerCase());
        if (!kind) return refuse(`jenis tidak dikenal: ${options.kind} (pilihan: ${ENTITY_KINDS.map((k) => ENTITY_KIND_SLUGS[k]).join(", ")})`);
        filter.kind = kind;
      }
      if (options.region.length) {
        const regions = parseRegionCodeList(options.region.join(","));
        if (!regions.ok) return refuse(regions.message);
        filter.regionCodes = regions.values;
      }

      await openDatabase({ quiet: options.json });
      const out = userPath(options.out);
      let summary;
      try {
        summary = await exportToFile(out, (output) =>
          exportLeads({ filter, format, columns, output, actor: cliActor(), context: CLI_CONTEXT, fileName: path.basename(out) }),
        );
      } catch (error) {
        if (error instanceof DomainError) return refuse(error.message);
        throw error;
      }

      if (options.json) {
        console.log(JSON.stringify({ status: "exported", path: out, ...summary }));
        return;
      }
      console.log("Ekspor prospek selesai.");
      console.log(`  Baris    ${formatCount(summary.rows)}`);
      console.log(`  Berkas   ${out}`);
      console.log(`  SHA-256  ${summary.sha256}`);
    });
}
