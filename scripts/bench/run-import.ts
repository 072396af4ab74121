/**
 * One import in a process of its own (import-child.ts), with the heap settings of
 * `npx jangkau import`, so its time and peak RSS are the import's alone. The benchmarks that
 * import (`bench:import`, `bench:load`) share it.
 */
import { spawn } from "node:child_process";
import path from "node:path";

export interface ChildResult {
  seconds: number;
  maxRssMb: number;
  /** CPU time of the import's process (user + system), all its threads: less sensitive to other load than `seconds`. */
  cpuSeconds: number;
  summary: { batchId: string; accepted: number; rejected: number; duplicates: number; warnings: number };
}

export function runImport(
  url: string,
  file: string,
  work: string,
  source = "kemnaker-bu",
  period = "2025-S2",
  env: Record<string, string> = {},
): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      // The same priority (nice 10) and heap settings as `npx jangkau import` (cli/bin.mjs);
      // the priority matters only when something else wants the CPU (bench:load's pages).
      "nice",
      [
        "-n",
        "10",
        process.execPath,
        "--max-semi-space-size=32",
        "--no-allocation-site-pretenuring",
        "--max-old-space-size=320",
        // BENCH_CPU_PROF=<folder>: a V8 CPU profile of each import (where its time goes).
        ...(process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
        "--conditions=react-server",
        "--import",
        "tsx",
        path.join(import.meta.dirname, "import-child.ts"),
        file,
        source,
        period,
      ],
      { env: { ...process.env, ...env, DATABASE_URL: url, JANGKAU_STORAGE_DIR: path.join(work, "storage") }, stdio: ["ignore", "pipe", "inherit"] },
    );
    let out = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").at(-1)!)) : reject(new Error(`import exited ${code}`))));
  });
}
