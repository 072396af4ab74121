import type { Command } from "commander";
import { verifyAuditChain } from "@/server/audit/verify-audit-chain.ts";
import { openDatabase } from "../runtime.ts";

export function registerAuditCommands(program: Command): void {
  const audit = program.command("audit").description("Jejak audit");
  audit
    .command("verify")
    .description("Hitung ulang rantai hash jejak audit; keluar dengan kode 1 bila ada yang rusak")
    .option("--json", "cetak hasil sebagai JSON")
    .action(async (options: { json?: boolean }) => {
      await openDatabase({ quiet: options.json });
      const report = await verifyAuditChain();
      if (options.json) {
        console.log(JSON.stringify(report));
      } else if (report.ok) {
        console.log(`Rantai audit utuh: ${report.eventCount} peristiwa.`);
        console.log(`Hash kepala (simpan di luar database): ${report.headHash} (peristiwa #${report.headId ?? "-"})`);
      } else {
        const broken = report.firstBroken!;
        const what = broken.problem === "hash_mismatch" ? "isinya tidak cocok dengan hash-nya" : "tidak tersambung ke peristiwa sebelumnya";
        console.log(`RANTAI AUDIT RUSAK: peristiwa #${broken.id} ${what}.`);
        console.log(`Peristiwa utuh terakhir: #${report.headId ?? "-"}, hash ${report.headHash}`);
      }
      if (!report.ok) process.exitCode = 1;
    });
}
