import type { Command } from "commander";
import { auditCheckpointFile, writeAuditCheckpoint } from "@/server/audit/audit-checkpoint.ts";
import { type AuditChainReport, verifyAuditChain } from "@/server/audit/verify-audit-chain.ts";
import { openDatabase } from "../runtime.ts";

export function registerAuditCommands(program: Command): void {
  const audit = program.command("audit").description("Jejak audit");
  audit
    .command("verify")
    .description("Hitung ulang rantai hash jejak audit dan cocokkan dengan titik periksa; keluar dengan kode 1 bila ada yang rusak atau hilang")
    .option("--json", "cetak hasil sebagai JSON")
    .action(async (options: { json?: boolean }) => {
      await openDatabase({ quiet: options.json });
      const report = await verifyAuditChain();
      // A verified head is the best anchor there is: keep it for the next check.
      const checkpoint = report.ok && report.headId ? await writeAuditCheckpoint({ seq: Number(report.headId), hash: report.headHash }) : null;
      if (options.json) console.log(JSON.stringify({ ...report, newCheckpoint: checkpoint }));
      else for (const line of describeReport(report)) console.log(line);
      if (checkpoint && !options.json) console.log(`Titik periksa baru ditulis ke ${auditCheckpointFile()} (peristiwa #${checkpoint.seq}).`);
      if (!report.ok) process.exitCode = 1;
    });
  audit
    .command("checkpoint")
    .description("Tulis titik periksa (nomor dan hash peristiwa terakhir, dengan HMAC) ke berkas titik periksa sekarang juga")
    .option("--json", "cetak titik periksa sebagai JSON")
    .action(async (options: { json?: boolean }) => {
      await openDatabase({ quiet: options.json });
      const checkpoint = await writeAuditCheckpoint();
      if (options.json) console.log(JSON.stringify(checkpoint));
      else if (checkpoint) console.log(`Titik periksa ditulis ke ${auditCheckpointFile()}: peristiwa #${checkpoint.seq}, hash ${checkpoint.hash}.`);
      else console.log("Jejak audit masih kosong: tidak ada yang perlu ditandai.");
    });
}

/** The report in an operator's words. */
export function describeReport(report: AuditChainReport): string[] {
  const lines: string[] = [];
  if (report.firstBroken) {
    const broken = report.firstBroken;
    const what = broken.problem === "hash_mismatch" ? "isinya tidak cocok dengan hash-nya" : "tidak tersambung ke peristiwa sebelumnya";
    lines.push(`RANTAI AUDIT RUSAK: peristiwa #${broken.id} ${what}.`);
    lines.push(`Peristiwa utuh terakhir: #${report.headId ?? "-"}, hash ${report.headHash}`);
  }
  const problem = report.checkpoints.problem;
  if (problem?.kind === "tampered_file") {
    lines.push(`BERKAS TITIK PERIKSA DIUBAH: baris ${problem.lines.join(", ")} tidak sah (HMAC salah atau kunci audit berbeda).`);
  } else if (problem?.kind === "missing_after") {
    lines.push(
      `RANTAI AUDIT TERPOTONG: peristiwa setelah #${report.headId ?? "-"} hilang; titik periksa ${problem.at} mencatat peristiwa #${problem.seq}.`,
    );
  } else if (problem?.kind === "missing") {
    lines.push(`RANTAI AUDIT RUSAK: peristiwa #${problem.seq} hilang (tercatat di titik periksa ${problem.at}).`);
  } else if (problem?.kind === "changed") {
    lines.push(`RANTAI AUDIT DIUBAH: peristiwa #${problem.seq} tidak sama dengan yang tercatat di titik periksa ${problem.at}.`);
  }
  if (report.ok) {
    lines.push(`Rantai audit utuh: ${report.eventCount} peristiwa.`);
    lines.push(`Hash kepala: ${report.headHash} (peristiwa #${report.headId ?? "-"})`);
    const newest = report.checkpoints.newest;
    lines.push(
      newest
        ? `Cocok dengan ${report.checkpoints.checked} titik periksa; terbaru: peristiwa #${newest.seq} (${newest.at}).`
        : "Belum ada titik periksa untuk dicocokkan.",
    );
  }
  return lines;
}
