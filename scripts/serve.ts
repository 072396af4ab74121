/**
 * `npm start` / `npm run demo`: builds the production app when the sources changed since the
 * last build, starts the app (scripts/next-server.mjs: `next start` plus the peer address every
 * audit record and throttle relies on), and on exit stops the embedded PostgreSQL it brought up.
 * The database itself is prepared inside the server (instrumentation.ts → server/startup).
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { config, ConfigError, type Config } from "../server/config.ts";
import { stopEmbeddedPostgres } from "../server/db/embedded-postgres.ts";

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

const server = spawn(process.execPath, [path.join(root, "scripts", "next-server.mjs")], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, PORT: port, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", ...(demo ? { JANGKAU_DEMO: "1" } : {}) },
});

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    stopping = true;
    server.kill(signal);
  });
}
server.on("exit", async (code, signal) => {
  if (!stopping) console.error(`[jangkau] Server berhenti (kode ${code ?? "-"}, sinyal ${signal ?? "-"}).`);
  if (embedded && !alreadyRunning) {
    console.log("[jangkau] Menghentikan PostgreSQL tertanam…");
    await stopEmbeddedPostgres(dataDir);
  }
  process.exit(stopping ? 0 : (code ?? 1));
});
