/**
 * The production server as the HTTP benchmarks (`bench:load`, `bench:leads`) use it: started
 * through scripts/serve.ts (`next build` when sources changed, then `next start`) against a
 * benchmark database on loopback, with accounts made by the app's own `createUser` and signed in
 * through next-auth's credentials endpoint, each keeping its session cookie.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { generate } from "otplib";
import type { Role } from "../../lib/permissions.ts";
import { SYSTEM_ACTOR } from "../../server/audit/system-actor.ts";
import { newTotpSecret, sealTotpSecret } from "../../server/auth/totp.ts";
import { db } from "../../server/db/client.ts";
import { createUser } from "../../server/users/create-user.ts";

// One key for this process and the server it starts: an admin's authenticator secret is sealed
// here and opened there.
process.env.JANGKAU_SECRET_KEY ||= randomBytes(32).toString("base64");
/** Authenticator secrets of the accounts that have one (admins must), by user name. */
const totpSecrets = new Map<string, string>();
const root = path.resolve(import.meta.dirname, "../..");

export interface BenchServer {
  /** `http://127.0.0.1:<port>` */
  base: string;
  /** The process id of scripts/serve.ts (the Next server and the worker are its children), or of the Next server when profiled. */
  pid: number;
  /** Signs a benchmark account in; returns its Cookie header. */
  signIn(username: string, password: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * One account, created as an admin would; returns its id. An admin must sign in with a second
 * factor, so the bench enrols its admin's authenticator with a secret it keeps and computes the
 * code at sign-in.
 */
export async function createBenchUser(username: string, role: Role, regionCodes: string[], password: string): Promise<string> {
  const user = await createUser({
    input: { username, name: `Bench ${username}`, role, regionCodes, password },
    actor: SYSTEM_ACTOR,
    context: { ip: null, userAgent: "bench", requestId: null },
  });
  if (role === "ADMIN") {
    const secret = newTotpSecret();
    await db.user.update({ where: { id: user.id }, data: { totpSecret: sealTotpSecret(user.id, secret), totpEnabledAt: new Date() } });
    totpSecrets.set(username, secret);
  }
  return user.id;
}

/**
 * Starts scripts/serve.ts on `port` against `databaseUrl` (the app role's), its data and storage
 * folders under `work`, matching after imports off, and waits until it answers.
 */
export async function startBenchServer({
  databaseUrl,
  work,
  port,
  cpuProfileDir,
  webProcesses = 1,
}: {
  databaseUrl: string;
  work: string;
  port: number;
  /** Copies of the web app on the port (JANGKAU_WEB_PROCESSES). */
  webProcesses?: number;
  /**
   * Runs the Next server alone (scripts/next-server.mjs, no worker, no build: the app must be
   * built) under `--cpu-prof`, which NODE_OPTIONS does not accept; the profile is written into
   * this folder when it stops.
   */
  cpuProfileDir?: string;
}): Promise<BenchServer> {
  const base = `http://127.0.0.1:${port}`;
  const appDir = path.join(work, "app");
  await mkdir(appDir, { recursive: true });
  let stopping = false;
  const command = cpuProfileDir
    ? ["--cpu-prof", `--cpu-prof-dir=${cpuProfileDir}`, path.join(root, "scripts", "next-server.mjs")]
    : ["--conditions=react-server", "--import", "tsx", path.join(root, "scripts", "serve.ts")];
  const child: ChildProcess = spawn(process.execPath, command, {
    cwd: root,
    // A process group of its own: nothing aimed at the benchmark's group reaches the server.
    detached: true,
    stdio: ["ignore", "inherit", "inherit"],
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      JANGKAU_HOST: "127.0.0.1",
      NEXTAUTH_URL: base,
      JANGKAU_DATA_DIR: appDir,
      JANGKAU_STORAGE_DIR: path.join(work, "storage"),
      JANGKAU_MATCH_AFTER_IMPORT: "off",
      JANGKAU_WEB_PROCESSES: String(webProcesses),
      NEXT_TELEMETRY_DISABLED: "1",
      ...(cpuProfileDir && { NODE_ENV: "production" }),
    },
  });
  child.on("exit", (code, signal) => {
    if (!stopping) console.error(`  the server stopped during the run (exit code ${code}, signal ${signal})`);
  });
  const stop = async () => {
    stopping = true;
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
  };

  const deadline = Date.now() + 600_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error("the server stopped before it answered");
    if (await fetch(`${base}/masuk`).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error("the server did not answer within 10 minutes");
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return { base, pid: child.pid!, signIn: (username, password) => signIn(base, username, password), stop };
}

/** Signs in through next-auth's credentials endpoint, as the sign-in page does; returns the Cookie header. */
async function signIn(base: string, username: string, password: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair!.indexOf("=");
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
  };
  keep(csrf);
  const secret = totpSecrets.get(username);
  const code: Record<string, string> = secret ? { code: await generate({ secret, epoch: Math.floor(Date.now() / 1000) }) } : {};
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar) },
    body: new URLSearchParams({ csrfToken, username, password, ...code, callbackUrl: "/", json: "true" }),
  });
  keep(response);
  if (![...jar.keys()].some((name) => name.endsWith("next-auth.session-token"))) throw new Error(`sign-in of ${username} failed: HTTP ${response.status}`);
  return cookieHeader(jar);
}

function cookieHeader(jar: Map<string, string>): string {
  return [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
}

/**
 * The client router's RSC request for `path`: Next answers an RSC request without its
 * cache-busting `_rsc` parameter with a redirect to the URL that has it, which the router never
 * follows because it always sends it. The parameter depends on the request's router headers, not
 * on the path, so it is learnt once from that redirect and added to every later request.
 */
export async function rscPathMaker(base: string, cookie: string): Promise<(path: string) => string> {
  const response = await fetch(`${base}/prospek`, { headers: { cookie, rsc: "1" }, redirect: "manual" });
  await response.arrayBuffer();
  const location = response.headers.get("location");
  const param = location ? new URL(location, base).searchParams.get("_rsc") : null;
  return (path) => (param === null ? path : `${path}${path.includes("?") ? "&" : "?"}_rsc=${encodeURIComponent(param)}`);
}

/** The p-th percentile of ascending `sorted` (nearest rank); NaN when empty. */
export function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN;
}
