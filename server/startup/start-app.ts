import "server-only";
import { dataDir, prepareDatabase } from "@/server/db/database.ts";
import { seedDemo } from "@/server/demo/seed-demo.ts";
import { seedDemoData } from "@/server/demo/seed-demo-data.ts";
import { failInterruptedExports } from "@/server/leads/fail-interrupted-exports.ts";
import { readOrCreateLocalSecret } from "./local-secrets.ts";

/**
 * Runs once when the Next.js server starts (instrumentation.ts): secrets, database,
 * migrations, regions, and — for `npm run demo` — the demo accounts.
 */
export async function startApp(): Promise<void> {
  const log = (message: string) => console.log(`[jangkau] ${message}`);
  process.env.NEXTAUTH_SECRET ||= readOrCreateLocalSecret(dataDir(), "auth-secret");
  process.env.NEXTAUTH_URL ||= `http://localhost:${process.env.PORT || 3000}`;
  await prepareDatabase({ log });
  // Exports this server (or a CLI) was writing when it was killed end in the trail as failed.
  const interrupted = await failInterruptedExports();
  if (interrupted) log(`${interrupted} ekspor prospek yang terputus dicatat gagal di jejak audit.`);
  if (process.env.JANGKAU_DEMO === "1") {
    const demo = await seedDemo({ log });
    await seedDemoData({ log });
    printDemoSignIns(demo.password, demo.usernames);
  }
}

function printDemoSignIns(password: string, usernames: { username: string; description: string }[]): void {
  const lines = [
    "",
    "  Jangkau demo siap: " + process.env.NEXTAUTH_URL,
    "",
    "  Akun demo (kata sandi sama untuk semua):",
    ...usernames.map((u) => `    ${u.username.padEnd(11)} ${u.description}`),
    `  Kata sandi: ${password}`,
    "",
  ];
  console.log(lines.join("\n"));
}
