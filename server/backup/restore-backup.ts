import "server-only";
import { execFile } from "node:child_process";
import { createReadStream, existsSync } from "node:fs";
import { copyFile, mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { promisify } from "node:util";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { auditCheckpointFile } from "@/server/audit/audit-checkpoint.ts";
import { dataDir } from "@/server/db/database.ts";
import { applyMigrations, migrationNames } from "@/server/db/migrate.ts";
import { quoteIdent } from "@/server/db/schema-engine.ts";
import { storageDir } from "@/server/ingest/storage.ts";
import { BACKUP_FORMAT, BACKUP_VERSION, type BackupManifest, LOCAL_KEYS, readLocalKey, sha256File } from "./backup-manifest.ts";

const run = promisify(execFile);

export interface RestoreBackupOptions {
  /** The owner's connection to the database to restore into. */
  ownerUrl: string;
  /** A folder written by createBackup. */
  fromDir: string;
  /** Replace a database, storage folder and checkpoint file that are not empty. */
  force?: boolean;
  log?: (message: string) => void;
}

export interface RestoreSummary {
  manifest: BackupManifest;
  rows: number;
  /** Keys restored from the backup into the data folder (only for backups made with keys). */
  keysRestored: string[];
  /** Keys the backup holds that differ from the ones this installation already has (kept). */
  keysDiffering: string[];
  /** Earlier contents moved aside by `force` (never deleted). */
  movedAside: string[];
}

export class RestoreRefusedError extends Error {}

/**
 * Restores a backup into the database behind `ownerUrl` and into this installation's storage
 * folder and checkpoint file. Checks every file's SHA-256 first; refuses a database that has
 * tables, or a storage folder or checkpoint file that is not empty, unless `force` (the schema
 * is then dropped, the files moved aside). The schema is rebuilt by replaying the backup's
 * migrations as the owner (so owner and grants are the code's), then the rows are loaded in
 * one transaction, parents first, and the sequences set. The caller then verifies the audit
 * chain against the restored checkpoints (the CLI does).
 */
export async function restoreBackup(options: RestoreBackupOptions): Promise<RestoreSummary> {
  const log = options.log ?? (() => {});
  const fromDir = path.resolve(/*turbopackIgnore: true*/ options.fromDir);
  const manifest = await readManifest(fromDir);
  await checkFiles(fromDir, manifest);
  const known = new Set(await migrationNames());
  const unknown = manifest.migrations.filter((name) => !known.has(name));
  if (unknown.length) {
    throw new RestoreRefusedError(`Cadangan dibuat oleh versi Jangkau yang lebih baru (migrasi ${unknown.join(", ")} tidak dikenal): pulihkan dengan versi itu.`);
  }

  const movedAside: string[] = [];
  const target = auditCheckpointFile();
  const storage = storageDir();
  const targetHasCheckpoints = existsSync(/*turbopackIgnore: true*/ target) && (await readFile(/*turbopackIgnore: true*/ target, "utf8")).trim() !== "";
  const storageHasFiles = existsSync(/*turbopackIgnore: true*/ storage) && (await readdir(/*turbopackIgnore: true*/ storage)).length > 0;
  const client = new pg.Client({ connectionString: options.ownerUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p', 'S', 'v', 'm')`,
    );
    const occupied = [rows[0]!.n > 0 && "database", storageHasFiles && storage, targetHasCheckpoints && target].filter(Boolean);
    if (occupied.length && !options.force) {
      throw new RestoreRefusedError(`Tujuan pemulihan tidak kosong (${occupied.join(", ")}): pulihkan ke database dan folder data baru, atau ulangi dengan --force untuk menggantinya.`);
    }
    if (rows[0]!.n > 0) {
      log("Menghapus skema public yang lama (--force)…");
      await client.query("DROP SCHEMA public CASCADE");
      await client.query("CREATE SCHEMA public");
    }
  } finally {
    await client.end();
  }
  const stamp = new Date().toISOString().replace(/[-:.]/g, "");
  if (storageHasFiles) movedAside.push(await moveAside(storage, stamp));
  if (targetHasCheckpoints) movedAside.push(await moveAside(target, stamp));

  log(`Membangun skema: ${manifest.migrations.length} migrasi…`);
  await applyMigrations(options.ownerUrl, { only: manifest.migrations });
  const rows = await loadRows(options.ownerUrl, fromDir, manifest, log);

  await mkdir(/*turbopackIgnore: true*/ storage, { recursive: true, mode: 0o700 });
  await run("tar", ["-xf", path.join(/*turbopackIgnore: true*/ fromDir, manifest.storage.file), "-C", storage]);
  await mkdir(/*turbopackIgnore: true*/ path.dirname(target), { recursive: true, mode: 0o700 });
  await copyFile(/*turbopackIgnore: true*/ path.join(/*turbopackIgnore: true*/ fromDir, manifest.checkpoints.file), target);

  const keysRestored: string[] = [];
  const keysDiffering: string[] = [];
  for (const key of manifest.keys) {
    const value = (await readFile(/*turbopackIgnore: true*/ path.join(/*turbopackIgnore: true*/ fromDir, key.file), "utf8")).trim();
    const current = readLocalKey(key.name);
    if (current === null) {
      await mkdir(/*turbopackIgnore: true*/ dataDir(), { recursive: true, mode: 0o700 });
      await writeFile(/*turbopackIgnore: true*/ path.join(/*turbopackIgnore: true*/ dataDir(), key.name), value + "\n", { mode: 0o600 });
      keysRestored.push(key.name);
    } else if (current !== value) {
      keysDiffering.push(`${key.name} (${LOCAL_KEYS[key.name]})`);
    }
  }
  return { manifest, rows, keysRestored, keysDiffering, movedAside };
}

async function readManifest(fromDir: string): Promise<BackupManifest> {
  const file = path.join(/*turbopackIgnore: true*/ fromDir, "manifest.json");
  if (!existsSync(/*turbopackIgnore: true*/ file)) throw new RestoreRefusedError(`${fromDir} bukan folder cadangan Jangkau (manifest.json tidak ada).`);
  const manifest = JSON.parse(await readFile(/*turbopackIgnore: true*/ file, "utf8")) as BackupManifest;
  if (manifest.format !== BACKUP_FORMAT || manifest.version !== BACKUP_VERSION) {
    throw new RestoreRefusedError(`Format cadangan tidak dikenal (${String(manifest.format)} v${String(manifest.version)}).`);
  }
  return manifest;
}

/** Every file the manifest names, against its SHA-256, before anything is changed. */
async function checkFiles(fromDir: string, manifest: BackupManifest): Promise<void> {
  for (const entry of [...manifest.tables, manifest.storage, manifest.checkpoints, ...manifest.keys]) {
    const file = path.join(/*turbopackIgnore: true*/ fromDir, entry.file);
    // Names come from the manifest: none may lead outside the backup folder.
    if (path.relative(fromDir, file).startsWith("..") || !existsSync(/*turbopackIgnore: true*/ file)) {
      throw new RestoreRefusedError(`Berkas cadangan ${entry.file} tidak ada.`);
    }
    if ((await sha256File(file)) !== entry.sha256) throw new RestoreRefusedError(`Berkas cadangan ${entry.file} rusak atau diubah (SHA-256 tidak cocok).`);
  }
}

async function loadRows(ownerUrl: string, fromDir: string, manifest: BackupManifest, log: (message: string) => void): Promise<number> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  let total = 0;
  try {
    // All rows or none: a failed restore leaves the migrated, empty schema behind.
    await client.query("BEGIN");
    // Rows a migration seeds (the partner agreements as signed) give way to the backup's, which
    // hold the admins' corrections. Children first, in case a seeded row is referenced.
    for (const table of [...manifest.tables].reverse()) {
      const seeded = await client.query(`SELECT 1 FROM public.${quoteIdent(table.name)} LIMIT 1`);
      if (seeded.rowCount) await client.query(`DELETE FROM public.${quoteIdent(table.name)}`);
    }
    for (const table of manifest.tables) {
      const copy = client.query(copyFrom(`COPY public.${quoteIdent(table.name)} FROM STDIN (FORMAT binary)`));
      await pipeline(createReadStream(/*turbopackIgnore: true*/ path.join(/*turbopackIgnore: true*/ fromDir, table.file)), copy);
      if (copy.rowCount !== table.rows) throw new Error(`${table.name}: ${copy.rowCount} baris dimuat, manifest mencatat ${table.rows}.`);
      total += copy.rowCount;
      log(`  ${table.name}: ${copy.rowCount} baris`);
    }
    for (const sequence of manifest.sequences) {
      await client.query(`SELECT setval($1::regclass, $2::bigint, $3)`, [`public.${quoteIdent(sequence.name)}`, sequence.lastValue, sequence.isCalled]);
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
  return total;
}

async function moveAside(file: string, stamp: string): Promise<string> {
  const aside = `${file}.sebelum-pemulihan-${stamp}`;
  await rename(/*turbopackIgnore: true*/ file, aside);
  return aside;
}
