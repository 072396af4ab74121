import "server-only";
import path from "node:path";
import { SOURCE_IDS } from "@/lib/sources.ts";
import { SYSTEM_ACTOR } from "@/server/audit/system-actor.ts";
import { config } from "@/server/config.ts";
import { db } from "@/server/db/client.ts";
import { dataDir } from "@/server/db/database.ts";
import { importFile } from "@/server/ingest/import-file.ts";
import { runMatch } from "@/server/matching/run-match.ts";
import { generateDemoData } from "./demo-data/index.ts";
import { formatCount } from "@/lib/format.ts";

/**
 * On a demo's first start (no import yet), generates a realistic partner data set and imports
 * every source's file through the same pipeline as real deliveries.
 */
export async function seedDemoData(options: { log?: (message: string) => void } = {}): Promise<void> {
  const log = options.log ?? (() => {});
  if ((await db.importBatch.count()) > 0) {
    // A demo database from before matching existed: resolve what it holds once.
    if ((await db.business.count()) === 0 && (await db.matchRun.count({ where: { status: "SUCCEEDED" } })) === 0) await matchDemoData(log);
    return;
  }
  const entities = config().JANGKAU_DEMO_ENTITIES;
  const outDir = path.join(/*turbopackIgnore: true*/ dataDir(), "demo-data");
  log(`Membuat data demo (${formatCount(entities)} badan usaha)…`);
  const manifest = await generateDemoData({ entities, outDir });
  for (const source of SOURCE_IDS) {
    const summary = await importFile({
      source,
      period: manifest.period,
      filePath: path.join(/*turbopackIgnore: true*/ outDir, manifest.files[source].file),
      channel: "CLI",
      actor: SYSTEM_ACTOR,
      context: { ip: null, userAgent: "jangkau-demo", requestId: null },
    });
    log(`  ${source}: ${formatCount(summary.accepted)} diterima, ${formatCount(summary.rejected)} ditolak`);
  }
  await matchDemoData(log);
}

/** One full match over all the files (cheaper than an incremental run per file). */
async function matchDemoData(log: (message: string) => void): Promise<void> {
  const summary = await runMatch({ kind: "FULL", actor: SYSTEM_ACTOR });
  log(
    `Pencocokan: ${formatCount(summary.businesses)} badan usaha, ${formatCount(summary.leads)} prospek, ${formatCount(summary.reviewPairs)} pasangan untuk ditinjau (${formatCount(summary.seconds)} detik)`,
  );
}
