/**
 * Runs one import in a process of its own, so its peak RSS is the import's alone.
 * Prints one JSON line: { seconds, maxRssMb, summary }.
 */
import { SYSTEM_ACTOR } from "../../server/audit/system-actor.ts";
import { disconnectDb, setDatabaseUrl } from "../../server/db/client.ts";
import { importFile } from "../../server/ingest/import-file.ts";

const [file, source = "kemnaker-bu", period = "2025-S2"] = process.argv.slice(2);
setDatabaseUrl(process.env.DATABASE_URL!);
const started = performance.now();
const summary = await importFile({
  source,
  period,
  filePath: file!,
  channel: "CLI",
  actor: SYSTEM_ACTOR,
  context: { ip: null, userAgent: "bench", requestId: null },
});
const seconds = (performance.now() - started) / 1000;
await disconnectDb();
const usage = process.resourceUsage();
console.log(JSON.stringify({ seconds, maxRssMb: usage.maxRSS / 1024, cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6, summary }));
