import { createWriteStream, readFileSync } from "node:fs";
import { readdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { finished } from "node:stream/promises";
import type { Command } from "commander";
import { BUSINESS_STATUS_SLUGS } from "@/lib/leads/business-status.ts";
import { isLeadExportFormat, LEAD_COLUMN_KEYS, LEAD_EXPORT_FORMATS } from "@/lib/leads/lead-columns.ts";
import { parseRegionCodeList, parseStatusList, type LeadFilter } from "@/lib/leads/lead-filter.ts";
import { cliActor } from "@/server/audit/system-actor.ts";
import { DomainError } from "@/server/errors.ts";
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
  all?: boolean;
  json?: boolean;
}

export function registerExportCommands(program: Command): void {
  const exporting = program.command("export").description("Ekspor data");
  exporting
    .command("leads")
    .description("Tulis prospek (badan usaha yang belum atau belum sepenuhnya terdaftar JKN) ke berkas, prioritas tertinggi dulu")
    .requiredOption("--out <file>", "berkas tujuan (ditimpa bila sudah ada)")
    .option("--format <format>", "csv (UTF-8 dengan BOM, pemisah koma) atau xlsx (Excel)", "csv")
    .option("--columns <list>", `kolom dipisah koma (bawaan: semua): ${LEAD_COLUMN_KEYS.join(", ")}`, collect, [])
    .option("--status <list>", `status dipisah koma: ${Object.values(BUSINESS_STATUS_SLUGS).join(", ")} (bawaan: tiga status prospek)`, collect, [])
    .option("--region <list>", "kode wilayah dipisah koma, tingkat apa pun, dengan atau tanpa titik (mis. 32.73,3578)", collect, [])
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
      if (options.region.length) {
        const regions = parseRegionCodeList(options.region.join(","));
        if (!regions.ok) return refuse(regions.message);
        filter.regionCodes = regions.values;
      }

      await openDatabase({ quiet: options.json });
      const out = userPath(options.out);
      // Written beside the target and renamed once the export and its audit record succeeded, so
      // a failed or unaudited export leaves no file behind. Owner-only: it holds contact details.
      await removeDeadPartials(out);
      const partial = path.join(path.dirname(out), `.${path.basename(out)}.${process.pid}.part`);
      const file = createWriteStream(partial, { flags: "wx", mode: 0o600 });
      let summary;
      try {
        summary = await exportLeads({
          filter,
          format,
          columns,
          output: file,
          actor: cliActor(),
          context: CLI_CONTEXT,
          fileName: path.basename(out),
        });
        await rename(partial, out);
      } catch (error) {
        file.destroy();
        await finished(file).catch(() => undefined);
        await rm(partial, { force: true });
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

/**
 * Partial files of earlier exports to the same target whose process is gone (killed before it
 * could clean up): they hold contact details nobody will ever complete, so they go now.
 */
async function removeDeadPartials(out: string): Promise<void> {
  const prefix = `.${path.basename(out)}.`;
  const names = await readdir(path.dirname(out)).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith(".part")) continue;
    const pid = Number(name.slice(prefix.length, -".part".length));
    if (Number.isInteger(pid) && pid > 0 && !processAlive(pid)) await rm(path.join(path.dirname(out), name), { force: true });
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: alive, someone else's.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  // A killed process whose parent died too stays a zombie until an init reaps it, and a
  // container's first process often never does: signal 0 still finds it, but it writes nothing.
  return !isZombie(pid);
}

function isZombie(pid: number): boolean {
  try {
    // /proc/<pid>/stat: "pid (comm) state …"; comm may hold spaces and parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) === "Z";
  } catch {
    return false;
  }
}
