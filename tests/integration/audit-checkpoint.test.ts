import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAuditEvent } from "@/server/audit/append-audit-event.ts";
import { auditEventHash } from "@/server/audit/audit-hash.ts";
import { readAuditCheckpoints, writeAuditCheckpoint } from "@/server/audit/audit-checkpoint.ts";
import { SYSTEM_ACTOR } from "@/server/audit/system-actor.ts";
import { verifyAuditChain } from "@/server/audit/verify-audit-chain.ts";
import { db, disconnectDb, setDatabaseUrl } from "@/server/db/client.ts";
import { closeJobQueue } from "@/server/jobs/job-queue.ts";
import { startJobWorker } from "@/server/jobs/start-job-worker.ts";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../support/throwaway-database.ts";

const run = promisify(execFile);

/**
 * The audit chain's head is anchored outside the database: deleting or rewriting the newest
 * events, which leaves a consistent hash chain behind, must still fail `verify`. The chain is
 * tampered with in a database of its own, as its owner would.
 */
let database: ThrowawayDatabase;
let work: string;
let checkpointFile: string;

beforeAll(async () => {
  database = await createThrowawayDatabase("anchor");
  await disconnectDb();
  setDatabaseUrl(database.url);
  work = await mkdtemp(path.join(tmpdir(), "jangkau-anchor-"));
  checkpointFile = path.join(work, "audit-checkpoints.jsonl");
  process.env.JANGKAU_AUDIT_CHECKPOINT_FILE = checkpointFile;
});

afterAll(async () => {
  delete process.env.JANGKAU_AUDIT_CHECKPOINT_FILE;
  await disconnectDb();
  await database.drop();
  await rm(work, { recursive: true, force: true });
});

async function asOwner<T>(fn: (owner: pg.Client) => Promise<T>): Promise<T> {
  const owner = new pg.Client({ connectionString: database.ownerUrl });
  await owner.connect();
  try {
    return await fn(owner);
  } finally {
    await owner.end();
  }
}

async function record(count: number): Promise<void> {
  for (let i = 0; i < count; i++) await recordAuditEvent({ action: "search.run", actor: SYSTEM_ACTOR, objectId: randomUUID() });
}

const cli = (...args: string[]) =>
  run(process.execPath, ["cli/bin.mjs", ...args], { env: { ...process.env, DATABASE_URL: database.url, JANGKAU_AUDIT_CHECKPOINT_FILE: checkpointFile } }).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
  );

describe("audit checkpoints", () => {
  it("names the gap when the newest three events are deleted after a checkpoint", { timeout: 120_000 }, async () => {
    await record(6);
    // On demand, through the CLI: one line {seq, hash, at, hmac} in the checkpoint file.
    const written = await cli("audit", "checkpoint", "--json");
    expect(written.code).toBe(0);
    const checkpoint = JSON.parse(written.stdout.trim().split("\n").at(-1)!);
    expect(checkpoint).toMatchObject({ seq: expect.any(Number), hash: expect.stringMatching(/^[0-9a-f]{64}$/), hmac: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect((await readFile(checkpointFile, "utf8")).trim().split("\n")).toHaveLength(1);
    expect(await verifyAuditChain()).toMatchObject({ ok: true, checkpoints: { checked: 1, problem: null } });

    // The owner steps around the append-only trigger and cuts the tail: the chain that remains
    // is consistent, so only the checkpoint can tell.
    const ids = await asOwner(async (owner) => {
      const { rows } = await owner.query<{ id: string }>("SELECT id FROM audit_event ORDER BY id DESC LIMIT 4");
      await owner.query("ALTER TABLE audit_event DISABLE TRIGGER audit_event_refuse_update_delete");
      await owner.query("DELETE FROM audit_event WHERE id >= $1", [rows[2]!.id]);
      await owner.query("ALTER TABLE audit_event ENABLE TRIGGER audit_event_refuse_update_delete");
      return rows.map((row) => row.id);
    });
    const report = await verifyAuditChain();
    expect(report).toMatchObject({ ok: false, firstBroken: null, headId: ids[3], checkpoints: { problem: { kind: "missing_after", seq: checkpoint.seq } } });

    const verified = await cli("audit", "verify");
    expect(verified.code).toBe(1);
    expect(verified.stdout).toContain(`RANTAI AUDIT TERPOTONG: peristiwa setelah #${ids[3]} hilang; titik periksa ${checkpoint.at} mencatat peristiwa #${checkpoint.seq}.`);
    // A failed check anchors nothing: the checkpoint file still holds the one line.
    expect((await readFile(checkpointFile, "utf8")).trim().split("\n")).toHaveLength(1);
  });

  it("notices an event rewritten with a recomputed hash", async () => {
    await writeFile(checkpointFile, "");
    await record(2);
    const checkpoint = (await writeAuditCheckpoint())!;
    await asOwner(async (owner) => {
      const { rows } = await owner.query("SELECT * FROM audit_event WHERE id = $1", [checkpoint.seq]);
      const row = rows[0]!;
      // A careful forger keeps the chain consistent: new content, hash recomputed.
      const hash = auditEventHash(row.prev_hash, {
        id: String(row.id), occurredAt: row.occurred_at.toISOString(), actorId: row.actor_id, actorUsername: row.actor_username,
        actorRole: row.actor_role, action: row.action, objectType: row.object_type, objectId: row.object_id, region: row.region,
        outcome: row.outcome, reason: "ditulis ulang", ip: row.ip, userAgent: row.user_agent, requestId: row.request_id, details: row.details ?? null,
      });
      await owner.query("ALTER TABLE audit_event DISABLE TRIGGER audit_event_refuse_update_delete");
      await owner.query("UPDATE audit_event SET reason = 'ditulis ulang', hash = $2 WHERE id = $1", [checkpoint.seq, hash]);
      await owner.query("ALTER TABLE audit_event ENABLE TRIGGER audit_event_refuse_update_delete");
    });
    const report = await verifyAuditChain();
    expect(report.firstBroken).toBeNull();
    expect(report).toMatchObject({ ok: false, checkpoints: { problem: { kind: "changed", seq: checkpoint.seq } } });
  });

  it("refuses a checkpoint file edited without the key", async () => {
    await writeFile(checkpointFile, "");
    await record(1);
    const checkpoint = (await writeAuditCheckpoint())!;
    // Moving the anchor back (to hide a later deletion) breaks its HMAC.
    const forged = { ...checkpoint, seq: checkpoint.seq - 1 };
    await writeFile(checkpointFile, JSON.stringify(forged) + "\n");
    expect(await readAuditCheckpoints()).toEqual({ checkpoints: [], badLines: [1] });
    expect(await verifyAuditChain()).toMatchObject({ ok: false, checkpoints: { problem: { kind: "tampered_file", lines: [1] } } });
  });

  it("is written by a worker as soon as it starts, and then on the queue's cron", { timeout: 30_000 }, async () => {
    await writeFile(checkpointFile, "");
    const worker = await startJobWorker({ queues: ["audit-checkpoint"], pollingIntervalSeconds: 0.5, log: () => undefined });
    try {
      await expect.poll(async () => (await readAuditCheckpoints()).checkpoints.length, { timeout: 15_000 }).toBe(1);
      const schedules = await db.$queryRawUnsafe<{ name: string; cron: string; timezone: string }[]>("SELECT name, cron, timezone FROM pgboss.schedule");
      expect(schedules).toContainEqual({ name: "audit-checkpoint", cron: "*/15 * * * *", timezone: "Asia/Jakarta" });
    } finally {
      await worker.stop({ timeoutMs: 5000 });
      await closeJobQueue();
    }
    const { checkpoints, badLines } = await readAuditCheckpoints();
    expect(badLines).toEqual([]);
    expect(checkpoints).toHaveLength(1);
    expect(await verifyAuditChain()).toMatchObject({ ok: true, checkpoints: { checked: 1, problem: null } });
  });
});
