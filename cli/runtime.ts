import path from "node:path";
import { config } from "@/server/config.ts";
import { disconnectDb } from "@/server/db/client.ts";
import { closeJobQueue } from "@/server/jobs/job-queue.ts";
import { connectDatabase, type DatabaseConnections, prepareDatabase, type PreparedDatabase } from "@/server/db/database.ts";
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
let connected: DatabaseConnections | null = null;

/**
 * Opens the same database the app uses (DATABASE_URL or the embedded one in the data folder),
 * migrated. An embedded server this command had to start is stopped again when it ends.
 * `requireOwner`: the command needs the owner role (DATABASE_OWNER_URL in production).
 */
export async function openDatabase(options: { quiet?: boolean; requireOwner?: boolean } = {}): Promise<PreparedDatabase> {
  if (!prepared) {
    prepared = await prepareDatabase({ log: options.quiet ? undefined : (m) => console.error(m), requireOwner: options.requireOwner });
    // As the app does at start: exports a killed process was writing end in the trail as failed.
    await failInterruptedExports();
  }
  // A server started by openConnections() earlier in this command is still ours to stop.
  connected ??= prepared;
  return prepared;
}

/** The database's connections without migrating or loading anything (restore fills an empty one). */
export async function openConnections(options: { quiet?: boolean } = {}): Promise<DatabaseConnections> {
  connected ??= await connectDatabase({ log: options.quiet ? undefined : (m) => console.error(m) });
  return connected;
}

export async function closeCli(): Promise<void> {
  await closeJobQueue();
  await disconnectDb();
  if (connected?.embedded?.startedHere) await connected.embedded.stop();
}

/** A path the user typed, relative to where they ran `npx jangkau`. */
export function userPath(file: string): string {
  return path.resolve(config().JANGKAU_CALLER_CWD ?? process.cwd(), file);
}

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
