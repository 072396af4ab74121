import path from "node:path";
import { disconnectDb } from "@/server/db/client.ts";
import { prepareDatabase, type PreparedDatabase } from "@/server/db/database.ts";

let prepared: PreparedDatabase | null = null;

/**
 * Opens the same database the app uses (DATABASE_URL or the embedded one in the data folder),
 * migrated. An embedded server this command had to start is stopped again when it ends.
 */
export async function openDatabase(options: { quiet?: boolean } = {}): Promise<PreparedDatabase> {
  prepared ??= await prepareDatabase({ log: options.quiet ? undefined : (m) => console.error(m) });
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
