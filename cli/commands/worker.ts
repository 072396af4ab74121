import type { Command } from "commander";
import { isJobName, JOB_NAMES, type JobName } from "@/server/jobs/job-definitions.ts";
import { startJobWorker } from "@/server/jobs/start-job-worker.ts";
import { invalidInput, openDatabase } from "../runtime.ts";

// Time running jobs get to finish on SIGTERM before they are handed back to the queue: a
// container's stop grace period is usually 30 s or more.
const STOP_TIMEOUT_MS = 25_000;

export function registerWorkerCommand(program: Command): void {
  program
    .command("worker")
    .description("Jalankan pekerjaan latar dari antrean (impor, pencocokan, SFTP, balikan, titik periksa audit) sampai dihentikan")
    .option("--queues <names>", `hanya antrean ini, dipisah koma: ${JOB_NAMES.join(", ")}`)
    .option("--concurrency <n>", "pekerjaan per antrean yang berjalan sekaligus", "1")
    .action(async (options: { queues?: string; concurrency: string }) => {
      const queues = options.queues?.split(",").map((name) => name.trim()).filter(Boolean);
      const unknown = queues?.filter((name) => !isJobName(name)) ?? [];
      if (unknown.length > 0 || queues?.length === 0) {
        invalidInput(`antrean tidak dikenal: ${unknown.join(", ") || "(kosong)"}. Pilih dari: ${JOB_NAMES.join(", ")}.`, {});
        return;
      }
      const concurrency = Number(options.concurrency);
      if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16) {
        invalidInput("--concurrency harus bilangan bulat 1–16.", {});
        return;
      }
      await openDatabase();
      const worker = await startJobWorker({ queues: queues as JobName[] | undefined, concurrency, log: (message) => console.error(`[pekerja] ${message}`) });
      // `on`, not `once`: Ctrl+C reaches this process twice (from the terminal and forwarded by
      // cli/bin.mjs), and a second signal must not kill it mid-stop.
      const signal = await new Promise<NodeJS.Signals>((resolve) => {
        for (const name of ["SIGTERM", "SIGINT"] as const) process.on(name, () => resolve(name));
      });
      console.error(`[pekerja] ${signal}: berhenti mengambil pekerjaan; yang sedang berjalan diberi ${STOP_TIMEOUT_MS / 1000} detik, lalu dikembalikan ke antrean.`);
      await worker.stop({ timeoutMs: STOP_TIMEOUT_MS });
      console.error("[pekerja] Berhenti.");
    });
}
