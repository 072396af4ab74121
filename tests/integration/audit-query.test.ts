import { createHash, randomBytes, randomUUID } from "node:crypto";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { parseAuditFilter, jakartaIsoDate, type AuditFilter } from "@/lib/audit-filter.ts";
import { recordAuditEvent, type AuditActor, type AuditEventInput } from "@/server/audit/append-audit-event.ts";
import { exportAuditEvents } from "@/server/audit/export-audit-events.ts";
import { findAuditEvents } from "@/server/audit/find-audit-events.ts";
import { db } from "@/server/db/client.ts";
import type { RequestContext } from "@/server/http/request-context.ts";

// Other files write audit events into the same database at the same time: every query here is
// narrowed to this run's own actors through the actor filter, and no global count is assumed.
const tag = `aq${randomBytes(4).toString("hex")}`;
const ani: AuditActor = { id: randomUUID(), username: `${tag}-ani`, role: "ADMIN" };
const budi: AuditActor = { id: randomUUID(), username: `${tag}-budi`, role: "AUDITOR" };
const exporter: AuditActor = { id: randomUUID(), username: `eksportir-${randomBytes(4).toString("hex")}`, role: "AUDITOR" };

const NIK = "3273010101010001";
const PHONE = "081234567890";
const EMAIL = "siti.rahma@contoh.co.id";

function context(): RequestContext {
  return { ip: "10.1.2.3", userAgent: "vitest", requestId: randomUUID() };
}

function filterOf(fields: Record<string, string>): AuditFilter {
  return parseAuditFilter(fields);
}

const SEEDED: AuditEventInput[] = [
  { action: "user.create", actor: ani, objectType: "user", objectId: "u-1", details: { username: "petugas1", role: "OFFICER" } },
  { action: "user.update", actor: ani, objectType: "user", objectId: "u-1", details: { fields: ["name"] } },
  { action: "access.deny", outcome: "DENIED", actor: budi, objectType: "route", objectId: "@evil", reason: "missing_permission:users.manage" },
  { action: "auth.sign_in_failed", outcome: "FAILURE", actor: budi, reason: '=HYPERLINK("http://contoh.invalid","klik")' },
  {
    action: "search.run",
    actor: ani,
    reason: "-2+3",
    region: "\t32.73",
    details: { query: "=1+2", nik: NIK, note: `hubungi ${PHONE}`, contact: EMAIL, nested: { ktp: NIK } },
  },
];

let seededIds: string[] = [];

beforeAll(async () => {
  for (const event of SEEDED) await recordAuditEvent({ ...event, context: context() });
  const rows = await db.auditEvent.findMany({ where: { actorUsername: { startsWith: tag } }, orderBy: { id: "asc" }, select: { id: true } });
  seededIds = rows.map((r) => r.id.toString());
  expect(seededIds).toHaveLength(SEEDED.length);
});

describe("findAuditEvents", () => {
  it("lists the matching events newest first, with an exact count when few match", async () => {
    const page = await findAuditEvents({ filter: filterOf({ pelaku: tag }) });
    expect(page.events.map((e) => e.id)).toEqual([...seededIds].reverse());
    expect(page.matched).toEqual({ count: 5, capped: false });
    expect(page.nextBefore).toBeNull();
    expect(page.events[0]).toMatchObject({ action: "search.run", actorUsername: ani.username, actorRole: "ADMIN", ip: "10.1.2.3" });
    expect(typeof page.events[0]?.id).toBe("string");
  });

  it("filters by part of the actor's name, ignoring case", async () => {
    const page = await findAuditEvents({ filter: filterOf({ pelaku: `${tag}-ANI` }) });
    expect(page.events.map((e) => e.actorUsername)).toEqual([ani.username, ani.username, ani.username]);
    // Typed text is matched literally: % and _ are not wildcards.
    expect((await findAuditEvents({ filter: filterOf({ pelaku: `${tag}%ani` }) })).events).toEqual([]);
    expect((await findAuditEvents({ filter: filterOf({ pelaku: `${tag}_ani` }) })).events).toEqual([]);
  });

  it("filters by action, outcome and object", async () => {
    const byAction = await findAuditEvents({ filter: filterOf({ pelaku: tag, aksi: "user.update" }) });
    expect(byAction.events.map((e) => e.action)).toEqual(["user.update"]);

    const denied = await findAuditEvents({ filter: filterOf({ pelaku: tag, hasil: "DENIED" }) });
    expect(denied.events.map((e) => [e.action, e.outcome])).toEqual([["access.deny", "DENIED"]]);
    const failed = await findAuditEvents({ filter: filterOf({ pelaku: tag, hasil: "FAILURE" }) });
    expect(failed.events.map((e) => e.action)).toEqual(["auth.sign_in_failed"]);

    const byObject = await findAuditEvents({ filter: filterOf({ pelaku: tag, objek: "user", id_objek: "u-1" }) });
    expect(byObject.events.map((e) => e.action)).toEqual(["user.update", "user.create"]);
    expect((await findAuditEvents({ filter: filterOf({ pelaku: tag, objek: "user", id_objek: "u-2" }) })).events).toEqual([]);
  });

  it("filters by Asia/Jakarta calendar days, both ends inclusive", async () => {
    const [first] = (await findAuditEvents({ filter: filterOf({ pelaku: tag }) })).events.slice(-1);
    const day = jakartaIsoDate(first!.occurredAt);
    const shift = (days: number) => jakartaIsoDate(new Date(first!.occurredAt.getTime() + days * 86_400_000));

    const sameDay = await findAuditEvents({ filter: filterOf({ pelaku: tag, dari: day, sampai: day }) });
    expect(sameDay.events.map((e) => e.id)).toContain(first!.id);
    expect((await findAuditEvents({ filter: filterOf({ pelaku: tag, dari: shift(-1), sampai: shift(1) }) })).matched.count).toBe(5);
    expect((await findAuditEvents({ filter: filterOf({ pelaku: tag, sampai: shift(-1) }) })).events).toEqual([]);
    expect((await findAuditEvents({ filter: filterOf({ pelaku: tag, dari: shift(1) }) })).events).toEqual([]);
  });

  it("pages by id: no event twice or skipped, and older pages do not move when new events arrive", async () => {
    const filter = filterOf({ pelaku: tag });
    const first = await findAuditEvents({ filter, pageSize: 2 });
    const second = await findAuditEvents({ filter: { ...filter, before: first.nextBefore! }, pageSize: 2 });
    const third = await findAuditEvents({ filter: { ...filter, before: second.nextBefore! }, pageSize: 2 });
    expect(first.events).toHaveLength(2);
    expect(second.events).toHaveLength(2);
    expect(third.events).toHaveLength(1);
    expect(third.nextBefore).toBeNull();
    const ids = [...first.events, ...second.events, ...third.events].map((e) => e.id);
    expect(ids).toEqual([...seededIds].reverse());
    // The count describes the filter, not the page.
    expect(second.matched.count).toBe(5);

    const newcomer: AuditActor = { id: randomUUID(), username: `${tag}-cici`, role: "OFFICER" };
    await recordAuditEvent({ action: "page.view", actor: newcomer, context: context() });
    const secondAgain = await findAuditEvents({ filter: { ...filter, before: first.nextBefore! }, pageSize: 2 });
    expect(secondAgain.events.map((e) => e.id)).toEqual(second.events.map((e) => e.id));
    expect((await findAuditEvents({ filter, pageSize: 2 })).events[0]?.actorUsername).toBe(newcomer.username);
  });
});

describe("exportAuditEvents", () => {
  it("writes a UTF-8 CSV with BOM, an Indonesian header row and the filtered events, newest first", async () => {
    const filter = filterOf({ pelaku: tag, dari: "2000-01-01" });
    const expectedIds = (await findAuditEvents({ filter })).events.map((e) => e.id);
    const file = await exportAuditEvents({ filter, actor: exporter, context: context() });
    const bytes = Buffer.from(file.body);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(file.filename).toMatch(/^jejak-audit-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(file.filename).toBe(`jejak-audit-${jakartaIsoDate(new Date())}.csv`);

    const text = bytes.toString("utf8");
    expect(text).toContain("\r\n");
    const [header, ...rows] = parse(text, { bom: true }) as string[][];
    expect(header).toEqual([
      "ID",
      "Waktu (WIB)",
      "Waktu (UTC)",
      "Pelaku",
      "Peran pelaku",
      "Kode aksi",
      "Aksi",
      "Jenis objek",
      "ID objek",
      "Wilayah",
      "Hasil",
      "Alasan",
      "IP",
      "Agen pengguna",
      "ID permintaan",
      "Rincian",
      "Hash",
    ]);
    expect(rows.map((row) => row[0])).toEqual(expectedIds);
    expect(file.rowCount).toBe(expectedIds.length);
    expect(expectedIds).toEqual(expect.arrayContaining(seededIds));
    const denied = rows.find((row) => row[5] === "access.deny")!;
    expect(denied.slice(3, 11)).toEqual([budi.username, "AUDITOR", "access.deny", "Akses ditolak", "route", "'@evil", "", "Ditolak"]);
    expect(denied[1]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });

  it("neutralises cells a spreadsheet would run as formulas, and carries no raw NIK, phone or e-mail", async () => {
    const file = await exportAuditEvents({ filter: filterOf({ pelaku: tag }), actor: exporter, context: context() });
    const text = Buffer.from(file.body).toString("utf8");
    const rows = parse(text, { bom: true }) as string[][];
    const cells = rows.flat();
    expect(cells).toContain(`'=HYPERLINK("http://contoh.invalid","klik")`);
    expect(cells).toContain("'-2+3");
    expect(cells).toContain("'\t32.73");
    expect(cells).toContain("'@evil");
    for (const cell of cells) expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/);

    expect(text).not.toContain(NIK);
    expect(text).not.toContain(PHONE);
    expect(text).not.toContain(EMAIL);
    const search = rows.find((row) => row[5] === "search.run")!;
    expect(JSON.parse(search[15]!)).toEqual({
      query: "=1+2",
      nik: "[disamarkan]",
      note: "[disamarkan]",
      contact: "[disamarkan]",
      nested: { ktp: "[disamarkan]" },
    });
  });

  it("records audit.export with the filter, the row count and the file's SHA-256", async () => {
    const ctx = context();
    const filter = filterOf({ pelaku: tag, hasil: "FAILURE", sebelum: "1" });
    const file = await exportAuditEvents({ filter, actor: exporter, context: ctx });
    expect(file.rowCount).toBe(1); // the page position is ignored: an export is the whole filtered set
    expect(file.sha256).toBe(createHash("sha256").update(file.body).digest("hex"));

    const [event, ...more] = await db.auditEvent.findMany({ where: { requestId: ctx.requestId } });
    expect(more).toEqual([]);
    expect(event).toMatchObject({ action: "audit.export", outcome: "SUCCESS", actorUsername: exporter.username, objectId: file.filename });
    expect(event?.details).toEqual({ filter: { actor: tag, outcome: "FAILURE" }, rowCount: 1, truncated: false, maxRows: 100_000, sha256: file.sha256 });
  });

  it("stops at the cap, keeps the newest rows and says it was truncated", async () => {
    const ctx = context();
    const file = await exportAuditEvents({ filter: filterOf({ pelaku: tag }), actor: exporter, context: ctx, maxRows: 2 });
    const rows = (parse(Buffer.from(file.body).toString("utf8"), { bom: true }) as string[][]).slice(1);
    expect(rows).toHaveLength(2);
    expect(file).toMatchObject({ rowCount: 2, truncated: true });
    const newest = (await findAuditEvents({ filter: filterOf({ pelaku: tag }), pageSize: 2 })).events.map((e) => e.id);
    expect(rows.map((row) => row[0])).toEqual(newest);
    const [event] = await db.auditEvent.findMany({ where: { requestId: ctx.requestId } });
    expect(event?.details).toMatchObject({ rowCount: 2, truncated: true, maxRows: 2 });
  });

  it("exports just the header for a filter nothing matches", async () => {
    const file = await exportAuditEvents({ filter: filterOf({ pelaku: `${tag}-tidak-ada` }), actor: exporter, context: context() });
    expect(file).toMatchObject({ rowCount: 0, truncated: false });
    expect(parse(Buffer.from(file.body).toString("utf8"), { bom: true })).toHaveLength(1);
  });
});
