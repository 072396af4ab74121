import { copyFile, mkdir } from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import { BALIKAN_PARTNERS, isBalikanPartner } from "@/lib/balikan.ts";
import { isPeriod } from "@/lib/sources.ts";
import { cliActor } from "@/server/audit/system-actor.ts";
import { generateBalikan } from "@/server/balikan/generate-balikan.ts";
import { DomainError } from "@/server/errors.ts";
import { CLI_CONTEXT, invalidInput, openDatabase, userPath } from "../runtime.ts";
import { formatCount } from "@/lib/format.ts";

interface BalikanCliOptions {
  partner: string;
  period: string;
  out: string;
  json?: boolean;
}

export function registerBalikanCommand(program: Command): void {
  program
    .command("balikan")
    .description("Buat berkas data balikan untuk mitra (ZIP AES-256, kata sandi ditampilkan sekali), seperti halaman Data Balikan")
    .requiredOption("--partner <partner>", `mitra: ${BALIKAN_PARTNERS.join(" atau ")}`)
    .requiredOption("--period <period>", "periode, mis. 2025-S1")
    .requiredOption("--out <dir>", "folder tujuan berkas ZIP (dibuat bila belum ada)")
    .option("--json", "baris terakhir stdout berisi ringkasan JSON (termasuk kata sandi)")
    .action(async (options: BalikanCliOptions) => {
      const refuse = (message: string) => invalidInput(message, options);
      if (!isBalikanPartner(options.partner)) return refuse(`mitra tidak dikenal: ${options.partner} (pilihan: ${BALIKAN_PARTNERS.join(", ")})`);
      if (!isPeriod(options.period)) return refuse(`periode tidak valid: ${options.period} (format TTTT-S1 atau TTTT-S2)`);

      await openDatabase({ quiet: options.json });
      let generated;
      try {
        generated = await generateBalikan({
          input: { partner: options.partner, period: options.period },
          actor: cliActor(),
          context: CLI_CONTEXT,
        });
      } catch (error) {
        if (error instanceof DomainError) {
          if (options.json) console.log(JSON.stringify({ status: "refused", message: error.message }));
          console.error(`Ditolak: ${error.message}`);
          process.exitCode = 3;
          return;
        }
        throw error;
      }
      const dir = userPath(options.out);
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const out = path.join(dir, generated.fileName);
      await copyFile(generated.storedPath, out);

      if (options.json) {
        const { deliveryId, partner, period, fileName, rows, bytes, sha256, entries, password } = generated;
        console.log(JSON.stringify({ status: "generated", path: out, deliveryId, partner, period, fileName, rows, bytes, sha256, entries, password }));
        return;
      }
      console.log(`Data balikan ${options.partner} periode ${generated.period} dibuat.`);
      for (const entry of generated.entries) {
        console.log(`  ${entry.name}  ${formatCount(entry.rows)} baris (batch menerima ${formatCount(entry.batchAccepted)})`);
      }
      console.log(`  Berkas      ${out}`);
      console.log(`  SHA-256     ${generated.sha256}`);
      console.log(`  Kata sandi  ${generated.password}`);
      console.log("Kata sandi hanya ditampilkan sekali ini: serahkan kepada mitra lewat saluran lain, bukan bersama berkasnya.");
    });
}
