import "server-only";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { RegionDto } from "@/lib/region-code.ts";
import { config } from "@/server/config.ts";
import { NO_REGIONS, regionRowsOf } from "./region-resolver.ts";
import { createRowWork, type RowJobResult, type RowWorkSetup } from "./row-work.ts";
import type { RawRow, RegionResolver } from "./types.ts";

/** Works through jobs of rows; results come back in the order the jobs were submitted. */
export interface RowProcessor {
  /** Worker threads doing the work (0: the calling thread does it). */
  readonly threads: number;
  submit(rows: readonly RawRow[]): Promise<RowJobResult>;
  close(): Promise<void>;
}

/** What a worker thread is started with (row-worker.ts). */
export interface RowWorkerData {
  setup: RowWorkSetup;
  regions: readonly RegionDto[];
}

/**
 * Below this size a delivery is worked through in the importing thread: starting a thread (and
 * compiling the sources in it) costs ~0.5–1 s, more than a small file's whole import.
 */
const THREADS_FROM_BYTES = 16 * 1024 * 1024;

/**
 * How many worker threads an import of `bytes` uses: `JANGKAU_IMPORT_THREADS` when set (0 = none;
 * set, it applies to deliveries of any size), else, for large deliveries only, one per core
 * beyond two (the importing thread parses the CSV and PostgreSQL needs a core for the COPY), at
 * most 4. On two cores that is none: measured there, a thread bought no speed (the cores are
 * already full) and cost ~30–80 MB of memory each (docs/importing.md). Read on every call (the
 * configuration module re-reads a changed environment), like the other import limits.
 */
export function importThreads(bytes: number, cores: number): number {
  const configured = config().JANGKAU_IMPORT_THREADS;
  if (configured !== undefined) return configured;
  if (bytes < THREADS_FROM_BYTES) return 0;
  return Math.max(0, Math.min(4, cores - 2));
}

/**
 * The worker's module next to this one. Only where the source is on disk (the CLI, the job
 * worker, benchmarks and tests run the TypeScript through tsx); in a bundled server the file is
 * not there, and the importing thread does the work itself.
 */
function workerScript(): string | null {
  try {
    const file = path.join(path.dirname(fileURLToPath(import.meta.url)), "row-worker.mjs");
    return existsSync(file) ? file : null;
  } catch {
    return null;
  }
}

export function startRowProcessor(setup: RowWorkSetup, regions: RegionResolver, threads: number): RowProcessor {
  // A source without region columns sends its threads no regions (they are never asked).
  const regionRows = regions === NO_REGIONS ? [] : regionRowsOf(regions);
  const script = threads > 0 && regionRows ? workerScript() : null;
  if (!script || !regionRows) {
    const work = createRowWork(setup, regions);
    return { threads: 0, submit: async (rows) => work(rows), close: async () => undefined };
  }
  return new ThreadedRowProcessor(script, { setup, regions: regionRows }, threads);
}

interface Pending {
  resolve: (result: RowJobResult) => void;
  reject: (error: unknown) => void;
}

class ThreadedRowProcessor implements RowProcessor {
  private readonly workers: Worker[];
  /** Per worker, its jobs in the order sent (a worker answers in that order). */
  private readonly queues: Pending[][];
  private next = 0;
  private failure: unknown = null;

  constructor(
    script: string,
    data: RowWorkerData,
    readonly threads: number,
  ) {
    this.workers = [];
    this.queues = [];
    for (let i = 0; i < threads; i++) {
      const worker = new Worker(script, {
        workerData: data,
        // `server-only` as the server sees it; row-worker.mjs brings TypeScript in.
        execArgv: ["--conditions=react-server"],
        // A job's rows and results are small; a thread needs the sources' code and a region index.
        resourceLimits: { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 16 },
        stdout: false,
        stderr: false,
      });
      const queue: Pending[] = [];
      worker.on("message", (result: RowJobResult) => queue.shift()?.resolve(result));
      worker.on("error", (error) => this.fail(error));
      worker.on("exit", (code) => {
        if (queue.length) this.fail(new Error(`Thread impor berhenti (kode ${code}) sebelum selesai.`));
      });
      this.workers.push(worker);
      this.queues.push(queue);
    }
  }

  submit(rows: readonly RawRow[]): Promise<RowJobResult> {
    if (this.failure) return Promise.reject(this.failure);
    const index = this.next;
    this.next = (this.next + 1) % this.workers.length;
    return new Promise((resolve, reject) => {
      this.queues[index]!.push({ resolve, reject });
      this.workers[index]!.postMessage(rows);
    });
  }

  private fail(error: unknown): void {
    this.failure ??= error;
    for (const queue of this.queues) for (const pending of queue.splice(0)) pending.reject(error);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
