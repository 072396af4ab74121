import type { Command } from "commander";
import { drainPartitions } from "@/server/matching/full-match/run-partitions.ts";
import { openConnections } from "../runtime.ts";

/**
 * `jangkau match-partitions --run-id N`: a worker of a full match run — claims the run's units of
 * name matching until none is left (server/matching/full-match/run-partitions.ts starts these).
 * The last stdout line is a JSON report: units run, time, Node CPU and the process's peak RSS.
 */
export function registerMatchPartitionsCommand(program: Command): void {
  program
    .command("match-partitions")
    .description("(internal) kerjakan bagian-bagian pencocokan penuh yang sedang berjalan")
    .requiredOption("--run-id <id>", "baris match_run yang bagiannya dikerjakan")
    .action(async (options: { runId: string }) => {
      await openConnections({ quiet: true });
      const report = await drainPartitions(Number(options.runId));
      console.log(JSON.stringify({ ...report, peakRss: process.resourceUsage().maxRSS * 1024 }));
    });
}
