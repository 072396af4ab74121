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
      const { seedDemo } = await import("@/server/demo/seed-demo.ts");
      const { password, usernames } = await seedDemo({ log: (m) => console.log(m) });
      for (const user of usernames) console.log(`  ${user.username.padEnd(11)} ${user.description}`);
      console.log(`  Kata sandi: ${password}`);
    });
}
