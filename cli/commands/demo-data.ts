import { InvalidArgumentError, type Command } from "commander";
import { formatBytes, formatCount } from "@/lib/format.ts";
import { DEFAULT_PERIOD, DEFAULT_SEED, generateDemoData, writeKemnakerBenchmarkFile } from "@/server/demo/demo-data/index.ts";
import { userPath } from "../runtime.ts";

function wholeNumber(value: string): number {
  const n = Number(value.replaceAll("_", ""));
  if (!Number.isSafeInteger(n) || n < 0) throw new InvalidArgumentError("harus bilangan bulat tidak negatif");
  return n;
}

/**
 * `npx jangkau demo-data --entities <N> --out <dir> [--seed <n>] [--period 2025-S2]`: every
 * source's partner file with realistic noise, a ground truth and a manifest. With `--kemnaker-rows <n>`
 * it writes only a `kemnaker-bu.csv` of n rows, for the import benchmark.
 */
export function registerDemoDataCommand(program: Command): void {
  program
    .command("demo-data")
    .description("Buat data demo/uji: berkas semua sumber (dengan derau realistis), ground truth dan manifest")
    .option("--entities <n>", "jumlah badan usaha sebenarnya", wholeNumber)
    .requiredOption("--out <dir>", "folder tujuan")
    .option("--seed <n>", "benih acak; seed yang sama menghasilkan berkas yang sama persis", wholeNumber, DEFAULT_SEED)
    .option("--period <periode>", "periode data, mis. 2025-S2", DEFAULT_PERIOD)
    .option("--kemnaker-rows <n>", "hanya tulis kemnaker-bu.csv sebanyak n baris (untuk benchmark impor)", wholeNumber)
    .option("--json", "cetak manifest sebagai JSON")
    .action(async (options: { entities?: number; out: string; seed: number; period: string; kemnakerRows?: number; json?: boolean }, command: Command) => {
      const outDir = userPath(options.out);
      if (options.kemnakerRows !== undefined) {
        const result = await writeKemnakerBenchmarkFile({
          rows: options.kemnakerRows,
          path: `${outDir}/kemnaker-bu.csv`,
          seed: options.seed,
          period: options.period,
        });
        if (options.json) console.log(JSON.stringify(result));
        else console.log(`${formatCount(result.rows)} baris kemnaker-bu ditulis ke ${result.path} (${formatBytes(result.bytes)}) dalam ${result.seconds.toFixed(1)} detik.`);
        return;
      }
      if (options.entities === undefined || options.entities < 1) {
        command.error("error: --entities <n> wajib diisi (minimal 1), kecuali dengan --kemnaker-rows");
      }
      const started = performance.now();
      const manifest = await generateDemoData({ entities: options.entities, outDir, seed: options.seed, period: options.period });
      const seconds = (performance.now() - started) / 1000;
      if (options.json) {
        console.log(JSON.stringify(manifest));
        return;
      }
      console.log(`Data demo untuk ${formatCount(manifest.entities)} badan usaha (seed ${manifest.seed}, periode ${manifest.period}) di ${outDir}:`);
      for (const [source, file] of Object.entries(manifest.files)) {
        const e = file.expected;
        console.log(`  ${file.file.padEnd(18)} ${String(file.rows).padStart(9)} baris (${e.reject} ditolak, ${e.duplicate} duplikat)  ${formatBytes(file.bytes).padStart(9)}  [${source}]`);
      }
      console.log(`  ${"ground-truth.csv".padEnd(18)} ${String(manifest.groundTruth.rows).padStart(9)} baris`);
      const s = manifest.counts.byStatus;
      console.log(
        `Status sebenarnya: ${s.TERDAFTAR_AKTIF} terdaftar aktif, ${s.TERDAFTAR_NONAKTIF} nonaktif, ${s.BELUM_TERDAFTAR} belum terdaftar, ${s.DAFTAR_SEBAGIAN} daftar sebagian.`,
      );
      console.log(`Selesai dalam ${seconds.toFixed(1)} detik.`);
    });
}
