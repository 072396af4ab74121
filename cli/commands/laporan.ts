import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import { formatBytes } from "@/lib/format.ts";
import { MONEV_FORMATS, MONEV_PARTNERS, monevRequestSchema } from "@/lib/monev.ts";
import { cliActor } from "@/server/audit/system-actor.ts";
import { exportMonevReport } from "@/server/reports/export-monev-report.ts";
import { CLI_CONTEXT, invalidInput, openDatabase, userPath } from "../runtime.ts";

interface MonevCliOptions {
  partner: string;
  year: string;
  out: string;
  json?: boolean;
}

/** `npx jangkau laporan monev --partner <ahu|kemnaker> --year <YYYY> --out <dir>`: the yearly report's files. */
export function registerLaporanCommands(program: Command): void {
  const laporan = program.command("laporan").description("Laporan untuk mitra");
  laporan
    .command("monev")
    .description(`Laporan monitoring dan evaluasi tahunan satu mitra, seluruh wilayah: ${MONEV_FORMATS.map((f) => f.toUpperCase()).join(" dan ")}`)
    .requiredOption("--partner <partner>", `mitra: ${MONEV_PARTNERS.join(" atau ")}`)
    .requiredOption("--year <year>", "tahun, mis. 2026")
    .requiredOption("--out <dir>", "folder tujuan (dibuat bila belum ada)")
    .option("--json", "baris terakhir stdout berisi ringkasan JSON")
    .action(async (options: MonevCliOptions) => {
      const parsed = monevRequestSchema.safeParse({ partner: options.partner, year: options.year });
      if (!parsed.success) return invalidInput(parsed.error.issues.map((issue) => issue.message).join(" "), options);

      await openDatabase({ quiet: options.json });
      const { files } = await exportMonevReport({ ...parsed.data, formats: MONEV_FORMATS, scope: { kind: "all" }, actor: cliActor(), context: CLI_CONTEXT });
      const dir = userPath(options.out);
      await mkdir(dir, { recursive: true });
      const written = [];
      for (const file of files) {
        const out = path.join(dir, file.fileName);
        await writeFile(out, file.body);
        written.push({ format: file.format, path: out, bytes: file.body.length, sha256: file.sha256 });
      }
      if (options.json) {
        console.log(JSON.stringify({ status: "written", partner: parsed.data.partner, year: parsed.data.year, files: written }));
        return;
      }
      console.log(`Laporan monev ${parsed.data.partner} tahun ${parsed.data.year} ditulis:`);
      for (const file of written) console.log(`  ${file.path}  ${formatBytes(file.bytes)}`);
    });
}
