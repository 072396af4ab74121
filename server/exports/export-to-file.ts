import "server-only";
import { createWriteStream, readFileSync } from "node:fs";
import { readdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";

/**
 * Writes an export into the file `out` (`jangkau export leads --out …`): beside the target as
 * `.<name>.<pid>.part`, owner-only (it holds contact details), renamed to `out` only once `write`
 * — the export and its audit record — succeeded. An export that fails for any reason, a stalled
 * disk included (the watchdog in server/exports/cursor-export.ts fails it), leaves no file behind:
 * its `.part` is removed; one whose process was killed is removed by the next export to the
 * same target.
 */
export async function exportToFile<T>(out: string, write: (output: Writable) => Promise<T>): Promise<T> {
  await removeDeadPartials(out);
  const partial = path.join(path.dirname(out), `.${path.basename(out)}.${process.pid}.part`);
  const file = createWriteStream(partial, { flags: "wx", mode: 0o600 });
  try {
    const result = await write(file);
    await rename(partial, out);
    return result;
  } catch (error) {
    file.destroy();
    await finished(file).catch(() => undefined);
    await rm(partial, { force: true });
    throw error;
  }
}

/**
 * Partial files of earlier exports to the same target whose process is gone (killed before it
 * could clean up): they hold contact details nobody will ever complete, so they go now.
 */
async function removeDeadPartials(out: string): Promise<void> {
  const prefix = `.${path.basename(out)}.`;
  const names = await readdir(path.dirname(out)).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith(".part")) continue;
    const pid = Number(name.slice(prefix.length, -".part".length));
    if (Number.isInteger(pid) && pid > 0 && !processAlive(pid)) await rm(path.join(path.dirname(out), name), { force: true });
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: alive, someone else's.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  // A killed process whose parent died too stays a zombie until an init reaps it, and a
  // container's first process often never does: signal 0 still finds it, but it writes nothing.
  return !isZombie(pid);
}

function isZombie(pid: number): boolean {
  try {
    // /proc/<pid>/stat: "pid (comm) state …"; comm may hold spaces and parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) === "Z";
  } catch {
    return false;
  }
}
