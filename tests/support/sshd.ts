import { execFile, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export const SSHD_PATH = "/usr/sbin/sshd";

/** A real OpenSSH server on a loopback port, with a throwaway config, host key and user. */
export interface TestSshd {
  host: "127.0.0.1";
  port: number;
  username: string;
  password: string;
  /** OpenSSH private key (ed25519, encrypted with `clientKeyPassphrase`) whose public half is authorized. */
  clientKey: string;
  clientKeyPath: string;
  clientKeyPassphrase: string;
  /** `SHA256:…` of the server's host key, as `ssh-keygen -l -E sha256` prints it. */
  hostKeyFingerprint: string;
  /** The user's home (the SFTP session starts here): tests put the partner's files in it. */
  filesDir: string;
  /** Everything sshd wrote to stderr so far (LogLevel VERBOSE: accepted/failed logins). */
  log(): string;
  stop(): Promise<void>;
}

/**
 * Starts Debian's OpenSSH sshd as root on 127.0.0.1 with a config of its own in a temp folder:
 * a fresh ed25519 host key, a throwaway system user (random name and password, no shell, the
 * only one `AllowUsers` admits) whose authorized key is a fresh passphrase-protected ed25519
 * key, SFTP only (`ForceCommand internal-sftp`), `UsePAM no` and `StrictModes no`.
 * `stop()` ends the server and removes the user and the folder.
 */
export async function startTestSshd(): Promise<TestSshd> {
  if (!existsSync(SSHD_PATH)) {
    throw new Error(
      `OpenSSH server not found at ${SSHD_PATH}. The SFTP tests run against a real sshd: install it with ` +
        "`apt-get install -y openssh-server` (as .ci/run does), then run the tests again.",
    );
  }
  if (process.getuid?.() !== 0) {
    throw new Error("The SFTP tests start sshd and create a throwaway user: run them as root (as CI does).");
  }

  const dir = await mkdtemp(path.join(tmpdir(), "jangkau-sshd-"));
  // sshd reads authorized_keys as the user, who must also reach the files folder.
  await chmod(dir, 0o755);
  const filesDir = path.join(dir, "files");
  await mkdir(filesDir, { mode: 0o755 });
  await chmod(filesDir, 0o755);
  // The privilege-separation folder sshd insists on (absent in containers that never ran it).
  await mkdir("/run/sshd", { recursive: true, mode: 0o755 });

  const hostKeyPath = path.join(dir, "ssh_host_ed25519_key");
  const clientKeyPath = path.join(dir, "client_ed25519");
  const clientKeyPassphrase = `frasa-${randomBytes(6).toString("hex")}`;
  await run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "jangkau-test-host", "-f", hostKeyPath]);
  await run("ssh-keygen", ["-q", "-t", "ed25519", "-N", clientKeyPassphrase, "-C", "jangkau-test-client", "-f", clientKeyPath]);
  const { stdout: fingerprintLine } = await run("ssh-keygen", ["-l", "-E", "sha256", "-f", `${hostKeyPath}.pub`]);
  const hostKeyFingerprint = /SHA256:[A-Za-z0-9+/]{43}/.exec(fingerprintLine)?.[0];
  if (!hostKeyFingerprint) throw new Error(`Unexpected ssh-keygen -l output: ${fingerprintLine}`);
  const authorizedKeys = path.join(dir, "authorized_keys");
  await writeFile(authorizedKeys, await readFile(`${clientKeyPath}.pub`), { mode: 0o644 });

  // A user of its own per run: random name and password, so parallel runs never share one and a
  // user left behind by a crashed run opens nothing guessable.
  const username = `jsftp${randomBytes(4).toString("hex")}`;
  const password = `sandi-${randomBytes(12).toString("base64url")}`;
  await run("useradd", ["--system", "--no-create-home", "--home-dir", filesDir, "--shell", "/usr/sbin/nologin", username]);
  const removeUser = () => run("userdel", [username]).then(() => undefined, () => undefined);
  try {
    await runWithInput("chpasswd", [], `${username}:${password}\n`);

    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const configPath = path.join(dir, "sshd_config");
      await writeFile(
        configPath,
        [
          `ListenAddress 127.0.0.1`,
          `Port ${port}`,
          `HostKey ${hostKeyPath}`,
          `PidFile ${path.join(dir, "sshd.pid")}`,
          "UsePAM no",
          "StrictModes no",
          "PasswordAuthentication yes",
          "KbdInteractiveAuthentication no",
          "PubkeyAuthentication yes",
          `AuthorizedKeysFile ${authorizedKeys}`,
          `AllowUsers ${username}`,
          "Subsystem sftp internal-sftp",
          "ForceCommand internal-sftp",
          "AllowTcpForwarding no",
          "AllowAgentForwarding no",
          "X11Forwarding no",
          "PermitTunnel no",
          "LogLevel VERBOSE",
          "",
        ].join("\n"),
      );
      const started = await spawnSshd(configPath, port);
      if ("child" in started) {
        const { child, log } = started;
        return {
          host: "127.0.0.1",
          port,
          username,
          password,
          clientKey: await readFile(clientKeyPath, "utf8"),
          clientKeyPath,
          clientKeyPassphrase,
          hostKeyFingerprint,
          filesDir,
          log,
          async stop() {
            if (child.exitCode === null) {
              const exited = new Promise((resolve) => child.once("exit", resolve));
              child.kill("SIGTERM");
              await exited;
            }
            await removeUser();
            await rm(dir, { recursive: true, force: true });
          },
        };
      }
      // Another process took the port between our probe and sshd's bind: try another.
      if (attempt < 3 && /Address already in use/i.test(started.error)) continue;
      throw new Error(`sshd did not start:\n${started.error}`);
    }
  } catch (error) {
    await removeUser();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Runs sshd in the foreground (-D), logging to stderr (-e); resolves once it listens. */
function spawnSshd(configPath: string, port: number): Promise<{ child: ChildProcess; log: () => string } | { error: string }> {
  return new Promise((resolve) => {
    const child = spawn(SSHD_PATH, ["-D", "-e", "-f", configPath], { stdio: ["ignore", "ignore", "pipe"] });
    let output = "";
    let settled = false;
    const timer = setTimeout(() => finish({ error: `no "Server listening" within 10 s:\n${output}` }), 10_000);
    const finish = (value: { child: ChildProcess; log: () => string } | { error: string }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if ("error" in value && child.exitCode === null) child.kill("SIGKILL");
      resolve(value);
    };
    child.stderr!.setEncoding("utf8");
    child.stderr!.on("data", (chunk: string) => {
      output += chunk;
      if (output.includes(`Server listening on 127.0.0.1 port ${port}`)) finish({ child, log: () => output });
    });
    child.once("error", (error) => finish({ error: error.message }));
    child.once("exit", (code) => finish({ error: `sshd exited with ${code}:\n${output}` }));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function runWithInput(command: string, args: string[], input: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["pipe", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}: ${stderr}`))));
    child.stdin.end(input);
  });
}
