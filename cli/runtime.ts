import path from "node:path";
import { disconnectDb } from "@/server/db/client.ts";
import { prepareDatabase, type PreparedDatabase } from "@/server/db/database.ts";
import { failInterruptedExports } from "@/server/leads/fail-interrupted-exports.ts";
import type { RequestContext } from "@/server/http/request-context.ts";

/** What audit events of CLI commands record about "the request". */
export const CLI_CONTEXT: RequestContext = Object.freeze({ ip: null, userAgent: "jangkau-cli", requestId: null });

/**
 * Reports invalid command-line input: on stderr, and with `--json` as the summary line
 * (`status: "invalid"`); exit code 2.
 */
export function invalidInput(message: string, options: { json?: boolean }): void {
  if (options.json) console.log(JSON.stringify({ status: "invalid", message }));
  console.error(`Masukan tidak valid: ${message}`);
  process.exitCode = 2;
}

let prepared: PreparedDatabase | null = null;

/**
 * Opens the same database the app uses (DATABASE_URL or the embedded one in the data folder),
 * migrated. An embedded server this command had to start is stopped again when it ends.
 */
export async function openDatabase(options: { quiet?: boolean } = {}): Promise<PreparedDatabase> {
  if (!prepared) {
    prepared = await prepareDatabase({ log: options.quiet ? undefined : (m) => console.error(m) });
    // As the app does at start: exports a killed process was writing end in the trail as failed.
    await failInterruptedExports();
  }
  return prepared;
}

export async function closeCli(): Promise<void> {
  await disconnectDb();
  if (prepared?.embedded?.startedHere) await prepared.embedded.stop();
}

/** A path the user typed, relative to where they ran `npx jangkau`. */
export function userPath(file: string): string {
  return path.resolve(process.env.JANGKAU_CALLER_CWD || process.cwd(), file);
}

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
