import "server-only";

/** The demo and benchmark data generator (`npx jangkau demo-data`). */
export {
  DEFAULT_PERIOD,
  DEFAULT_SEED,
  DEMO_FILE_LAYOUTS,
  GROUND_TRUTH_COLUMNS,
  generateDemoData,
  writeKemnakerBenchmarkFile,
  type DemoManifest,
  type GenerateDemoDataOptions,
  type KemnakerBenchmarkOptions,
  type SourceFileStats,
} from "./generate.ts";
export { DEFAULT_RATES, NOISY_RATES, resolveRates, type DemoRates } from "./rates.ts";
export { NOISE_KINDS, type NoiseKind } from "./noise.ts";
export { writeWorkerBenchmarkFiles, type WorkerBenchmarkFiles, type WorkerBenchmarkOptions } from "./worker-benchmark.ts";
export type { WorkerJknStatus } from "./workers.ts";
export type { TrueStatus, NotaryStatus } from "./world.ts";
