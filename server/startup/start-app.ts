import "server-only";
import { config, settleConfig } from "@/server/config.ts";
import { dataDir, prepareDatabase } from "@/server/db/database.ts";
import { describeReplicaAtStart } from "@/server/db/read-db.ts";
import { demoSignInLines, seedDemo } from "@/server/demo/seed-demo.ts";
import { seedDemoData } from "@/server/demo/seed-demo-data.ts";
import { trustedProxies } from "@/server/http/client-address.ts";
import { failInterruptedExports } from "@/server/leads/fail-interrupted-exports.ts";
import { readOrCreateLocalSecret } from "./local-secrets.ts";

/**
 * Runs once when the Next.js server starts (instrumentation.ts): secrets, database,
 * migrations, regions, and — for `npm run demo` — the demo accounts. Background work (audit
 * checkpoints included) runs in worker processes (`npx jangkau worker`, started by scripts/serve.ts).
 */
export async function startApp(): Promise<void> {
  const log = (message: string) => console.log(`[jangkau] ${message}`);
  // First: a bad value stops the start here, with every problem named at once.
  const settings = config();
  // next-auth reads these two from the environment itself: generated or derived ones go there.
  process.env.NEXTAUTH_SECRET ||= readOrCreateLocalSecret(dataDir(), "auth-secret");
  process.env.NEXTAUTH_URL ||= `http://localhost:${settings.PORT}`;
  // Nothing writes to the environment after this: requests read the settings without it.
  settleConfig();
  // A typo in the proxy list must stop the start, not fail every request afterwards.
  const proxies = trustedProxies();
  if (proxies.rules.length > 0) log(`Proksi tepercaya (X-Forwarded-For dibaca dari): ${proxies.rules.join(", ")}`);
  await prepareDatabase({ log });
  const replicaLine = await describeReplicaAtStart();
  if (replicaLine) log(replicaLine);
  // Exports this server (or a CLI) was writing when it was killed end in the trail as failed.
  const interrupted = await failInterruptedExports();
  if (interrupted) log(`${interrupted} ekspor prospek yang terputus dicatat gagal di jejak audit.`);
  if (settings.JANGKAU_DEMO) {
    const demo = await seedDemo({ log });
    await seedDemoData({ log });
    console.log(["", "  Jangkau demo siap: " + config().NEXTAUTH_URL, "", ...demoSignInLines(demo), ""].join("\n"));
  }
}
