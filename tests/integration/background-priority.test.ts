import { spawn } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { BACKGROUND_NICENESS, runAsBackgroundBackend } from "@/server/db/background-backend.ts";
import { openExportSnapshot } from "@/server/exports/cursor-export.ts";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../support/throwaway-database.ts";

let privateDb: ThrowawayDatabase;

beforeAll(async () => {
  // A database of its own: the worker must not take other test files' jobs.
  privateDb = await createThrowawayDatabase("bgprio");
});

afterAll(async () => {
  await privateDb?.drop();
});

/** Niceness of a process and of each of its threads (field 19 of /proc/…/stat). */
async function nicenessOf(pid: number): Promise<number[]> {
  const threads = await readdir(`/proc/${pid}/task`);
  return Promise.all(threads.map(async (tid) => Number((await readFile(`/proc/${pid}/task/${tid}/stat`, "utf8")).split(") ")[1]!.split(" ")[16])));
}

describe.runIf(process.platform === "linux")("background work", () => {
  it("`jangkau worker` runs its command at niceness 10, every thread of it, so pages get the CPU first", async () => {
    const wrapper = spawn(process.execPath, ["cli/bin.mjs", "worker"], {
      env: { ...process.env, DATABASE_URL: privateDb.url },
      stdio: ["ignore", "ignore", "ignore"],
    });
    try {
      let command: number | undefined;
      const deadline = Date.now() + 20_000;
      while (command === undefined && Date.now() < deadline) {
        const children = await readFile(`/proc/${wrapper.pid}/task/${wrapper.pid}/children`, "utf8").catch(() => "");
        command = children.trim() ? Number(children.trim().split(/\s+/)[0]) : undefined;
        if (command === undefined) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(command).toBeDefined();
      // Give it time to start its threads (V8's helpers, libuv's pool) before looking at them.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const niceness = await nicenessOf(command!);
      expect(niceness.length).toBeGreaterThan(1);
      expect(new Set(niceness)).toEqual(new Set([10]));
    } finally {
      wrapper.kill("SIGTERM");
      await new Promise((resolve) => wrapper.once("exit", resolve));
    }
  });
});

/**
 * Bulk work on a connection of its own (an export's snapshot, an import's COPY) yields the CPU
 * to page requests when PostgreSQL runs on this machine: the backend process serving it is
 * reniced to the background level, and it starts no parallel workers (processes that would keep
 * the normal priority). The suite's embedded server is local.
 */
describe.runIf(process.platform === "linux")("background database sessions", () => {
  const opened: pg.Client[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((client) => client.end().catch(() => undefined)));
  });

  async function connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    opened.push(client);
    await client.connect();
    return client;
  }

  async function backendNiceness(client: pg.Client): Promise<number> {
    const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
    const [niceness] = await nicenessOf(rows[0]!.pid);
    return niceness!;
  }

  const parallelWorkers = async (client: pg.Client) =>
    (await client.query<{ n: string }>("SELECT current_setting('max_parallel_workers_per_gather') AS n")).rows[0]!.n;

  it("run at the background niceness without parallel workers, while other sessions keep both", async () => {
    const bulk = await connect();
    const page = await connect();
    await runAsBackgroundBackend(bulk);
    expect(await backendNiceness(bulk)).toBe(BACKGROUND_NICENESS);
    expect(await parallelWorkers(bulk)).toBe("0");
    expect(await backendNiceness(page)).toBe(0);
    expect(await parallelWorkers(page)).not.toBe("0");
  });

  it("is how an export's snapshot runs", async () => {
    const snapshot = await openExportSnapshot();
    opened.push(snapshot);
    expect(await backendNiceness(snapshot)).toBe(BACKGROUND_NICENESS);
    expect(await parallelWorkers(snapshot)).toBe("0");
  });
});
