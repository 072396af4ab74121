import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { parseLeadListState } from "@/lib/leads/lead-url-state.ts";
import type { RegionScope } from "@/server/access/region-scope.ts";
import { recordAuditEvent, type AuditActor } from "@/server/audit/append-audit-event.ts";
import { findAuditEvents } from "@/server/audit/find-audit-events.ts";
import { parseAuditFilter } from "@/lib/audit-filter.ts";
import { db, disconnectDb, setDatabaseUrl } from "@/server/db/client.ts";
import { describeReplicaAtStart, pinReadsToPrimary, replicaStatus } from "@/server/db/read-db.ts";
import { getHealth } from "@/server/health/get-health.ts";
import { countLeadExport } from "@/server/leads/count-lead-export.ts";
import { openLeadExport } from "@/server/leads/export-leads.ts";
import { findLeads } from "@/server/leads/find-leads.ts";
import { ensureRegionsLoaded } from "@/server/regions/load-regions.ts";
import { businessRow } from "../support/factories.ts";
import { collectOutput, readTableFile } from "../support/table-files.ts";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../support/throwaway-database.ts";

/**
 * Two databases stand for the primary and its replica. Rows seeded only in the "replica" show
 * which reads go there; rows that land only in the "primary" show where writes and the audit
 * trail go.
 */

// A request's cookie jar: read-db.ts pins a user to the primary through it.
const jar = vi.hoisted(() => new Map<string, string>());
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
    has: (name: string) => jar.has(name),
    set: (name: string, value: string) => void jar.set(name, value),
  }),
  headers: async () => new Headers(),
}));

let primary: ThrowawayDatabase;
let replica: ThrowawayDatabase;
const ALL: RegionScope = { kind: "all" };
const tag = `replika-${randomUUID().slice(0, 8)}`;
const actor: AuditActor = { id: null, username: tag, role: "ADMIN" };
const context = () => ({ ip: "127.0.0.1", userAgent: "vitest", requestId: randomUUID() });

async function useDatabase(url: string): Promise<void> {
  await disconnectDb();
  process.env.DATABASE_URL = url;
  setDatabaseUrl(url);
}

const leadIds = async () => (await findLeads({ state: parseLeadListState(new URLSearchParams()), scope: ALL, actorId: null, pageSize: 50 })).rows.map((r) => Number(r.id));
const auditedHere = () => db.auditEvent.count({ where: { actorUsername: tag } });

beforeAll(async () => {
  [primary, replica] = await Promise.all([createThrowawayDatabase("primary"), createThrowawayDatabase("replica")]);
  await useDatabase(replica.url);
  await ensureRegionsLoaded();
  const bandung = { provinceCode: "32", regencyCode: "32.73" };
  await db.business.createMany({ data: [businessRow(1, { ...bandung, priority: 90 }), businessRow(2, { ...bandung, priority: 80 })] });
  await recordAuditEvent({ action: "user.create", actor, objectType: "user", objectId: "u-1", context: context() });

  await useDatabase(primary.url);
  await ensureRegionsLoaded();
  process.env.DATABASE_REPLICA_URL = replica.url;
});

afterAll(async () => {
  delete process.env.DATABASE_REPLICA_URL;
  await disconnectDb();
  await Promise.all([primary?.drop(), replica?.drop()]);
});

describe("DATABASE_REPLICA_URL", () => {
  it("sends the lead list and its export count to the replica; the primary has none of those rows", async () => {
    expect(await leadIds()).toEqual([1, 2]);
    expect(await countLeadExport({ filter: {}, scope: ALL, actorId: null, maxRows: 10 })).toMatchObject({ rows: 2 });
    expect(await db.business.count()).toBe(0);
  });

  it("reads the audit list from the replica and writes audit events to the primary", async () => {
    const filter = parseAuditFilter(new URLSearchParams({ pelaku: tag }));
    expect((await findAuditEvents({ filter })).events.map((e) => e.action)).toEqual(["user.create"]);
    expect(await auditedHere()).toBe(0);

    await recordAuditEvent({ action: "user.update", actor, objectType: "user", objectId: "u-1", context: context() });
    expect(await auditedHere()).toBe(1);
    expect((await findAuditEvents({ filter })).events.map((e) => e.action)).toEqual(["user.create"]);
  });

  it("exports the replica's rows and records the export on the primary", async () => {
    const requestId = randomUUID();
    const opened = await openLeadExport({
      filter: {},
      scope: ALL,
      actorId: null,
      format: "csv",
      actor,
      context: { ...context(), requestId },
      fileName: "prospek.csv",
    });
    const { output, bytes } = collectOutput();
    expect((await opened.writeTo(output)).rows).toBe(2);
    expect((await readTableFile(bytes(), "csv")).rows).toHaveLength(3); // header + 2
    const exported = await db.auditEvent.findMany({ where: { action: "lead.export", requestId }, select: { outcome: true } });
    expect(exported.map((e) => e.outcome)).toContain("SUCCESS");
  });

  it("after the user's own change, their reads stay on the primary", async () => {
    jar.clear();
    await pinReadsToPrimary();
    expect(jar.size).toBe(1);
    expect(await leadIds()).toEqual([]);
    jar.clear();
    expect(await leadIds()).toEqual([1, 2]);
  });

  it("without a replica everything reads the primary", async () => {
    delete process.env.DATABASE_REPLICA_URL;
    try {
      expect(await leadIds()).toEqual([]);
    } finally {
      process.env.DATABASE_REPLICA_URL = replica.url;
    }
  });

  it("checks the replica: ok while it answers, and /api/health says so", async () => {
    expect(await replicaStatus()).toMatchObject({ status: "ok", lagSeconds: 0 });
    expect(await describeReplicaAtStart()).toMatch(/^Replika baca tersambung/);
    expect((await getHealth()).replica).toEqual({ status: "ok", lagSeconds: 0 });
  });
});

describe("a replica that is down", () => {
  // Nothing listens on port 1: a stopped or missing server, refused at once.
  const DOWN = "postgresql://jangkau_app:x@127.0.0.1:1/jangkau";

  it("fails no list, count or export: they read the primary; the start and /api/health say it is down", async () => {
    process.env.DATABASE_REPLICA_URL = DOWN;
    try {
      expect(await describeReplicaAtStart()).toMatch(/tidak dapat dihubungi: daftar dibaca dari basis data utama/);
      // The primary's rows (it has none of the replica's two leads), not an error.
      expect(await leadIds()).toEqual([]);
      expect(await countLeadExport({ filter: {}, scope: ALL, actorId: null, maxRows: 10 })).toMatchObject({ rows: 0 });
      const filter = parseAuditFilter(new URLSearchParams({ pelaku: tag }));
      const actions = (await findAuditEvents({ filter })).events.map((e) => e.action);
      expect(actions).toContain("user.update");
      expect(actions).not.toContain("user.create"); // the replica's
      const opened = await openLeadExport({ filter: {}, scope: ALL, actorId: null, format: "csv", actor, context: context(), fileName: "prospek.csv" });
      const { output } = collectOutput();
      expect((await opened.writeTo(output)).rows).toBe(0);
      const health = await getHealth();
      expect(health).toMatchObject({ status: "ok", replica: { status: "down", lagSeconds: null } });
      expect(JSON.stringify(health)).not.toContain("127.0.0.1");
    } finally {
      process.env.DATABASE_REPLICA_URL = replica.url;
    }
    // Back once it answers again.
    expect(await leadIds()).toEqual([1, 2]);
  });
});
