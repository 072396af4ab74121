import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { promisify } from "node:util";
import pg from "pg";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../support/throwaway-database.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendAuditEvent, appendAuditEventPg, CHAIN_LOCK_KEY, recordAuditEvent } from "@/server/audit/append-audit-event.ts";
import { SYSTEM_ACTOR } from "@/server/audit/system-actor.ts";
import { verifyAuditChain } from "@/server/audit/verify-audit-chain.ts";
import { databaseUrl, db } from "@/server/db/client.ts";

const run = promisify(execFile);

describe("audit events", () => {
  it("is written in the action's transaction: a failed action leaves no event", async () => {
    const marker = randomUUID();
    await expect(
      db.$transaction(async (tx) => {
        await appendAuditEvent(tx, { action: "user.update", actor: SYSTEM_ACTOR, objectType: "user", objectId: marker });
        throw new Error("the action failed after auditing");
      }),
    ).rejects.toThrow("the action failed");
    expect(await db.auditEvent.count({ where: { objectId: marker } })).toBe(0);
  });

  it("chains each event to the previous one", async () => {
    const marker = randomUUID();
    await recordAuditEvent({ action: "search.run", actor: SYSTEM_ACTOR, objectId: marker });
    await recordAuditEvent({ action: "search.run", actor: SYSTEM_ACTOR, objectId: marker });
    const [first, second] = await db.auditEvent.findMany({ where: { objectId: marker }, orderBy: { id: "asc" } });
    expect(first!.hash).toMatch(/^[0-9a-f]{64}$/);
    // Other test files append concurrently, so the two need not be adjacent; each links to its predecessor.
    const predecessor = await db.auditEvent.findFirst({ where: { id: { lt: second!.id } }, orderBy: { id: "desc" } });
    expect(second!.prevHash).toBe(predecessor!.hash);
  });

  it("keeps one unforked chain when page views and actions append at the same moment", async () => {
    const marker = randomUUID();
    // Page views (recordAuditEvent: one statement of its own) racing actions (appendAuditEvent
    // inside a Prisma transaction): each must read the head only once it holds the lock.
    await Promise.all([
      ...Array.from({ length: 30 }, () => recordAuditEvent({ action: "lead.view", actor: SYSTEM_ACTOR, objectType: "business", objectId: marker })),
      ...Array.from({ length: 6 }, () => db.$transaction((tx) => appendAuditEvent(tx, { action: "user.update", actor: SYSTEM_ACTOR, objectType: "user", objectId: marker }))),
    ]);
    const events = await db.auditEvent.findMany({ where: { objectId: marker }, orderBy: { id: "asc" } });
    expect(events).toHaveLength(36);
    for (const event of events) {
      const predecessor = await db.auditEvent.findFirst({ where: { id: { lt: event.id } }, orderBy: { id: "desc" } });
      expect(event.prevHash).toBe(predecessor!.hash);
    }
    const forks = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM (SELECT prev_hash FROM audit_event GROUP BY prev_hash HAVING count(*) > 1) f`;
    expect(forks[0]!.n).toBe(0);
  });

  it("appends in one statement: events waiting for the chain lock commit while this process is too busy to answer", async () => {
    const marker = randomUUID();
    const blocker = new pg.Client({ connectionString: databaseUrl() });
    const observer = new pg.Client({ connectionString: databaseUrl() });
    await Promise.all([blocker.connect(), observer.connect()]);
    try {
      await blocker.query("BEGIN");
      await blocker.query("SELECT pg_advisory_xact_lock($1::bigint)", [CHAIN_LOCK_KEY]);
      const views = Array.from({ length: 5 }, () => recordAuditEvent({ action: "lead.view", actor: SYSTEM_ACTOR, objectType: "business", objectId: marker }));
      await expect
        .poll(async () => (await observer.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND wait_event = 'advisory'")).rows[0]!.n)
        .toBeGreaterThanOrEqual(5);
      // The lock is freed, and this process then renders a page for 300 ms (a busy event loop):
      // an append that needed another round trip from here would still hold the lock, unfinished.
      // Both queries go out at once (the pg client writes an idle connection's query synchronously),
      // the count before this process handles anything the database answered meanwhile.
      const released = blocker.query("COMMIT");
      const busyUntil = performance.now() + 300;
      while (performance.now() < busyUntil);
      const counted = observer.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_event WHERE object_id = $1", [marker]);
      expect((await counted).rows[0]!.n).toBe(5);
      await Promise.all([released, ...views]);
    } finally {
      await Promise.all([blocker.end(), observer.end()]);
    }
  });

  it("a page view whose event fails to write fails, and leaves the chain lock and its connection free", async () => {
    const marker = randomUUID();
    // An outcome the database refuses: the INSERT fails after the lock was taken.
    const refused = { action: "lead.view", actor: SYSTEM_ACTOR, objectId: marker, outcome: "BOGUS" } as unknown as Parameters<typeof recordAuditEvent>[0];
    for (let i = 0; i < 12; i++) await expect(recordAuditEvent(refused)).rejects.toThrow();
    expect(await db.auditEvent.count({ where: { objectId: marker } })).toBe(0);
    // More failures than the pool has connections: none was handed back inside its failed
    // transaction (still holding the lock), or these would wait or fail.
    await Promise.all(Array.from({ length: 12 }, () => recordAuditEvent({ action: "lead.view", actor: SYSTEM_ACTOR, objectId: marker })));
    expect(await db.auditEvent.count({ where: { objectId: marker } })).toBe(12);
  });

  it("appends through a raw pg transaction (COPY-based imports) into the same chain, or not at all", async () => {
    const marker = randomUUID();
    const client = new pg.Client({ connectionString: databaseUrl() });
    await client.connect();
    try {
      await client.query("BEGIN");
      await appendAuditEventPg(client, { action: "import.run", actor: SYSTEM_ACTOR, objectType: "batch", objectId: marker });
      await client.query("ROLLBACK");
      expect(await db.auditEvent.count({ where: { objectId: marker } })).toBe(0);

      await client.query("BEGIN");
      const appended = await appendAuditEventPg(client, {
        action: "import.run",
        actor: SYSTEM_ACTOR,
        objectType: "batch",
        objectId: marker,
        outcome: "FAILURE",
        reason: "rows_rejected",
        context: { ip: "127.0.0.1", userAgent: "vitest", requestId: "req-12345678" },
        details: { rows: { accepted: 3, rejected: 1 }, source: "kemnaker-bu", note: "tab\tand \"quote\"" },
      });
      await client.query("COMMIT");
      await recordAuditEvent({ action: "search.run", actor: SYSTEM_ACTOR, objectId: marker });

      const [viaPg, viaPrisma] = await db.auditEvent.findMany({ where: { objectId: marker }, orderBy: { id: "asc" } });
      expect(viaPg).toMatchObject({ id: appended.id, hash: appended.hash, outcome: "FAILURE", reason: "rows_rejected", ip: "127.0.0.1", requestId: "req-12345678" });
      expect(viaPg!.details).toEqual({ rows: { accepted: 3, rejected: 1 }, source: "kemnaker-bu", note: 'tab\tand "quote"' });
      const predecessor = await db.auditEvent.findFirst({ where: { id: { lt: viaPrisma!.id } }, orderBy: { id: "desc" } });
      expect(viaPrisma!.prevHash).toBe(predecessor!.hash);
      // Every stored field hashes back to what appendAuditEventPg computed.
      expect(await verifyAuditChain()).toMatchObject({ ok: true, firstBroken: null });
    } finally {
      await client.end();
    }
  });

  it("never stores a NIK, phone number or email in details", async () => {
    const marker = randomUUID();
    await recordAuditEvent({
      action: "search.run",
      actor: SYSTEM_ACTOR,
      objectId: marker,
      details: { query: "3273015708900001", phone: "6281234567890", contact: "budi@example.co.id", rows: 42, npwp: "0012345678901000" },
    });
    const event = await db.auditEvent.findFirstOrThrow({ where: { objectId: marker } });
    const text = JSON.stringify(event.details);
    expect(text).not.toContain("3273015708900001");
    expect(text).not.toContain("81234567890");
    expect(text).not.toContain("budi@example.co.id");
    expect(event.details).toMatchObject({ rows: 42, npwp: "0012345678901000" });
  });

  it("never stores one in any other column either, nor a path's query string", async () => {
    const marker = randomUUID();
    await recordAuditEvent({
      action: "lead.search",
      actor: { id: null, username: "budi@gmail.com", role: "OFFICER" },
      objectType: "lead",
      objectId: `/prospek/${marker}?cari=3273015708900001&status=belum-terdaftar`,
      reason: "dicari oleh 0812-3456-7890",
      context: { ip: "127.0.0.1", userAgent: "curl/8 (siti@yahoo.co.id)", requestId: "+6285712345678" },
    });
    const event = await db.auditEvent.findFirstOrThrow({ where: { objectId: `/prospek/${marker}` } });
    const text = JSON.stringify(event, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value));
    for (const clear of ["3273015708900001", "81234567890", "0812-3456-7890", "budi@gmail.com", "siti@yahoo.co.id", "85712345678", "cari="]) {
      expect(text).not.toContain(clear);
    }
    expect(event).toMatchObject({ actorUsername: "b•••@gmail.com", reason: "dicari oleh 081••••••••890", userAgent: "curl/8 (s•••@yahoo.co.id)" });
    // The masked values are what the chain hashes: it still verifies.
    expect((await verifyAuditChain()).ok).toBe(true);
  });

  it("is refused UPDATE, DELETE and TRUNCATE by the database: the app role lacks the privilege", async () => {
    await recordAuditEvent({ action: "search.run", actor: SYSTEM_ACTOR });
    await expect(db.$executeRawUnsafe("UPDATE audit_event SET reason = 'x'")).rejects.toThrow(/permission denied/);
    await expect(db.$executeRawUnsafe("DELETE FROM audit_event")).rejects.toThrow(/permission denied/);
    await expect(db.$executeRawUnsafe("TRUNCATE audit_event")).rejects.toThrow(/permission denied/);
  });
});

/**
 * Tampering is tested in a database of its own (same server), so the shared one's chain stays
 * intact for every other test.
 */
describe("jangkau audit verify", () => {
  let database: ThrowawayDatabase;
  let url: string;

  // Checkpoints of this database go to a file of its own: they would not fit another database's chain.
  const env = () => ({ ...process.env, DATABASE_URL: url, JANGKAU_AUDIT_CHECKPOINT_FILE: `${process.env.JANGKAU_DATA_DIR}/${database.name}-checkpoints.jsonl` });
  const cli = (...args: string[]) =>
    run(process.execPath, ["cli/bin.mjs", ...args], { env: env() }).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
    );

  beforeAll(async () => {
    database = await createThrowawayDatabase("tamper");
    url = database.url;
  });

  afterAll(async () => {
    await database.drop();
  });

  it("confirms an intact chain with its head hash, then names the first tampered event", async () => {
    for (const username of ["auditor-a", "auditor-b", "auditor-c"]) {
      const created = await run(process.execPath, ["cli/bin.mjs", "user", "create", "--username", username, "--name", "Uji", "--role", "AUDITOR"], {
        env: env(),
      });
      expect(created.stdout).toContain(`Pengguna ${username}`);
    }

    const intact = await cli("audit", "verify", "--json");
    expect(intact.code).toBe(0);
    const report = JSON.parse(intact.stdout.trim().split("\n").at(-1)!);
    expect(report).toMatchObject({ ok: true, eventCount: 3, firstBroken: null });
    expect(report.headHash).toMatch(/^[0-9a-f]{64}$/);

    // As the table owner, step around the append-only trigger and rewrite the second event.
    const owner = new pg.Client({ connectionString: database.ownerUrl });
    await owner.connect();
    const { rows } = await owner.query<{ id: string }>("SELECT id FROM audit_event ORDER BY id");
    await owner.query("ALTER TABLE audit_event DISABLE TRIGGER audit_event_refuse_update_delete");
    await owner.query("UPDATE audit_event SET details = '{\"username\":\"orang-lain\"}' WHERE id = $1", [rows[1]!.id]);
    await owner.query("ALTER TABLE audit_event ENABLE TRIGGER audit_event_refuse_update_delete");
    await owner.end();

    const broken = await cli("audit", "verify");
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(`RANTAI AUDIT RUSAK: peristiwa #${rows[1]!.id}`);
    // Five CLI processes, each starting Node and Prisma: ~30 s on a busy two-core machine.
  }, 120_000);
});
