import "server-only";
import { readFile } from "node:fs/promises";
import os from "node:os";
import type pg from "pg";

/**
 * Makes a connection's bulk work (an export's COPY, an import's COPY) yield the CPU to page
 * requests when PostgreSQL shares the machine with the web server — the embedded database of a
 * one-machine installation, and the benchmarks' machine: the backend process serving it gets the
 * niceness of the CLI's background commands (cli/bin.mjs), as the import's own process has.
 *
 * PostgreSQL serves each connection in a process of its own, whose title names the client's
 * address and port (`update_process_title`, on by default), so the process `pg_backend_pid()`
 * names is checked to be the one serving this very socket before it is touched. A remote server,
 * another user's server or a title that does not match leaves the priority as it is.
 *
 * The session also runs without parallel workers (BACKGROUND_SESSION_SETTINGS): they are
 * processes of their own that keep the normal priority, and a 200,000-row export's sort ran in
 * three of them on two cores — every page requested in its first seconds waited (in `bench:load`
 * 35–41 slow pages in those seconds with them, 10 without). Serial, the same export takes 2.6 s
 * instead of 2.0 s on a quiet machine.
 *
 * Only for a connection of its own that ends with the work: niceness cannot be lowered back
 * without privileges, and a pooled connection would carry it into a page's queries.
 */
export async function runAsBackgroundBackend(client: pg.Client): Promise<void> {
  for (const [name, value] of Object.entries(BACKGROUND_SESSION_SETTINGS)) await client.query(`SET ${name} = ${value}`);
  const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
  const pid = rows[0]?.pid;
  const socket = (client as unknown as { connection?: { stream?: { localPort?: number; remoteAddress?: string } } }).connection?.stream;
  if (!pid || !socket?.localPort || !isLoopback(socket.remoteAddress)) return;
  if (!(await servesSocket(pid, socket.localPort))) return;
  try {
    os.setPriority(pid, Math.max(os.getPriority(pid), BACKGROUND_NICENESS));
  } catch {
    // Not ours to renice (another user's server): it keeps its priority.
  }
}

/** How a background session runs its statements (also the export benchmark's floor, the same plan). */
export const BACKGROUND_SESSION_SETTINGS = { max_parallel_workers_per_gather: "0" } as const;

/** Niceness of background work: the usual "batch" level, which still gets every idle cycle. */
export const BACKGROUND_NICENESS = 10;

function isLoopback(address: string | undefined): boolean {
  return address === "127.0.0.1" || address === "::1" || address === "::ffff:127.0.0.1";
}

/** Whether process `pid` of this machine is a PostgreSQL backend serving the client port `port`. */
async function servesSocket(pid: number, port: number): Promise<boolean> {
  try {
    const title = (await readFile(`/proc/${pid}/cmdline`, "utf8")).replace(/\0/g, " ");
    return title.startsWith("postgres: ") && title.includes(`(${port})`);
  } catch {
    return false;
  }
}
