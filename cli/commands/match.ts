import type { Command } from "commander";
import { cliActor } from "@/server/audit/system-actor.ts";
import { runMatch } from "@/server/matching/run-match.ts";
import { openDatabase } from "../runtime.ts";
import { formatCount } from "@/lib/format.ts";

export function registerMatchCommand(program: Command): void {
  program
    .command("match")
    .description("Cocokkan catatan sumber menjadi badan usaha dan klasifikasikan kepesertaan JKN")
    .option("--full", "cocokkan ulang semua catatan (bawaan: hanya yang terdampak impor terakhir)")
    .option("--batch <id>", "jalankan bertahap untuk satu batch impor")
    .option("--workers <n>", "pencocokan penuh: jumlah proses pekerja untuk pencocokan nama per kabupaten/kota (bawaan: 0, dalam proses ini)")
    .option("--json", "baris terakhir stdout berisi ringkasan JSON")
    .action(async (options: { full?: boolean; batch?: string; workers?: string; json?: boolean }) => {
      await openDatabase({ quiet: options.json });
      const summary = await runMatch({
        kind: options.full || !options.batch ? "FULL" : "INCREMENTAL",
        batchId: options.batch,
        partitionWorkers: options.workers ? Math.max(0, Math.floor(Number(options.workers)) || 0) : undefined,
        actor: cliActor(),
        log: options.json ? undefined : (message) => console.error(`  pencocokan: ${message}`),
      });
      if (options.json) {
        console.log(JSON.stringify(summary));
        return;
      }
      console.log(`Pencocokan ${summary.kind === "FULL" ? "penuh" : "bertahap"} #${summary.runId} selesai dalam ${formatCount(summary.seconds)} detik.`);
      console.log(`  Catatan sumber     : ${formatCount(summary.records)}`);
      console.log(`  Badan usaha        : ${formatCount(summary.businesses)}`);
      console.log(`  Prospek            : ${formatCount(summary.leads)}`);
      for (const [status, count] of Object.entries(summary.byStatus)) console.log(`    ${status.padEnd(18)} ${formatCount(count)}`);
      console.log(`  Tautan per aturan  : ${Object.entries(summary.links).map(([rule, n]) => `${rule} ${formatCount(n)}`).join(", ")}`);
      console.log(`  Pasangan ditinjau  : ${formatCount(summary.reviewPairs)}`);
      if (summary.followUpsCarried > 0) console.log(`  Tindak lanjut dari badan usaha yang digabung: ${formatCount(summary.followUpsCarried)}`);
    });
}
