import "server-only";
import { execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, chown, mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { postgresBinaries } from "./postgres-binaries.ts";
import { APP_ROLE, ensureAppLoginRole } from "./roles.ts";

const run = promisify(execFile);

/**
 * The superuser and database Jangkau creates inside its embedded cluster. The superuser is the
 * owner role here: it owns the database and runs migrations, backups and restores; the app
 * connects as APP_ROLE.
 */
const DB_USER = "jangkau";
const DB_NAME = "jangkau";

export interface EmbeddedPostgres {
  /** The app role's connection (owns nothing; see server/db/roles.ts). */
  url: string;
  /** The owner's connection: migrations, backup and restore only. */
  ownerUrl: string;
  port: number;
  /** True when this process started the server (and should stop it on exit). */
  startedHere: boolean;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Folder holding the cluster (`<dataDir>/pg`) and its credentials. */
  dataDir: string;
  /** Preferred port; a free one is chosen when it is taken. */
  port?: number;
  log?: (message: string) => void;
}

/**
 * Starts (or finds already running) the embedded PostgreSQL whose data lives in `dataDir`.
 * The server is started with pg_ctl, so it is a daemon that the app, the CLI and tests can share;
 * whoever started it stops it.
 */
export async function ensureEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const log = options.log ?? (() => {});
  const dataDir = path.resolve(/*turbopackIgnore: true*/ options.dataDir);
  const clusterDir = path.join(/*turbopackIgnore: true*/ dataDir, "pg");
  await mkdir(/*turbopackIgnore: true*/ dataDir, { recursive: true, mode: 0o700 });
  const password = await readOrCreatePassword(dataDir);
  const runAs = await osUserForPostgres(dataDir);

  if (!existsSync(/*turbopackIgnore: true*/ path.join(/*turbopackIgnore: true*/ clusterDir, "PG_VERSION"))) {
    log(`Menyiapkan PostgreSQL tertanam di ${clusterDir} …`);
    await initCluster(clusterDir, password, runAs);
  }

  let port = await runningPort(clusterDir, runAs);
  let startedHere = false;
  if (port === null) {
    port = await freePort(options.port ?? 54329);
    await pgCtl(runAs, [
      "start", "-w", "-t", "60", "-D", clusterDir, "-l", path.join(/*turbopackIgnore: true*/ clusterDir, "server.log"),
      "-o", `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''`,
    ]);
    startedHere = true;
    log(`PostgreSQL tertanam berjalan di 127.0.0.1:${port}`);
  }

  const adminUrl = connectionUrl(DB_USER, port, password, "postgres");
  // Data folders from before the role split get the app role on their next start.
  const appPasswordIsNew = !existsSync(/*turbopackIgnore: true*/ path.join(/*turbopackIgnore: true*/ dataDir, "pg-app-password"));
  const appPassword = await readOrCreatePassword(dataDir, "pg-app-password");
  await createDatabaseAndAppRole(adminUrl, appPassword, appPasswordIsNew);
  return {
    url: connectionUrl(APP_ROLE, port, appPassword, DB_NAME),
    ownerUrl: connectionUrl(DB_USER, port, password, DB_NAME),
    port,
    startedHere,
    stop: () => stopEmbeddedPostgres(dataDir),
  };
}

export async function stopEmbeddedPostgres(dataDir: string): Promise<void> {
  const clusterDir = path.join(/*turbopackIgnore: true*/ path.resolve(/*turbopackIgnore: true*/ dataDir), "pg");
  if (!existsSync(/*turbopackIgnore: true*/ path.join(/*turbopackIgnore: true*/ clusterDir, "postmaster.pid"))) return;
  const runAs = await osUserForPostgres(path.resolve(/*turbopackIgnore: true*/ dataDir));
  await pgCtl(runAs, ["stop", "-w", "-m", "fast", "-D", clusterDir]).catch(() => undefined);
}

/** Removes a throwaway cluster (tests). */
export async function destroyEmbeddedPostgres(dataDir: string): Promise<void> {
  await stopEmbeddedPostgres(dataDir);
  await rm(/*turbopackIgnore: true*/ dataDir, { recursive: true, force: true });
}

function connectionUrl(user: string, port: number, password: string, database: string): string {
  return `postgresql://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

async function readOrCreatePassword(dataDir: string, name = "pg-password"): Promise<string> {
  const file = path.join(/*turbopackIgnore: true*/ dataDir, name);
  if (existsSync(/*turbopackIgnore: true*/ file)) return (await readFile(/*turbopackIgnore: true*/ file, "utf8")).trim();
  const password = randomBytes(24).toString("base64url");
  try {
    // Exclusive create: of two processes starting together, both end up with the same password.
    await writeFile(/*turbopackIgnore: true*/ file, password + "\n", { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as { code?: string }).code !== "EEXIST") throw error;
    return (await readFile(/*turbopackIgnore: true*/ file, "utf8")).trim();
  }
  return password;
}

interface RunAs {
  uid: number;
  gid: number;
  user: string;
}

/**
 * PostgreSQL refuses to run as root; our machines and CI run as root, so the server then runs
 * as the `postgres` OS user (created when missing), which must be able to reach the binaries
 * in node_modules and the data folder.
 */
async function osUserForPostgres(dataDir: string): Promise<RunAs | null> {
  if (process.getuid?.() !== 0) return null;
  let ids = await lookupUser("postgres");
  if (!ids) {
    await run("useradd", ["--system", "--user-group", "--no-create-home", "postgres"]);
    ids = await lookupUser("postgres");
    if (!ids) throw new Error("Pengguna OS 'postgres' tidak dapat dibuat.");
  }
  await allowTraversal(dataDir);
  await allowTraversal(path.dirname((await postgresBinaries()).pg_ctl));
  await chown(/*turbopackIgnore: true*/ dataDir, ids.uid, ids.gid);
  return { ...ids, user: "postgres" };
}

async function lookupUser(name: string): Promise<{ uid: number; gid: number } | null> {
  try {
    const { stdout } = await run("id", ["-u", name]);
    const { stdout: gid } = await run("id", ["-g", name]);
    return { uid: Number(stdout.trim()), gid: Number(gid.trim()) };
  } catch {
    return null;
  }
}

/** Adds the search (x) bit for others on every parent folder that lacks it; read stays closed. */
async function allowTraversal(target: string): Promise<void> {
  let dir = path.dirname(target);
  while (dir !== path.dirname(dir)) {
    const { mode } = await stat(/*turbopackIgnore: true*/ dir);
    if ((mode & 0o001) === 0) await chmod(/*turbopackIgnore: true*/ dir, mode | 0o001);
    dir = path.dirname(dir);
  }
}

async function initCluster(clusterDir: string, password: string, runAs: RunAs | null): Promise<void> {
  await mkdir(/*turbopackIgnore: true*/ clusterDir, { recursive: true, mode: 0o700 });
  const pwFile = path.join(/*turbopackIgnore: true*/ path.dirname(clusterDir), `.pwfile-${process.pid}`);
  await writeFile(/*turbopackIgnore: true*/ pwFile, password + "\n", { mode: 0o600 });
  try {
    if (runAs) {
      await chown(/*turbopackIgnore: true*/ clusterDir, runAs.uid, runAs.gid);
      await chown(/*turbopackIgnore: true*/ pwFile, runAs.uid, runAs.gid);
    }
    await runBinary(runAs, (await postgresBinaries()).initdb, [
      "-D", clusterDir, "-U", DB_USER, `--pwfile=${pwFile}`, "--auth=scram-sha-256",
      "--encoding=UTF8", "--locale=C.UTF-8", "--no-instructions",
    ]);
  } finally {
    await rm(/*turbopackIgnore: true*/ pwFile, { force: true });
  }
}

async function runningPort(clusterDir: string, runAs: RunAs | null): Promise<number | null> {
  const pidFile = path.join(/*turbopackIgnore: true*/ clusterDir, "postmaster.pid");
  if (!existsSync(/*turbopackIgnore: true*/ pidFile)) return null;
  try {
    await pgCtl(runAs, ["status", "-D", clusterDir]);
  } catch {
    return null; // stale pid file after a crash: pg_ctl start copes with it
  }
  // postmaster.pid line 4 is the port (PostgreSQL's documented file layout).
  const lines = (await readFile(/*turbopackIgnore: true*/ pidFile, "utf8")).split("\n");
  const port = Number(lines[3]);
  return Number.isInteger(port) && port > 0 ? port : null;
}

async function pgCtl(runAs: RunAs | null, args: string[]): Promise<void> {
  return runBinary(runAs, (await postgresBinaries()).pg_ctl, args);
}

function runBinary(runAs: RunAs | null, binary: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    // pg_ctl leaves the server running after it exits: detach it from our stdio so the
    // daemon never holds the caller's pipes open.
    const child = spawn(binary, args, {
      stdio: ["ignore", "pipe", "pipe"],
      uid: runAs?.uid,
      gid: runAs?.gid,
      env: { ...process.env, LC_ALL: "C.UTF-8" },
      cwd: "/",
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${path.basename(binary)} ${args[0]} gagal (kode ${code}): ${output.trim()}`));
    });
  });
}

async function freePort(preferred: number): Promise<number> {
  if (await portIsFree(preferred)) return preferred;
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : preferred));
    });
  });
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

async function createDatabaseAndAppRole(adminUrl: string, appPassword: string, appPasswordIsNew: boolean): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    try {
      const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [DB_NAME]);
      if (!rowCount) await client.query(`CREATE DATABASE ${DB_NAME}`);
    } catch (error) {
      // Two processes starting together may both try; the loser sees duplicate_database.
      if ((error as { code?: string }).code !== "42P04") throw error;
    }
    await ensureAppLoginRole(client, appPassword, { resetPassword: appPasswordIsNew });
  } finally {
    await client.end();
  }
}
