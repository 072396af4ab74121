/**
 * One instance running two web processes on one port (JANGKAU_WEB_PROCESSES=2), as production
 * runs one per core: both come up behind the one address, a signed-in user is served whichever
 * takes the request, one that dies is started again while the other keeps answering, and a stop
 * signal ends them all. The instance shares the suite's database and data folder, as a second
 * instance would.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { expect, test } from "@playwright/test";
import { authFile, E2E_PORT, e2eDataDir, repoRoot } from "./fixtures/e2e-env.ts";

const PORT = E2E_PORT + 2;
const URL = `http://localhost:${PORT}`;

test.use({ storageState: authFile("petugas") });

/** The processes the primary forked (its web processes). */
function webProcessesOf(primary: ChildProcess): number[] {
  try {
    return execFileSync("ps", ["-o", "pid=", "--ppid", String(primary.pid)], { encoding: "utf8" })
      .split("\n")
      .map((line) => Number(line.trim()))
      .filter((pid) => pid > 0);
  } catch {
    return []; // ps exits 1 when there is none
  }
}

test("two web processes share the port, one that dies comes back while the other serves, and a stop ends both", async ({ page, request, playwright }) => {
  test.setTimeout(180_000);
  const primary = spawn(process.execPath, ["scripts/next-server.mjs"], {
    cwd: repoRoot,
    stdio: ["ignore", "pipe", "inherit"],
    env: {
      ...process.env,
      JANGKAU_DATA_DIR: e2eDataDir(),
      DATABASE_URL: "",
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(PORT),
      NEXTAUTH_URL: URL,
      JANGKAU_WEB_PROCESSES: "2",
    },
  });
  let output = "";
  primary.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  try {
    await expect.poll(() => output, { timeout: 120_000 }).toContain(`Siap di http://localhost:${PORT} (2 proses web)`);
    const first = webProcessesOf(primary);
    expect(first).toHaveLength(2);

    // A signed-in page, several times over: whichever process takes it knows the session.
    for (let i = 0; i < 6; i++) {
      const answer = await request.get(`${URL}/prospek`);
      expect(answer.status()).toBe(200);
      expect(await answer.text()).toContain("Prospek");
    }

    // One process dies as an out-of-memory kill would end it: the other answers new connections
    // meanwhile (a connection the dead one held is gone with it, as for any crashed server).
    process.kill(first[0]!, "SIGKILL");
    const fresh = await playwright.request.newContext();
    for (let i = 0; i < 6; i++) expect((await fresh.get(`${URL}/api/health`)).ok()).toBe(true);
    await fresh.dispose();
    await expect.poll(() => webProcessesOf(primary).filter((pid) => pid !== first[0]), { timeout: 60_000 }).toHaveLength(2);
    await page.goto(`${URL}/prospek`);
    await expect(page.getByRole("heading", { level: 1, name: "Prospek" })).toBeVisible();

    const processes = webProcessesOf(primary);
    primary.kill("SIGTERM");
    const [code] = await once(primary, "exit");
    expect(code).toBe(0);
    expect(webProcessesOf(primary)).toEqual([]);
    for (const pid of processes) expect(() => process.kill(pid, 0)).toThrow();
  } finally {
    if (primary.exitCode === null && primary.signalCode === null) {
      primary.kill("SIGKILL");
      for (const pid of webProcessesOf(primary)) process.kill(pid, "SIGKILL");
    }
  }
});
