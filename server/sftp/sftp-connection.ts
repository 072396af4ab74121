import "server-only";
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import type SftpClientType from "ssh2-sftp-client";
import type { SftpAuthKind } from "@/lib/sftp.ts";
import { DomainError } from "@/server/errors.ts";
import type { SftpAuthSecret } from "./endpoint-secrets.ts";

// ssh2 carries an optional native addon that Turbopack cannot bundle, so both packages are
// loaded from node_modules at run time rather than bundled. (Listing "ssh2" and
// "ssh2-sftp-client" in next.config.ts `serverExternalPackages` would allow plain imports.)
const requireAtRuntime = createRequire(import.meta.url);
const SftpClient = requireAtRuntime(/*turbopackIgnore: true*/ "ssh2-sftp-client") as typeof SftpClientType;
const ssh2 = requireAtRuntime(/*turbopackIgnore: true*/ "ssh2") as typeof import("ssh2");
type SftpClient = SftpClientType;

/** Where and how to connect: an endpoint with its secret opened, held only for the connection. */
export interface SftpTarget {
  host: string;
  port: number;
  username: string;
  authKind: SftpAuthKind;
  secret: SftpAuthSecret;
  /** `SHA256:…`; when set, a server presenting any other host key is refused before authenticating. */
  hostKeySha256: string | null;
}

export type SftpConnectionErrorCode =
  | "host_key_mismatch"
  | "auth"
  | "bad_private_key"
  | "host_not_found"
  | "refused"
  | "timeout"
  | "remote_dir"
  | "secret_unreadable"
  | "other";

/** A connection that could not be made, or a folder that could not be read, in words an admin can act on. */
export class SftpConnectionError extends DomainError {
  constructor(
    readonly code: SftpConnectionErrorCode,
    message: string,
    /** The host key the server presented, when it got that far. */
    readonly presentedHostKey: string | null = null,
  ) {
    super(message);
    this.name = "SftpConnectionError";
  }
}

export interface SftpConnection {
  client: SftpClient;
  /** The fingerprint of the key the server presented (pinned or not). */
  hostKeySha256: string;
  end(): Promise<void>;
}

// A partner's server across a VPN answers in well under a second; 20 s leaves room for a slow
// link without hanging a button press for minutes.
const CONNECT_TIMEOUT_MS = 20_000;

/** OpenSSH's fingerprint of a host key blob: `SHA256:` + unpadded base64 of its SHA-256. */
export function hostKeyFingerprint(keyBlob: Buffer): string {
  return `SHA256:${createHash("sha256").update(keyBlob).digest("base64").replace(/=+$/, "")}`;
}

/** Null when the private key (with its passphrase) can be used; otherwise why not, in Indonesian. */
export function privateKeyProblem(privateKey: string, passphrase?: string): string | null {
  const parsed = ssh2.utils.parseKey(privateKey, passphrase || undefined);
  if (parsed instanceof Error) {
    return /passphrase|decrypt/i.test(parsed.message)
      ? "Kunci privat terenkripsi: frasa sandinya kosong atau salah."
      : "Kunci privat tidak dapat dibaca (gunakan format OpenSSH atau PEM, termasuk baris BEGIN/END).";
  }
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!key?.isPrivateKey()) return "Yang ditempel adalah kunci publik; isikan kunci privatnya.";
  return null;
}

/**
 * Opens an SFTP session. The host key is checked before any credential is sent: with a pinned
 * fingerprint, a different key ends the handshake (a replaced or intercepted server never sees
 * the password). Errors come back as SftpConnectionError, never carrying the secret.
 */
export async function connectSftp(target: SftpTarget): Promise<SftpConnection> {
  // (The key was checked when it was saved; parsing it again here would cost a second bcrypt
  // round for a passphrase-protected key. ssh2 reports a bad one below.)
  if (target.authKind === "KEY" && !target.secret.privateKey) throw new SftpConnectionError("bad_private_key", "Kunci privat belum tersimpan.");
  let presented: string | null = null;
  // The library's default listeners print to the console on every end/close; errors reach us
  // through the rejected promises instead.
  const quiet = () => undefined;
  const client = new SftpClient("jangkau-sftp", { error: quiet, end: quiet, close: quiet });
  try {
    await client.connect({
      host: target.host,
      port: target.port,
      username: target.username,
      ...(target.authKind === "PASSWORD"
        ? { password: target.secret.password ?? "" }
        : { privateKey: target.secret.privateKey, passphrase: target.secret.passphrase || undefined }),
      tryKeyboard: false,
      readyTimeout: CONNECT_TIMEOUT_MS,
      hostVerifier: (key: Buffer) => {
        presented = hostKeyFingerprint(key);
        return target.hostKeySha256 === null || presented === target.hostKeySha256;
      },
    });
  } catch (error) {
    await client.end().catch(() => undefined);
    throw describeConnectError(error, target, presented);
  }
  return {
    client,
    hostKeySha256: presented!,
    end: async () => {
      await client.end().catch(() => undefined);
    },
  };
}

function describeConnectError(error: unknown, target: SftpTarget, presented: string | null): SftpConnectionError {
  const where = `${target.host}:${target.port}`;
  if (presented !== null && target.hostKeySha256 !== null && presented !== target.hostKeySha256) {
    return new SftpConnectionError(
      "host_key_mismatch",
      `Koneksi ke ${where} ditolak: sidik jari kunci host server (${presented}) berbeda dengan yang disematkan (${target.hostKeySha256}). ` +
        "Server mungkin diganti atau koneksi disadap. Pastikan sidik jari baru langsung kepada mitra sebelum mengubahnya.",
      presented,
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  if (/authentication methods failed/i.test(message)) {
    return new SftpConnectionError("auth", `Server ${where} menolak nama pengguna atau ${target.authKind === "KEY" ? "kunci" : "kata sandi"}.`, presented);
  }
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") {
    return new SftpConnectionError("host_not_found", `Nama host ${target.host} tidak ditemukan.`, presented);
  }
  if (code === "ECONNREFUSED") {
    return new SftpConnectionError("refused", `Server ${where} menolak koneksi (port tertutup atau layanan SFTP mati).`, presented);
  }
  if (code === "ETIMEDOUT" || /timed out/i.test(message)) {
    return new SftpConnectionError("timeout", `Server ${where} tidak menjawab dalam ${CONNECT_TIMEOUT_MS / 1000} detik.`, presented);
  }
  if (/parse privateKey|passphrase/i.test(message)) {
    return new SftpConnectionError("bad_private_key", "Kunci privat tidak dapat dipakai (format atau frasa sandi salah).", presented);
  }
  return new SftpConnectionError("other", `Koneksi SFTP ke ${where} gagal: ${message.replace(/^connect: /, "").slice(0, 300)}`, presented);
}

export interface RemoteFile {
  name: string;
  /** POSIX path on the server: the folder and the name. */
  remotePath: string;
  size: number;
  /** Whole seconds, as SFTP reports it. */
  mtime: Date;
}

/** The regular files directly in `remoteDir` (no recursion, no links followed), oldest first. */
export async function listRemoteFiles(connection: SftpConnection, remoteDir: string): Promise<RemoteFile[]> {
  let entries: Awaited<ReturnType<SftpClient["list"]>>;
  try {
    entries = await connection.client.list(remoteDir);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new SftpConnectionError(
      "remote_dir",
      /no such file|not exist/i.test(message)
        ? `Folder "${remoteDir}" tidak ada di server.`
        : /permission denied/i.test(message)
          ? `Folder "${remoteDir}" tidak boleh dibaca oleh pengguna ini.`
          : `Folder "${remoteDir}" tidak dapat dibaca: ${message.slice(0, 200)}`,
      connection.hostKeySha256,
    );
  }
  const base = remoteDir.replace(/\/+$/, "") || "/";
  return entries
    .filter((entry) => entry.type === "-")
    .map((entry) => ({
      name: entry.name,
      remotePath: base === "." ? entry.name : `${base === "/" ? "" : base}/${entry.name}`,
      size: entry.size,
      mtime: new Date(entry.modifyTime),
    }))
    .sort((a, b) => a.mtime.getTime() - b.mtime.getTime() || a.name.localeCompare(b.name));
}
