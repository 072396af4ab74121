import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openSecret, sealSecret, SecretBoxError } from "@/server/secrets/secret-box.ts";

const saved = { key: process.env.JANGKAU_SECRET_KEY, dataDir: process.env.JANGKAU_DATA_DIR };

afterEach(() => {
  process.env.JANGKAU_SECRET_KEY = saved.key;
  process.env.JANGKAU_DATA_DIR = saved.dataDir;
  if (saved.key === undefined) delete process.env.JANGKAU_SECRET_KEY;
  if (saved.dataDir === undefined) delete process.env.JANGKAU_DATA_DIR;
});

const useKey = () => (process.env.JANGKAU_SECRET_KEY = randomBytes(32).toString("base64"));

describe("secret box (AES-256-GCM)", () => {
  it("seals to an opaque value that opens with the same context only", () => {
    useKey();
    const sealed = sealSecret("kata-sandi-mitra", "sftp-endpoint/a/auth");
    expect(sealed).toMatch(/^v1\.[\w-]{8}\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain("kata-sandi");
    expect(openSecret(sealed, "sftp-endpoint/a/auth")).toBe("kata-sandi-mitra");
    // Copied to another row or field: refused.
    expect(() => openSecret(sealed, "sftp-endpoint/b/auth")).toThrow(SecretBoxError);
  });

  it("uses a fresh IV every time", () => {
    useKey();
    expect(sealSecret("x", "c")).not.toBe(sealSecret("x", "c"));
  });

  it("refuses a tampered value", () => {
    useKey();
    const parts = sealSecret("rahasia", "c").split(".");
    const ciphertext = Buffer.from(parts[4]!, "base64url");
    ciphertext[0]! ^= 1;
    parts[4] = ciphertext.toString("base64url");
    expect(() => openSecret(parts.join("."), "c")).toThrow(/rusak/);
  });

  it("refuses a value whose authentication tag was cut short", () => {
    useKey();
    const parts = sealSecret("rahasia", "c").split(".");
    parts[3] = Buffer.from(parts[3]!, "base64url").subarray(0, 4).toString("base64url");
    expect(() => openSecret(parts.join("."), "c")).toThrow(/rusak/);
  });

  it("says so when the key changed since the value was sealed", () => {
    useKey();
    const sealed = sealSecret("rahasia", "c");
    useKey();
    expect(() => openSecret(sealed, "c")).toThrow(/kunci lain/);
  });

  it("refuses a JANGKAU_SECRET_KEY that is not 32 bytes", () => {
    process.env.JANGKAU_SECRET_KEY = randomBytes(16).toString("base64");
    expect(() => sealSecret("x", "c")).toThrow(/32 byte/);
  });

  it("without JANGKAU_SECRET_KEY, generates one key into the data folder (0600) and keeps using it", async () => {
    delete process.env.JANGKAU_SECRET_KEY;
    const dir = await mkdtemp(path.join(tmpdir(), "jangkau-secret-"));
    try {
      process.env.JANGKAU_DATA_DIR = dir;
      const sealed = sealSecret("rahasia", "c");
      const file = path.join(dir, "secret-key");
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect(Buffer.from((await readFile(file, "utf8")).trim(), "base64")).toHaveLength(32);
      expect(openSecret(sealed, "c")).toBe("rahasia");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
