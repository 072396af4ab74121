import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliActor } from "@/server/audit/system-actor.ts";
import { verifyAuditChain } from "@/server/audit/verify-audit-chain.ts";
import { db, disconnectDb, setDatabaseUrl } from "@/server/db/client.ts";
import { openLeadExport } from "@/server/leads/export-leads.ts";
import { failInterruptedExports, INTERRUPTED_EXPORT_REASON } from "@/server/leads/fail-interrupted-exports.ts";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../support/throwaway-database.ts";

// Exports read every business and the sweep reads the whole trail: a database of its own.
const sharedUrl = process.env.DATABASE_URL as string;
let database: ThrowawayDatabase;
let dir: string;
const ROWS = 300_000;

beforeAll(async () => {
  database = await createThrowawayDatabase("exportkill");
  await disconnectDb();
  setDatabaseUrl(database.url);
  dir = await mkdtemp(path.join(tmpdir(), "jangkau-export-kill-"));
  // Enough rows that the file takes seconds to write, so the kill lands mid-file.
  await db.$executeRawUnsafe(
    `INSERT INTO business (id, name, name_core, status, is_lead, priority, sources, latest_period, record_count, match_run_id)
     SELECT g, 'PT USAHA ' || g, 'USAHA ' || g, 'BELUM_TERDAFTAR', true, g % 100, ARRAY['kemnaker-bu'], '2025-S2', 1, 1
     FROM generate_series(1, ${ROWS}) g`,
  );
  await db.$executeRawUnsafe("ANALYZE business");
});

afterAll(async () => {
  await disconnectDb();
  setDatabaseUrl(sharedUrl);
  await database.drop();
  await rm(dir, { recursive: true, force: true });
});

const exportEvents = (exportId: string) =>
  db.auditEvent.findMany({ where: { details: { path: ["exportId"], equals: exportId } }, orderBy: { id: "asc" } });

describe("an export whose process is killed mid-file", () => {
  it("leaves no file reported complete, and is recorded FAILURE (interrupted) at the next start", { timeout: 180_000 }, async () => {
    const out = path.join(dir, "prospek.csv");
    const args = ["cli/bin.mjs", "export", "leads", "--out", out, "--format", "csv", "--json"];
    const env = { ...process.env, DATABASE_URL: database.url };
    const child = spawn(process.execPath, args, { env, stdio: "ignore", detached: true });

    let start;
    for (;;) {
      start = await db.auditEvent.findFirst({ where: { action: "lead.export_start" } });
      if (start) break;
      expect(child.exitCode).toBeNull();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    process.kill(-child.pid!, "SIGKILL");
    await once(child, "exit");
    const exportId = (start.details as { exportId: string }).exportId;

    // Nothing says the file is complete: no file at the target, no SUCCESS.
    expect((await readdir(dir)).filter((name) => !name.endsWith(".part"))).toEqual([]);
    expect((await exportEvents(exportId)).map((e) => e.action)).toEqual(["lead.export_start"]);

    // The killed process's session ends once the server notices; then the sweep records it.
    const deadline = Date.now() + 30_000;
    let failed = 0;
    while (failed === 0 && Date.now() < deadline) {
      failed = await failInterruptedExports();
      if (failed === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(failed).toBe(1);
    const events = await exportEvents(exportId);
    expect(events.map((e) => [e.action, e.outcome, e.reason])).toEqual([
      ["lead.export_start", "SUCCESS", null],
      ["lead.export", "FAILURE", INTERRUPTED_EXPORT_REASON],
    ]);
    expect(events[1]).toMatchObject({ actorUsername: cliActor().username, actorRole: "CLI", objectType: "lead_export", objectId: "prospek.csv" });
    expect(events[1]!.details).toMatchObject({ exportId, format: "csv", sort: "prioritas desc" });
    // Once only, however many processes start afterwards; the chain stays intact.
    expect(await failInterruptedExports()).toBe(0);
    expect((await verifyAuditChain()).ok).toBe(true);

    // The next export to the same place succeeds, and takes the dead one's partial file with it.
    const rerun = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "inherit"] });
    let stdout = "";
    rerun.stdout.on("data", (chunk) => (stdout += chunk));
    const [code] = await once(rerun, "exit");
    expect(code).toBe(0);
    expect(JSON.parse(stdout.trim().split("\n").at(-1)!)).toMatchObject({ status: "exported", rows: ROWS });
    expect(await readdir(dir)).toEqual(["prospek.csv"]);
  });

  it("leaves an export that is still being written alone", { timeout: 60_000 }, async () => {
    const requestId = `live-${Date.now()}`;
    const opened = await openLeadExport({
      filter: {},
      scope: { kind: "all" },
      actorId: null,
      format: "csv",
      actor: cliActor(),
      context: { ip: null, userAgent: "vitest", requestId },
      fileName: "lambat.csv",
    });
    // A reader that takes its time: the export waits on it, alive.
    const output = new PassThrough({ highWaterMark: 16 * 1024 });
    const writing = opened.writeTo(output);
    while ((await db.auditEvent.count({ where: { requestId, action: "lead.export_start" } })) === 0) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await failInterruptedExports()).toBe(0);
    output.resume();
    await expect(writing).resolves.toMatchObject({ rows: ROWS });
    expect((await db.auditEvent.findMany({ where: { requestId }, orderBy: { id: "asc" } })).map((e) => [e.action, e.outcome])).toEqual([
      ["lead.export_start", "SUCCESS"],
      ["lead.export", "SUCCESS"],
    ]);
    expect(await failInterruptedExports()).toBe(0);
  });
});
