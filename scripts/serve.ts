/**
 * `npm start` / `npm run demo`: builds the production app when the sources changed since the
 * last build, starts the app (scripts/next-server.mjs: `next start` plus the peer address every
 * audit record and throttle relies on) and one worker process (`jangkau worker`, the background
 * jobs: imports, matching, SFTP pulls…; JANGKAU_WORKER=off leaves it out, for a web server whose
 * workers run elsewhere), and on exit stops the embedded PostgreSQL it brought up.
 * The database itself is prepared inside the server (instrumentation.ts → server/startup).
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { config, ConfigError, type Config } from "../server/config.ts";
import { ensureEmbeddedPostgres, stopEmbeddedPostgres } from "../server/db/embedded-postgres.ts";

const root = path.resolve(import.meta.dirname, "..");
const demo = process.argv.includes("--demo");
// Every setting checked before anything starts: a typo stops here, naming the variable.
let settings: Config;
try {
  settings = config();
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
const port = String(settings.PORT);
const dataDir = path.resolve(root, settings.JANGKAU_DATA_DIR);
const stampFile = path.join(root, ".next", "jangkau-source-stamp");
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

function newestSourceMtime(): number {
  let newest = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === "generated" || entry.name.startsWith(".")) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else newest = Math.max(newest, statSync(full).mtimeMs);
    }
  };
  for (const dir of ["app", "components", "lib", "server", "prisma", "public"]) {
    if (existsSync(path.join(root, dir))) walk(path.join(root, dir));
  }
  for (const file of ["package-lock.json", "next.config.ts", "proxy.ts", "instrumentation.ts", "postcss.config.mjs"]) {
    if (existsSync(path.join(root, file))) newest = Math.max(newest, statSync(path.join(root, file)).mtimeMs);
  }
  return newest;
}

const sourceStamp = String(newestSourceMtime());
const built = existsSync(path.join(root, ".next", "BUILD_ID")) && existsSync(stampFile) && readFileSync(stampFile, "utf8") === sourceStamp;
if (!built) {
  console.log("[jangkau] Membangun aplikasi (next build)…");
  const result = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) process.exit(result.status ?? 1);
  writeFileSync(stampFile, sourceStamp);
}

const embedded = !settings.DATABASE_URL;
const alreadyRunning = embedded && existsSync(path.join(dataDir, "pg", "postmaster.pid"));
// Up before the server and the worker, so neither counts as the one that started it (and
// stops it when it ends): this script stops it once both have.
if (embedded) await ensureEmbeddedPostgres({ dataDir, port: settings.JANGKAU_DB_PORT });

const server = spawn(process.execPath, [path.join(root, "scripts", "next-server.mjs")], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, PORT: port, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", ...(demo ? { JANGKAU_DEMO: "1" } : {}) },
});

const withWorker = settings.JANGKAU_WORKER;
let worker: ChildProcess | null = null;
let stopping = false;

function startWorker(): void {
  worker = spawn(process.execPath, [path.join(root, "cli", "bin.mjs"), "worker"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  worker.on("exit", (code, signal) => {
    worker = null;
    if (stopping) return maybeFinish();
    // A worker that died (out of memory in a huge match) comes back; its job is handed back to
    // the queue by the next worker's heartbeat check.
    console.error(`[jangkau] Pekerja berhenti (kode ${code ?? "-"}, sinyal ${signal ?? "-"}); dimulai ulang dalam 5 detik.`);
    setTimeout(() => stopping || startWorker(), 5000);
  });
}
if (withWorker) startWorker();

let serverExit: { code: number | null } | null = null;
let requested = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    stopping = true;
    requested = true;
    server.kill(signal);
    worker?.kill(signal);
  });
}
server.on("exit", (code, signal) => {
  serverExit = { code };
  if (!stopping) {
    console.error(`[jangkau] Server berhenti (kode ${code ?? "-"}, sinyal ${signal ?? "-"}).`);
    stopping = true;
    worker?.kill("SIGTERM");
  }
  void maybeFinish();
});

let finishing = false;
async function maybeFinish(): Promise<void> {
  if (!serverExit || worker || finishing) return;
  finishing = true;
  if (embedded && !alreadyRunning) {
    console.log("[jangkau] Menghentikan PostgreSQL tertanam…");
    await stopEmbeddedPostgres(dataDir);
  }
  process.exit(requested ? 0 : (serverExit.code ?? 1));
}
