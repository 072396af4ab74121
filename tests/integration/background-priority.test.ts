import { spawn } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
