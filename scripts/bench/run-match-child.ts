/**
 * One match run in a process of its own, for `npm run bench:match`: so that the peak RSS measured
 * is the run's alone (not the generator's or the import's). Usage:
 *   run-match-child.ts <FULL|INCREMENTAL> <workers> <result.json> [batchId]
 * DATABASE_URL names the database. Logs go to stdout; the summary, this process's peak RSS and
 * its workers' go to result.json.
 */
import { writeFile } from "node:fs/promises";
import { SYSTEM_ACTOR } from "../../server/audit/system-actor.ts";
import { disconnectDb } from "../../server/db/client.ts";
import { runMatch } from "../../server/matching/run-match.ts";

const [kind, workers, resultFile, batchId] = process.argv.slice(2) as ["FULL" | "INCREMENTAL", string, string, string | undefined];
let workerPeakRss: number[] = [];
const summary = await runMatch({
  kind,
  batchId,
  actor: SYSTEM_ACTOR,
  partitionWorkers: Number(workers),
  onWorkerPeakRss: (peaks) => (workerPeakRss = peaks),
  log: (m) => console.log(`  ${m}`),
});
await disconnectDb();
await writeFile(resultFile, JSON.stringify({ summary, peakRss: process.resourceUsage().maxRSS * 1024, workerPeakRss }));
