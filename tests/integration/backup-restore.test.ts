import { execFile } from "node:child_process";
import { appendFile, cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeAuditCheckpoint } from "@/server/audit/audit-checkpoint.ts";
import { SYSTEM_ACTOR } from "@/server/audit/system-actor.ts";
import { verifyAuditChain } from "@/server/audit/verify-audit-chain.ts";
import { sha256File } from "@/server/backup/backup-manifest.ts";
import { createBackup } from "@/server/backup/create-backup.ts";
import { RestoreRefusedError, restoreBackup } from "@/server/backup/restore-backup.ts";
import { db, disconnectDb, setDatabaseUrl } from "@/server/db/client.ts";
import { appRolePrivileges } from "@/server/db/roles.ts";
import { importFile } from "@/server/ingest/import-file.ts";
import { ensureRegionsLoaded } from "@/server/regions/load-regions.ts";
import { createTestUser } from "../support/factories.ts";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../support/throwaway-database.ts";

const run = promisify(execFile);

/**
 * A backup of one installation (database + storage folder + audit checkpoints) restored into a
 * fresh database and data folder holds the same data, and its audit trail verifies against the
 * restored checkpoints. The installations are throwaway databases on the test server with
 * storage folders and checkpoint files of their own.
 */
let work: string;
let source: ThrowawayDatabase;
const targets: ThrowawayDatabase[] = [];

function useInstallation(database: ThrowawayDatabase, name: string): void {
  setDatabaseUrl(database.url);
  process.env.JANGKAU_STORAGE_DIR = path.join(work, name, "storage");
  process.env.JANGKAU_AUDIT_CHECKPOINT_FILE = path.join(work, name, "audit-checkpoints.jsonl");
}

async function emptyTarget(prefix: string): Promise<ThrowawayDatabase> {
  const target = await createThrowawayDatabase(prefix, undefined, { migrate: false });
  targets.push(target);
  return target;
}

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), "jangkau-backup-"));
  source = await createThrowawayDatabase("backupsrc");
  await disconnectDb();
  useInstallation(source, "source");
  await ensureRegionsLoaded();
  await createTestUser({ role: "SUPERVISOR", prefix: "cadangan" });
  const csv = path.join(work, "kemnaker.csv");
  await writeFile(csv, "NPWP;Nama Pemberi Kerja;Kode Kabupaten;Jumlah Pekerja\n0013121660091000;PT Cadangan Jaya;3273;12\n;;;\n");
  await importFile({ source: "kemnaker-bu", period: "2025-S2", filePath: csv, channel: "CLI", actor: SYSTEM_ACTOR, context: { ip: null, userAgent: "vitest", requestId: null } });
  // An admin's correction of a row the migrations seed: the restore must keep it, not the seed.
  await db.partnerAgreement.update({ where: { partner: "ahu" }, data: { lastDay: new Date("2027-10-16T00:00:00Z"), updatedByUsername: "cadangan" } });
  await writeAuditCheckpoint();
}, 120_000);

afterAll(async () => {
  await disconnectDb();
  for (const database of [source, ...targets]) await database?.drop();
  for (const key of ["JANGKAU_STORAGE_DIR", "JANGKAU_AUDIT_CHECKPOINT_FILE"]) delete process.env[key];
  await rm(work, { recursive: true, force: true });
});

/** Every table's rows as one digest, and every sequence's value, read as the owner. */
async function contents(url: string): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT relname AS name FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' AND relname <> '_prisma_migrations' ORDER BY 1`,
    );
    const result: Record<string, string> = {};
    for (const { name } of tables) {
      const { rows } = await client.query<{ n: string; digest: string | null }>(`SELECT count(*) AS n, md5(string_agg(t::text, '|' ORDER BY t::text)) AS digest FROM "${name}" t`);
      result[name] = `${rows[0]!.n}:${rows[0]!.digest}`;
    }
    const { rows: sequences } = await client.query<{ name: string }>(`SELECT relname AS name FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'S'`);
    for (const { name } of sequences) {
      const { rows } = await client.query<{ v: string }>(`SELECT last_value || '/' || is_called AS v FROM "${name}"`);
      result[`seq:${name}`] = rows[0]!.v;
    }
    return result;
  } finally {
    await client.end();
  }
}

async function folderDigest(dir: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) result[path.relative(dir, path.join(entry.parentPath, entry.name))] = await sha256File(path.join(entry.parentPath, entry.name));
  }
  return result;
}

describe("backup and restore", () => {
  const backupDir = () => path.join(work, "backup");

  it("restores data, stored files and an audit trail that verifies against its checkpoint", { timeout: 120_000 }, async () => {
    const manifest = await createBackup({ ownerUrl: source.ownerUrl, outDir: backupDir() });
    expect(manifest.tables.map((t) => t.name)).toEqual(expect.arrayContaining(["audit_event", "app_user", "import_batch", "source_record", "region"]));
    expect(manifest.tables.findIndex((t) => t.name === "import_batch")).toBeLessThan(manifest.tables.findIndex((t) => t.name === "source_record"));
    expect(manifest.auditHead).not.toBeNull();
    expect(manifest.checkpoints.count).toBeGreaterThanOrEqual(1);
    expect(manifest.keys).toEqual([]);
    expect(await readdir(backupDir())).not.toContain("keys");

    const target = await emptyTarget("backupdst");
    useInstallation(target, "restored");
    const summary = await restoreBackup({ ownerUrl: target.ownerUrl, fromDir: backupDir() });
    expect(summary.rows).toBe(manifest.tables.reduce((sum, t) => sum + t.rows, 0));

    // Every row as in the source, the corrected agreement included (not the migration's seed).
    expect(await contents(target.ownerUrl)).toEqual(await contents(source.ownerUrl));
    expect(await folderDigest(path.join(work, "restored", "storage"))).toEqual(await folderDigest(path.join(work, "source", "storage")));
    expect(Object.keys(await folderDigest(path.join(work, "restored", "storage"))).length).toBeGreaterThan(0);

    // The app role works on the restored database, with only its grants, and the chain is whole.
    await disconnectDb();
    expect(await appRolePrivileges(target.url)).toEqual([]);
    const report = await verifyAuditChain();
    expect(report).toMatchObject({ ok: true, firstBroken: null, headId: String(manifest.auditHead!.seq), checkpoints: { problem: null, newest: { seq: manifest.auditHead!.seq } } });
  });

  it("refuses a database that is not empty unless forced, and a damaged backup always", { timeout: 120_000 }, async () => {
    const target = await emptyTarget("backupforce");
    useInstallation(target, "forced");
    await restoreBackup({ ownerUrl: target.ownerUrl, fromDir: backupDir() });
    const again = restoreBackup({ ownerUrl: target.ownerUrl, fromDir: backupDir() });
    await expect(again).rejects.toBeInstanceOf(RestoreRefusedError);
    await expect(again).rejects.toThrow(/tidak kosong \(database, .*--force/);

    const forced = await restoreBackup({ ownerUrl: target.ownerUrl, fromDir: backupDir(), force: true });
    expect(forced.movedAside).toHaveLength(2);
    await disconnectDb();
    expect(await verifyAuditChain()).toMatchObject({ ok: true });

    const damaged = path.join(work, "damaged");
    await cp(backupDir(), damaged, { recursive: true });
    await appendFile(path.join(damaged, "db", "app_user.copy"), "x");
    await expect(restoreBackup({ ownerUrl: target.ownerUrl, fromDir: damaged, force: true })).rejects.toThrow(/db\/app_user\.copy rusak atau diubah/);
  });

  it("works end to end through `jangkau backup` and `jangkau restore`", { timeout: 180_000 }, async () => {
    const target = await emptyTarget("backupcli");
    const env = (database: ThrowawayDatabase, name: string) => ({
      ...process.env,
      DATABASE_URL: database.url,
      DATABASE_OWNER_URL: database.ownerUrl,
      JANGKAU_STORAGE_DIR: path.join(work, name, "storage"),
      JANGKAU_AUDIT_CHECKPOINT_FILE: path.join(work, name, "audit-checkpoints.jsonl"),
    });
    const out = path.join(work, "backup-cli");
    const backup = await run(process.execPath, ["cli/bin.mjs", "backup", "--out", out], { env: env(source, "source") });
    expect(backup.stdout).toContain("TIDAK ikut");
    const restored = await run(process.execPath, ["cli/bin.mjs", "restore", out], { env: env(target, "cli-restored") });
    expect(restored.stdout).toMatch(/Rantai audit utuh: \d+ peristiwa\./);
    expect(restored.stdout).toMatch(/Cocok dengan \d+ titik periksa/);
    // The restore itself is on the restored trail, anchored by a new checkpoint.
    const lines = (await readFile(path.join(work, "cli-restored", "audit-checkpoints.jsonl"), "utf8")).trim().split("\n");
    expect(lines.length).toBeGreaterThanOrEqual(2);
  });
});
