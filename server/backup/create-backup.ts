import "server-only";
import { execFile } from "node:child_process";
import { createWriteStream, existsSync } from "node:fs";
import { chmod, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { promisify } from "node:util";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { auditCheckpointFile, writeAuditCheckpoint } from "@/server/audit/audit-checkpoint.ts";
import { quoteIdent } from "@/server/db/schema-engine.ts";
import { storageDir } from "@/server/ingest/storage.ts";
import { BACKUP_FORMAT, BACKUP_VERSION, type BackupManifest, LOCAL_KEYS, type LocalKeyName, readLocalKey, sha256File } from "./backup-manifest.ts";

const run = promisify(execFile);

export interface CreateBackupOptions {
  /** The owner's connection: it can read every table. */
  ownerUrl: string;
  /** A new (or empty) folder to write the backup into. */
  outDir: string;
  /** Also copy the secret key and the audit key (anyone holding the backup can then use them). */
  includeKeys?: boolean;
  log?: (message: string) => void;
}

/**
 * Writes a backup folder (see backup-manifest.ts): every table from one consistent snapshot, the
 * storage folder, the audit checkpoints up to the snapshot's newest event (a checkpoint of that
 * event is written first, so a restore can prove its audit trail complete) and a manifest with
 * the SHA-256 of each file.
 */
export async function createBackup(options: CreateBackupOptions): Promise<BackupManifest> {
  const log = options.log ?? (() => {});
  const outDir = path.resolve(/*turbopackIgnore: true*/ options.outDir);
  if (existsSync(/*turbopackIgnore: true*/ outDir) && (await readdir(/*turbopackIgnore: true*/ outDir)).length > 0) {
    throw new Error(`Folder cadangan ${outDir} sudah berisi berkas: pilih folder baru.`);
  }
  // Backups hold personal data and (perhaps) keys: only this OS user may read them.
  await mkdir(/*turbopackIgnore: true*/ path.join(/*turbopackIgnore: true*/ outDir, "db"), { recursive: true, mode: 0o700 });

  const client = new pg.Client({ connectionString: options.ownerUrl });
  await client.connect();
  let snapshot: Pick<BackupManifest, "migrations" | "tables" | "sequences" | "auditHead">;
  try {
    // One snapshot for every table: the backup is what the database was at one instant.
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    snapshot = await dumpSnapshot(client, outDir, log);
    await client.query("COMMIT");
  } finally {
    await client.end();
  }

  if (snapshot.auditHead) await writeAuditCheckpoint(snapshot.auditHead);
  const checkpoints = await copyCheckpoints(path.join(/*turbopackIgnore: true*/ outDir, "audit-checkpoints.jsonl"), snapshot.auditHead?.seq ?? 0);
  log(`Titik periksa audit: ${checkpoints.count}`);

  const storage = path.join(/*turbopackIgnore: true*/ outDir, "storage.tar");
  const source = storageDir();
  if (existsSync(/*turbopackIgnore: true*/ source)) await run("tar", ["-cf", storage, "-C", source, "."]);
  else await run("tar", ["-cf", storage, "--files-from", "/dev/null"]);
  await chmod(/*turbopackIgnore: true*/ storage, 0o600);
  log(`Folder penyimpanan: ${source}`);

  const keys: BackupManifest["keys"] = [];
  if (options.includeKeys) {
    await mkdir(/*turbopackIgnore: true*/ path.join(/*turbopackIgnore: true*/ outDir, "keys"), { mode: 0o700 });
    for (const name of Object.keys(LOCAL_KEYS) as LocalKeyName[]) {
      const value = readLocalKey(name);
      if (value === null) continue;
      const file = path.join("keys", name);
      await writeFile(/*turbopackIgnore: true*/ path.join(/*turbopackIgnore: true*/ outDir, file), value + "\n", { mode: 0o600 });
      keys.push({ name, file, sha256: await sha256File(path.join(/*turbopackIgnore: true*/ outDir, file)) });
    }
  }

  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: new Date().toISOString(),
    ...snapshot,
    storage: { file: "storage.tar", sha256: await sha256File(storage) },
    checkpoints: { file: "audit-checkpoints.jsonl", sha256: await sha256File(path.join(/*turbopackIgnore: true*/ outDir, "audit-checkpoints.jsonl")), count: checkpoints.count },
    keys,
  };
  await writeFile(/*turbopackIgnore: true*/ path.join(/*turbopackIgnore: true*/ outDir, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n", { mode: 0o600 });
  return manifest;
}

async function dumpSnapshot(client: pg.Client, outDir: string, log: (message: string) => void) {
  const { rows: migrations } = await client.query<{ name: string }>(
    `SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
  );
  const tables: BackupManifest["tables"] = [];
  for (const name of await tablesParentsFirst(client)) {
    const file = path.join("db", `${name}.copy`);
    const target = path.join(/*turbopackIgnore: true*/ outDir, file);
    // Binary COPY: exact for every type (jsonb, arrays, timestamps) and the fastest to reload.
    const copy = client.query(copyTo(`COPY public.${quoteIdent(name)} TO STDOUT (FORMAT binary)`));
    await pipeline(copy, createWriteStream(/*turbopackIgnore: true*/ target, { mode: 0o600 }));
    tables.push({ name, file, rows: copy.rowCount, sha256: await sha256File(target) });
    log(`  ${name}: ${copy.rowCount} baris`);
  }
  const { rows: sequenceNames } = await client.query<{ name: string }>(
    `SELECT relname AS name FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'S' ORDER BY relname`,
  );
  const sequences: BackupManifest["sequences"] = [];
  for (const { name } of sequenceNames) {
    const { rows } = await client.query<{ last_value: string; is_called: boolean }>(`SELECT last_value::text, is_called FROM public.${quoteIdent(name)}`);
    sequences.push({ name, lastValue: rows[0]!.last_value, isCalled: rows[0]!.is_called });
  }
  const { rows: head } = await client.query<{ id: string; hash: string }>("SELECT id::text, hash FROM audit_event ORDER BY id DESC LIMIT 1");
  return {
    migrations: migrations.map((m) => m.name),
    tables,
    sequences,
    auditHead: head[0] ? { seq: Number(head[0].id), hash: head[0].hash } : null,
  };
}

/** Every table of the schema but the migration bookkeeping, each after the tables it references. */
async function tablesParentsFirst(client: pg.Client): Promise<string[]> {
  const { rows: tables } = await client.query<{ name: string }>(
    `SELECT relname AS name FROM pg_class
     WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p') AND relname <> '_prisma_migrations' ORDER BY relname`,
  );
  const { rows: references } = await client.query<{ child: string; parent: string }>(
    `SELECT c.relname AS child, p.relname AS parent FROM pg_constraint k
     JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
     WHERE k.contype = 'f' AND k.connamespace = 'public'::regnamespace AND k.conrelid <> k.confrelid`,
  );
  const ordered: string[] = [];
  const placed = new Set<string>();
  const visit = (name: string, path: string[]) => {
    if (placed.has(name)) return;
    if (path.includes(name)) throw new Error(`Kunci asing melingkar antar tabel: ${[...path, name].join(" → ")}`);
    for (const ref of references) if (ref.child === name) visit(ref.parent, [...path, name]);
    placed.add(name);
    ordered.push(name);
  };
  for (const { name } of tables) visit(name, []);
  return ordered;
}

/** The checkpoints of events inside the snapshot (later ones would claim events the backup lacks). */
async function copyCheckpoints(target: string, headSeq: number): Promise<{ count: number }> {
  const source = auditCheckpointFile();
  const lines = existsSync(/*turbopackIgnore: true*/ source) ? (await readFile(/*turbopackIgnore: true*/ source, "utf8")).split("\n").filter((line) => line.trim()) : [];
  const kept = lines.filter((line) => {
    try {
      return (JSON.parse(line) as { seq?: number }).seq! <= headSeq;
    } catch {
      return true; // not ours to judge here: verify after a restore reports it
    }
  });
  await writeFile(/*turbopackIgnore: true*/ target, kept.map((line) => line + "\n").join(""), { mode: 0o600 });
  return { count: kept.length };
}
