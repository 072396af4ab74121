import "server-only";
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { config } from "@/server/config.ts";
import { dataDir } from "@/server/db/database.ts";
import { readOrCreateLocalSecret } from "@/server/startup/local-secrets.ts";

/**
 * Secrets Jangkau must be able to read back (a partner's SFTP password or private key, a ZIP
 * password) are stored sealed: AES-256-GCM under a key from `JANGKAU_SECRET_KEY` (base64, 32
 * bytes) or, when that is unset, one generated once into the data folder (`secret-key`, 0600).
 *
 * A sealed value is `v1.<key id>.<iv>.<tag>.<ciphertext>` (base64url parts). The key id (first
 * bytes of the key's SHA-256) turns "this was sealed under another key" into a clear message
 * instead of a bare authentication failure. The `context` (e.g. `sftp-endpoint/<id>/auth`) is
 * bound as associated data, so a sealed value copied into another row or field does not open.
 */

const VERSION = "v1";
const KEY_BYTES = 32;
// 96-bit IVs are GCM's native size; random ones are safe far beyond the number of secrets we seal.
const IV_BYTES = 12;
// GCM's full tag; fixed on open, so a value whose tag was cut short is refused, not checked
// against fewer bytes.
const TAG_BYTES = 16;

export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretBoxError";
  }
}

interface SecretKey {
  key: Buffer;
  id: string;
}

let cached: { source: string; key: SecretKey } | null = null;

function loadKey(): SecretKey {
  const fromEnv = config().JANGKAU_SECRET_KEY;
  // Re-read when the environment changes (tests set a key of their own).
  const source = fromEnv ? `env:${fromEnv}` : `file:${dataDir()}`;
  if (cached?.source === source) return cached.key;
  const encoded = fromEnv || readOrCreateLocalSecret(dataDir(), "secret-key", () => randomBytes(KEY_BYTES).toString("base64"));
  // Node's base64 decoder accepts the URL-safe alphabet too.
  const key = Buffer.from(encoded, "base64");
  if (key.length !== KEY_BYTES) {
    throw new SecretBoxError(
      fromEnv
        ? `JANGKAU_SECRET_KEY harus 32 byte dalam base64 (mis. keluaran \`openssl rand -base64 32\`), bukan ${key.length} byte.`
        : `Berkas kunci rahasia di ${dataDir()}/secret-key rusak (bukan 32 byte base64).`,
    );
  }
  const id = createHash("sha256").update(key).digest("base64url").slice(0, 8);
  cached = { source, key: { key, id } };
  return cached.key;
}

/** Seals `plaintext` for storage; `context` must be given again to open it. */
export function sealSecret(plaintext: string, context: string): string {
  const { key, id } = loadKey();
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, id, iv.toString("base64url"), tag.toString("base64url"), ciphertext.toString("base64url")].join(".");
}

/** Opens a value sealed by `sealSecret` with the same context; throws SecretBoxError otherwise. */
export function openSecret(sealed: string, context: string): string {
  const parts = sealed.split(".");
  if (parts.length !== 5 || parts[0] !== VERSION) throw new SecretBoxError("Rahasia tersimpan tidak dikenali formatnya.");
  const [, keyId, iv, tag, ciphertext] = parts as [string, string, string, string, string];
  const { key, id } = loadKey();
  if (keyId !== id) {
    throw new SecretBoxError(
      "Rahasia tersimpan dikunci dengan kunci lain (JANGKAU_SECRET_KEY atau berkas secret-key di folder data berubah). Masukkan ulang kata sandi atau kunci privatnya.",
    );
  }
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"), { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretBoxError("Rahasia tersimpan rusak atau bukan milik data ini; masukkan ulang nilainya.");
  }
}
