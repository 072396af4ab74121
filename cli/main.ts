import { Command, CommanderError } from "commander";
import { ZodError } from "zod";
import { config, ConfigError } from "@/server/config.ts";
import { registerAuditCommands } from "./commands/audit.ts";
import { registerBackupCommands } from "./commands/backup.ts";
import { registerBalikanCommand } from "./commands/balikan.ts";
import { registerDbCommands } from "./commands/db.ts";
import { registerDemoDataCommand } from "./commands/demo-data.ts";
import { registerExportCommands } from "./commands/export.ts";
import { registerImportCommand } from "./commands/import.ts";
import { registerLaporanCommands } from "./commands/laporan.ts";
import { registerMatchCommand } from "./commands/match.ts";
import { registerMatchPartitionsCommand } from "./commands/match-partitions.ts";
import { registerSftpCommands } from "./commands/sftp.ts";
import { registerUserCommands } from "./commands/user.ts";
import { registerWorkerCommand } from "./commands/worker.ts";
import { closeCli } from "./runtime.ts";

const program = new Command()
  .name("jangkau")
  .description("Jangkau — perintah administrasi (database, pengguna, audit, impor)")
  .showHelpAfterError()
  .exitOverride();

registerDbCommands(program);
registerUserCommands(program);
registerImportCommand(program);
registerMatchCommand(program);
registerMatchPartitionsCommand(program);
registerSftpCommands(program);
registerAuditCommands(program);
registerDemoDataCommand(program);
registerExportCommands(program);
registerBalikanCommand(program);
registerLaporanCommands(program);
registerBackupCommands(program);
registerWorkerCommand(program);

try {
  // Every setting checked first: a typo stops here, naming the variable.
  config();
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode;
  } else if (error instanceof ConfigError) {
    console.error(error.message);
    process.exitCode = 2;
  } else if (error instanceof ZodError) {
    console.error(`Masukan tidak valid:\n${error.issues.map((issue) => `  - ${issue.path.join(".") || "nilai"}: ${issue.message}`).join("\n")}`);
    process.exitCode = 2;
  } else {
    console.error(`Gagal: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = process.exitCode || 1;
  }
} finally {
  await closeCli();
}
