import type { Command } from "commander";
import { ROLES } from "@/lib/permissions.ts";
import { cliActor } from "@/server/audit/system-actor.ts";
import { generatePassword } from "@/server/auth/passwords.ts";
import { createUser } from "@/server/users/create-user.ts";
import { CLI_CONTEXT, openDatabase, readStdin } from "../runtime.ts";

const collect = (value: string, previous: string[]) => [...previous, ...value.split(",")];

export function registerUserCommands(program: Command): void {
  const user = program.command("user").description("Pengguna");
  user
    .command("create")
    .description("Buat pengguna baru")
    .requiredOption("--username <name>", "nama pengguna (huruf kecil, angka, . _ -)")
    .requiredOption("--name <full name>", "nama lengkap")
    .requiredOption("--role <role>", `peran: ${ROLES.join(", ")}`)
    .option("--region <code>", "kode wilayah provinsi atau kabupaten/kota (boleh diulang)", collect, [])
    .option("--password-stdin", "baca kata sandi dari stdin (bila tidak, dibuat acak dan ditampilkan sekali)")
    .option("--must-change-password", "wajib mengganti kata sandi saat pertama masuk (untuk akun yang kata sandinya Anda sampaikan ke orang lain)")
    .action(async (options: { username: string; name: string; role: string; region: string[]; passwordStdin?: boolean; mustChangePassword?: boolean }) => {
      const password = options.passwordStdin ? (await readStdin()).replace(/\r?\n$/, "") : generatePassword();
      await openDatabase();
      const created = await createUser({
        input: {
          username: options.username,
          name: options.name,
          role: options.role.toUpperCase() as (typeof ROLES)[number],
          regionCodes: options.region,
          password,
        },
        actor: cliActor(),
        context: CLI_CONTEXT,
        // The CLI is how an operator bootstraps the first admin with a password they chose; an
        // admin creating colleagues on the Pengguna page always forces the change.
        mustChangePassword: options.mustChangePassword ?? false,
      });
      console.log(`Pengguna ${created.username} (${created.role}) dibuat.`);
      if (!options.passwordStdin) console.log(`Kata sandi awal (ditampilkan sekali): ${password}`);
    });
}
