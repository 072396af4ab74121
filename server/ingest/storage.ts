import "server-only";
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { chmod, copyFile, mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { config } from "@/server/config.ts";
import { dataDir } from "@/server/db/database.ts";

/**
 * Raw partner files and reject reports, kept on disk under names the server makes up (never
 * the uploader's), in a folder only the app's OS user can read: they hold personal data.
 */
/** What a stored file is: a partner's raw file, a reject report, or a data-balikan ZIP. */
export type StoredFileKind = "raw" | "reject" | "balikan";

export function storageDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ config().JANGKAU_STORAGE_DIR || path.join(/*turbopackIgnore: true*/ dataDir(), "storage"));
}

async function ensureStorageDir(): Promise<string> {
  const dir = storageDir();
  await mkdir(/*turbopackIgnore: true*/ dir, { recursive: true, mode: 0o700 });
  await chmod(/*turbopackIgnore: true*/ dir, 0o700);
  return dir;
}

/** The absolute path of a stored file; refuses anything that is not one of our generated names. */
export function storedFilePath(name: string): string {
  if (!/^[a-z0-9-]+\.[a-z0-9]+$/.test(name)) throw new Error("Nama berkas simpanan tidak sah.");
  return path.join(/*turbopackIgnore: true*/ storageDir(), name);
}

export async function storeFileCopy(sourcePath: string, kind: StoredFileKind, extension: string): Promise<string> {
  await ensureStorageDir();
  const name = `${kind}-${randomUUID()}.${extension}`;
  await copyFile(/*turbopackIgnore: true*/ sourcePath, storedFilePath(name));
  await chmod(/*turbopackIgnore: true*/ storedFilePath(name), 0o600);
  return name;
}

export async function createStoredFile(kind: StoredFileKind, extension: string) {
  await ensureStorageDir();
  const name = `${kind}-${randomUUID()}.${extension}`;
  const stream = createWriteStream(storedFilePath(name), { mode: 0o600 });
  return { name, path: storedFilePath(name), stream };
}

export async function removeStoredFile(name: string | null | undefined): Promise<void> {
  if (name) await rm(storedFilePath(name), { force: true });
}
