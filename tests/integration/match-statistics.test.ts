import { randomUUID } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditActor } from "@/server/audit/append-audit-event.ts";
import { db, disconnectDb, setDatabaseUrl } from "@/server/db/client.ts";
import { importFile } from "@/server/ingest/import-file.ts";
import { runMatch } from "@/server/matching/run-match.ts";
import { ensureRegionsLoaded } from "@/server/regions/load-regions.ts";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../support/throwaway-database.ts";

// A full match rewrites every business, and the statistics read here are the database's own:
// this file gets a database of its own.
let privateDb: ThrowawayDatabase;
const sharedUrl = process.env.DATABASE_URL as string;
let dir: string;

const admin: AuditActor = { id: randomUUID(), username: "admin-statistik", role: "ADMIN" };
const context = { ip: "10.0.0.9", userAgent: "vitest", requestId: null };

const KEMNAKER_CSV = [
  "NPWP;Nama Pemberi Kerja;Kode Kabupaten;Jumlah Pekerja",
  "01.312.166.0-091.000;PT Sinar Statistik;3273;120",
  "02.111.222.3-444.000;CV Berkah Statistik;3204;15",
].join("\r\n");

/** When each table was last analysed by an ANALYZE command (autovacuum's own runs are not counted). */
async function lastAnalyze(): Promise<Map<string, Date | null>> {
  const rows = await db.$queryRaw<{ table: string; at: Date | null }[]>`
    SELECT relname AS table, last_analyze AS at FROM pg_stat_user_tables WHERE schemaname = current_schema()`;
  return new Map(rows.map((r) => [r.table, r.at]));
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "jangkau-match-stats-"));
  process.env.JANGKAU_STORAGE_DIR = path.join(dir, "storage");
  privateDb = await createThrowawayDatabase("matchstats");
  await ensureRegionsLoaded({ url: privateDb.url });
  await disconnectDb();
  setDatabaseUrl(privateDb.url);
  const file = path.join(dir, "wlkp-statistik.csv");
  await writeFile(file, KEMNAKER_CSV);
  await importFile({ source: "kemnaker-bu", period: "2026-S1", filePath: file, channel: "CLI", actor: admin, context });
});

afterAll(async () => {
  await disconnectDb();
  setDatabaseUrl(sharedUrl);
  await privateDb.drop();
  await rm(dir, { recursive: true, force: true });
});

describe("a match run's statistics", () => {
  it("analyses, as the app role, the records it read and every table it wrote", async () => {
    const started = new Date(Date.now() - 1000);

    await runMatch({ kind: "FULL", actor: admin });

    const after = await lastAnalyze();
    for (const table of ["source_record", "business", "business_record", "match_key", "worker_status", "lead_follow_up"]) {
      expect(after.get(table), table).toBeInstanceOf(Date);
      expect(after.get(table)!.getTime(), table).toBeGreaterThanOrEqual(started.getTime());
    }
  });

  it("leaves the audit trail out of the app role's maintenance rights", async () => {
    await expect(db.$executeRawUnsafe("ANALYZE audit_event")).resolves.toBe(0);
    const [{ maintain }] = await db.$queryRaw<[{ maintain: boolean }]>`SELECT has_table_privilege('audit_event', 'MAINTAIN') AS maintain`;
    expect(maintain).toBe(false);
    const [{ business }] = await db.$queryRaw<[{ business: boolean }]>`SELECT has_table_privilege('business', 'MAINTAIN') AS business`;
    expect(business).toBe(true);
  });
});
