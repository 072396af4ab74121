import type { Command } from "commander";
import { openDatabase } from "../runtime.ts";

export function registerDbCommands(program: Command): void {
  const db = program.command("db").description("Database");
  db.command("migrate")
    .description("Terapkan migrasi yang belum dijalankan (prisma/migrations), sebagai peran pemilik database")
    .action(async () => {
      const { appliedMigrations } = await openDatabase({ requireOwner: true });
      console.log(appliedMigrations.length ? `Diterapkan: ${appliedMigrations.join(", ")}` : "Database sudah mutakhir.");
    });
  registerDemoSeedCommand(db);
}

export function registerDemoSeedCommand(db: Command): void {
  db.command("seed-demo")
    .description("Buat akun demo (admin, supervisor, auditor, petugas, petugas2) bila belum ada")
    .action(async () => {
      await openDatabase();
      const { demoSignInLines, seedDemo } = await import("@/server/demo/seed-demo.ts");
      console.log(demoSignInLines(await seedDemo({ log: (m) => console.log(m) })).join("\n"));
    });
}
