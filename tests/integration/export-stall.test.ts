import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliActor } from "@/server/audit/system-actor.ts";
import { db, disconnectDb, setDatabaseUrl } from "@/server/db/client.ts";
import { exportToFile } from "@/server/exports/export-to-file.ts";
import { exportLeads } from "@/server/leads/export-leads.ts";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../support/throwaway-database.ts";

/**
 * The export watchdog: a file whose writing stalls (a hung network share) is failed after
 * JANGKAU_EXPORT_STALL_SECONDS, its `.part` removed and the export audited FAILURE — the way
 * `jangkau export leads --out` writes files (server/exports/export-to-file.ts).
 */

const sharedUrl = process.env.DATABASE_URL as string;
let database: ThrowawayDatabase;
let dir: string;

beforeAll(async () => {
  database = await createThrowawayDatabase("exportstall");
  await disconnectDb();
  setDatabaseUrl(database.url);
  dir = await mkdtemp(path.join(tmpdir(), "jangkau-export-stall-"));
  // Far more than the file's first chunks and what COPY reads ahead (up to 1 MB): the export is
  // mid-file when the output stops taking bytes.
  await db.$executeRawUnsafe(
    `INSERT INTO business (id, name, name_core, status, is_lead, priority, sources, latest_period, record_count, match_run_id)
     SELECT g, 'PT MACET ' || g, 'MACET ' || g, 'BELUM_TERDAFTAR', true, g % 100, ARRAY['kemnaker-bu'], '2025-S2', 1, 1
     FROM generate_series(1, 50000) g`,
  );
});

afterAll(async () => {
  delete process.env.JANGKAU_EXPORT_STALL_SECONDS;
  await disconnectDb();
  setDatabaseUrl(sharedUrl);
  await database.drop();
  await rm(dir, { recursive: true, force: true });
});

/** A file on a share that hangs: its first bytes reach the disk, then no write ever completes. */
function hangingAfterFirstWrite(file: Writable): Writable {
  let first = true;
  return new Writable({
    highWaterMark: 1,
    write(chunk: Buffer, _encoding, callback) {
      if (!first) return; // never calls back: the writer waits for 'drain' forever
      first = false;
      file.write(chunk, callback);
    },
    destroy(error, callback) {
      file.destroy();
      callback(error);
    },
  });
}

describe("an export whose output stalls", () => {
  it("is failed after JANGKAU_EXPORT_STALL_SECONDS: its .part removed, no file at the target, audited FAILURE", { timeout: 60_000 }, async () => {
    process.env.JANGKAU_EXPORT_STALL_SECONDS = "1";
    const out = path.join(dir, "prospek.csv");
    const started = Date.now();
    const attempt = exportToFile(out, (file) =>
      exportLeads({ filter: {}, format: "csv", output: hangingAfterFirstWrite(file), actor: cliActor(), context: { ip: null, userAgent: "vitest", requestId: null }, fileName: "prospek.csv" }),
    );
    // While it hangs, the partial file is there (its first bytes written).
    const partSeen = await new Promise<boolean>((resolve) => setTimeout(() => void readdir(dir).then((names) => resolve(names.some((name) => name.endsWith(".part")))), 500));
    await expect(attempt).rejects.toThrow(/berhenti membaca terlalu lama/);
    const seconds = (Date.now() - started) / 1000;
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(seconds).toBeLessThan(30); // the configured second, not the default ten minutes
    expect(partSeen).toBe(true);
    expect(await readdir(dir)).toEqual([]);

    const ended = await db.auditEvent.findFirstOrThrow({ where: { action: "lead.export" }, orderBy: { id: "desc" } });
    expect(ended).toMatchObject({ outcome: "FAILURE", actorUsername: cliActor().username, objectId: "prospek.csv" });
    expect(ended.reason).toMatch(/berhenti membaca terlalu lama/);
    const details = ended.details as { rows: number; bytes: number };
    expect(details.rows).toBeLessThan(50_000);
  });
});
