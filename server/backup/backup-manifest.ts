import "server-only";
import { createHash } from "node:crypto";
import { createReadStream, existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { config } from "@/server/config.ts";
import { dataDir } from "@/server/db/database.ts";

/**
 * A Jangkau backup is one folder: `manifest.json`, one binary COPY file per table under `db/`,
 * `storage.tar` (the storage folder), `audit-checkpoints.jsonl` and, only when asked for,
 * `keys/`. The schema is not dumped: it is the migrations named in the manifest, which a restore
 * replays as the owner before loading the rows, so objects, owner and grants are exactly those
 * the code expects. (No pg_dump matching the embedded PostgreSQL 18 exists on our machines.)
 */
export const BACKUP_FORMAT = "jangkau-backup";
export const BACKUP_VERSION = 1;

export interface BackupFile {
  file: string;
  sha256: string;
}

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  createdAt: string;
  /** Applied migrations at the time of the backup, in order: the schema to restore into. */
  migrations: string[];
  /** Parents before children (foreign keys), so a restore loads them in this order. */
  tables: (BackupFile & { name: string; rows: number })[];
  sequences: { name: string; lastValue: string; isCalled: boolean }[];
  /** The newest audit event in the backup (null: none). */
  auditHead: { seq: number; hash: string } | null;
  storage: BackupFile;
  checkpoints: BackupFile & { count: number };
  /** Present only with `--include-keys`. */
  keys: (BackupFile & { name: LocalKeyName })[];
}

/** Secrets that live outside the database and are needed to use a restore in full. */
export const LOCAL_KEYS = {
  /** Seals SFTP credentials and ZIP passwords stored in the database. */
  "secret-key": "JANGKAU_SECRET_KEY",
  /** Authenticates the audit checkpoints. */
  "audit-key": "JANGKAU_AUDIT_KEY",
} as const;
export type LocalKeyName = keyof typeof LOCAL_KEYS;

/** A local key's value from its variable or the data folder's file; null when neither exists yet. */
export function readLocalKey(name: LocalKeyName): string | null {
  const fromEnv = config()[LOCAL_KEYS[name]];
  if (fromEnv) return fromEnv;
  const file = path.join(/*turbopackIgnore: true*/ dataDir(), name);
  return existsSync(/*turbopackIgnore: true*/ file) ? readFileSync(/*turbopackIgnore: true*/ file, "utf8").trim() : null;
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(/*turbopackIgnore: true*/ file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}
