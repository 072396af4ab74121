import type { Command } from "commander";
import { recordAuditEvent } from "@/server/audit/append-audit-event.ts";
import { auditCheckpointFile, writeAuditCheckpoint } from "@/server/audit/audit-checkpoint.ts";
import { cliActor } from "@/server/audit/system-actor.ts";
import { verifyAuditChain } from "@/server/audit/verify-audit-chain.ts";
import { createBackup } from "@/server/backup/create-backup.ts";
import { restoreBackup } from "@/server/backup/restore-backup.ts";
import { requireOwnerUrl } from "@/server/db/database.ts";
import { CLI_CONTEXT, openConnections, openDatabase, userPath } from "../runtime.ts";
import { describeReport } from "./audit.ts";

export function registerBackupCommands(program: Command): void {
  program
    .command("backup")
    .description("Cadangkan database, folder penyimpanan dan titik periksa audit ke satu folder baru (sebagai peran pemilik)")
    .requiredOption("--out <dir>", "folder baru untuk cadangan")
    .option("--include-keys", "ikut sertakan kunci rahasia dan kunci audit (siapa pun yang memegang cadangan dapat memakainya)")
    .option("--json", "cetak ringkasan sebagai JSON pada baris terakhir")
    .action(async (options: { out: string; includeKeys?: boolean; json?: boolean }) => {
      const log = options.json ? undefined : (m: string) => console.error(m);
      const prepared = await openDatabase({ quiet: options.json, requireOwner: true });
      const manifest = await createBackup({ ownerUrl: requireOwnerUrl(prepared), outDir: userPath(options.out), includeKeys: options.includeKeys, log });
      const rows = manifest.tables.reduce((sum, table) => sum + table.rows, 0);
      await recordAuditEvent({
        action: "db.backup",
        actor: cliActor(),
        context: CLI_CONTEXT,
        objectType: "backup",
        details: { tables: manifest.tables.length, rows, auditHead: manifest.auditHead?.seq ?? null, keysIncluded: manifest.keys.length > 0 },
      });
      if (options.json) {
        console.log(JSON.stringify({ status: "ok", out: userPath(options.out), tables: manifest.tables.length, rows, auditHead: manifest.auditHead, keys: manifest.keys.map((k) => k.name) }));
        return;
      }
      console.log(`Cadangan ditulis ke ${userPath(options.out)}: ${manifest.tables.length} tabel, ${rows} baris, ${manifest.checkpoints.count} titik periksa audit.`);
      if (manifest.keys.length) {
        console.log(`PERINGATAN: cadangan ini memuat kunci (${manifest.keys.map((k) => k.name).join(", ")}). Siapa pun yang memegangnya dapat membuka kredensial SFTP tersimpan dan memalsukan titik periksa audit: simpan terpisah dan terenkripsi.`);
      } else {
        console.log("Kunci rahasia (JANGKAU_SECRET_KEY / secret-key) dan kunci audit (JANGKAU_AUDIT_KEY / audit-key) TIDAK ikut: simpan keduanya sendiri, terpisah dari cadangan.");
      }
    });

  program
    .command("restore <dir>")
    .description("Pulihkan cadangan ke database dan folder data ini, lalu periksa jejak audit terhadap titik periksanya; menolak tujuan yang tidak kosong tanpa --force")
    .option("--force", "ganti database yang berisi (skema lama dihapus) dan pindahkan folder penyimpanan serta berkas titik periksa lama ke samping")
    .option("--json", "cetak ringkasan sebagai JSON pada baris terakhir")
    .action(async (dir: string, options: { force?: boolean; json?: boolean }) => {
      const log = options.json ? undefined : (m: string) => console.error(m);
      const connections = await openConnections({ quiet: options.json });
      const summary = await restoreBackup({ ownerUrl: requireOwnerUrl(connections), fromDir: userPath(dir), force: options.force, log });
      // Newer migrations of this code, the app role's check, and the app's connection.
      await openDatabase({ quiet: options.json });
      const report = await verifyAuditChain().catch((error: unknown) => {
        // The data is in; only the check could not run (typically: the audit key is not here yet).
        throw new Error(
          `Data sudah dipulihkan, tetapi jejak audit belum dapat diperiksa: ${error instanceof Error ? error.message : String(error)} ` +
            "Pasang kunci audit (JANGKAU_AUDIT_KEY atau berkas audit-key di folder data), lalu jalankan `npx jangkau audit verify`.",
        );
      });
      if (report.ok) {
        await recordAuditEvent({
          action: "db.restore",
          actor: cliActor(),
          context: CLI_CONTEXT,
          objectType: "backup",
          details: { createdAt: summary.manifest.createdAt, rows: summary.rows, auditHead: summary.manifest.auditHead?.seq ?? null },
        });
        await writeAuditCheckpoint();
      } else {
        process.exitCode = 1;
      }
      if (options.json) {
        console.log(JSON.stringify({ status: report.ok ? "ok" : "audit-broken", rows: summary.rows, audit: report, keysRestored: summary.keysRestored, keysDiffering: summary.keysDiffering, movedAside: summary.movedAside }));
        return;
      }
      console.log(`Dipulihkan: ${summary.manifest.tables.length} tabel, ${summary.rows} baris (cadangan ${summary.manifest.createdAt}).`);
      for (const aside of summary.movedAside) console.log(`Isi lama dipindahkan ke ${aside}`);
      for (const line of describeReport(report)) console.log(line);
      if (!report.ok) console.log("PEMULIHAN SELESAI, TETAPI JEJAK AUDIT TIDAK UTUH: periksa cadangan dan kunci audit sebelum memakai data ini.");
      else console.log(`Titik periksa baru ditulis ke ${auditCheckpointFile()}.`);
      if (summary.keysRestored.length) console.log(`Kunci dari cadangan dipasang di folder data: ${summary.keysRestored.join(", ")}.`);
      if (summary.keysDiffering.length) console.log(`PERINGATAN: kunci di cadangan berbeda dari yang terpasang (dibiarkan): ${summary.keysDiffering.join(", ")}.`);
    });
}
