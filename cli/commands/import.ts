import type { Command } from "commander";
import { SOURCE_IDS } from "@/lib/sources.ts";
import { cliActor } from "@/server/audit/system-actor.ts";
import { importFile } from "@/server/ingest/import-file.ts";
import { ImportRefusedError } from "@/server/ingest/read/open-partner-file.ts";
import { storedFilePath } from "@/server/ingest/storage.ts";
import { enqueueMatchAfterImport } from "@/server/matching/enqueue-match-run.ts";
import { waitForMatchRun } from "@/server/matching/wait-for-match-run.ts";
import { CLI_CONTEXT, openDatabase, readStdin, userPath } from "../runtime.ts";
import { formatCount } from "@/lib/format.ts";

export function registerImportCommand(program: Command): void {
  program
    .command("import")
    .description("Impor berkas mitra (CSV, atau ZIP berkata sandi berisi satu CSV)")
    .requiredOption("--source <id>", `sumber data: ${SOURCE_IDS.join(", ")}`)
    .requiredOption("--period <YYYY-S1|YYYY-S2>", "periode penyerahan data, mis. 2025-S1")
    .option("--password-stdin", "baca kata sandi ZIP dari stdin (tidak disimpan, tidak dicatat)")
    .option("--json", "baris terakhir stdout berisi ringkasan JSON")
    .option("--no-match", "jangan jalankan pencocokan entitas sesudah impor")
    .option("--wait", "tunggu sampai pekerja selesai menjalankan pencocokan yang diantrekan")
    .argument("<file>", "berkas yang diimpor")
    .action(async (file: string, options: { source: string; period: string; passwordStdin?: boolean; json?: boolean; match: boolean; wait?: boolean }) => {
      const password = options.passwordStdin ? (await readStdin()).replace(/\r?\n$/, "") : undefined;
      await openDatabase({ quiet: options.json });
      try {
        const summary = await importFile({
          source: options.source,
          period: options.period,
          filePath: userPath(file),
          password,
          channel: "CLI",
          actor: cliActor(),
          context: CLI_CONTEXT,
        });
        const rejectReportPath = summary.rejectReport ? storedFilePath(summary.rejectReport) : null;
        // The new records are resolved into businesses by a worker (`npx jangkau worker`).
        const matchRunId =
          summary.status === "imported" && options.match ? await enqueueMatchAfterImport({ batchId: summary.batchId, actor: cliActor() }) : null;
        // A script that needs the leads right after the import (or an operator who wants to see
        // it through) follows the queued run to its end.
        const matched = matchRunId !== null && options.wait ? await waitForMatchRun(matchRunId, options.json ? undefined : (phase) => console.error(`  pencocokan: ${phase}`)) : null;
        if (matched?.status === "FAILED") process.exitCode = 4;
        if (options.json) {
          console.log(
            JSON.stringify({
              batchId: summary.batchId,
              source: summary.source,
              period: summary.period,
              fileSha256: summary.fileSha256,
              dataRows: summary.dataRows,
              accepted: summary.accepted,
              rejected: summary.rejected,
              duplicatesCollapsed: summary.duplicates,
              warnings: summary.warnings,
              rejectReportPath,
              status: summary.status,
              match: matchRunId === null ? null : { runId: matchRunId, status: matched ? matched.status.toLowerCase() : "queued" },
            }),
          );
          return;
        }
        console.log(summary.status === "already-imported" ? "Berkas ini sudah pernah diimpor; tidak ada yang berubah." : "Impor selesai.");
        console.log(`  Batch      ${summary.batchId}`);
        console.log(`  SHA-256    ${summary.fileSha256}`);
        console.log(`  Baris data ${formatCount(summary.dataRows)}: diterima ${formatCount(summary.accepted)}, ditolak ${formatCount(summary.rejected)}, duplikat ${formatCount(summary.duplicates)}; peringatan ${formatCount(summary.warnings)}`);
        if (rejectReportPath) console.log(`  Laporan    ${rejectReportPath}`);
        if (matched) console.log(`  Pencocokan #${matchRunId} ${matched.status === "SUCCEEDED" ? "selesai" : `gagal: ${matched.message ?? ""}`}`);
        else if (matchRunId !== null) console.log(`  Pencocokan #${matchRunId} diantrekan; pekerja (\`npx jangkau worker\`) menjalankannya.`);
      } catch (error) {
        if (error instanceof ImportRefusedError) {
          if (options.json) console.log(JSON.stringify({ status: "refused", code: error.code, message: error.message }));
          else console.error(`Berkas ditolak: ${error.message}`);
          process.exitCode = 3;
          return;
        }
        throw error;
      }
    });
}
