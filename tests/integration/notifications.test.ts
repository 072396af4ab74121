import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayWib } from "@/lib/leads/follow-up.ts";
import { regionScopeFor } from "@/server/access/region-scope.ts";
import type { AuditActor } from "@/server/audit/append-audit-event.ts";
import { SYSTEM_ACTOR } from "@/server/audit/system-actor.ts";
import { db, disconnectDb, setDatabaseUrl } from "@/server/db/client.ts";
import { assignLeads } from "@/server/followup/assign-leads.ts";
import { findNotifications } from "@/server/notifications/find-notifications.ts";
import { markNotificationsRead } from "@/server/notifications/mark-notifications-read.ts";
import { notifyDaily } from "@/server/notifications/notify-daily.ts";
import { notifyImportOutcome } from "@/server/notifications/notify-import-outcome.ts";
import { notifyWaitingReviews } from "@/server/notifications/notify-waiting-reviews.ts";
import { sendNotificationMails } from "@/server/notifications/send-notification-mails.ts";
import { setNotifyEmail } from "@/server/notifications/set-notify-email.ts";
import { businessRow, createTestUser, NO_CONTEXT } from "../support/factories.ts";
import { startSmtpSink } from "../support/smtp-sink.ts";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../support/throwaway-database.ts";

/** The inbox: who hears of what, once, only their own; and the mail outbox. */
let database: ThrowawayDatabase;
type TestUser = Awaited<ReturnType<typeof createTestUser>>;
let bandungOfficer: TestUser;
let surabayaOfficer: TestUser;
let westJavaSupervisor: TestUser;
let eastJavaSupervisor: TestUser;
let admin: TestUser;
let admin2: TestUser;

const asActor = (u: TestUser): AuditActor => ({ id: u.id, username: u.username, role: u.role });
const day = (offset: number) => {
  const d = new Date(`${todayWib()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
};
const inbox = async (u: TestUser) => (await findNotifications(u.id, 1)).items;

beforeAll(async () => {
  database = await createThrowawayDatabase("notify");
  process.env.DATABASE_URL = database.url;
  setDatabaseUrl(database.url);
  // One at a time: each is a transaction, and a busy machine need not juggle six at once.
  bandungOfficer = await createTestUser({ role: "OFFICER", regionCodes: ["32.73"] });
  surabayaOfficer = await createTestUser({ role: "OFFICER", regionCodes: ["35.78"] });
  westJavaSupervisor = await createTestUser({ role: "SUPERVISOR", regionCodes: ["32"] });
  eastJavaSupervisor = await createTestUser({ role: "SUPERVISOR", regionCodes: ["35"] });
  admin = await createTestUser({ role: "ADMIN" });
  admin2 = await createTestUser({ role: "ADMIN" });
  await db.business.createMany({
    data: [
      businessRow(1, { provinceCode: "32", regencyCode: "32.73", name: "PT SINAR JAYA", legalForm: "PT" }),
      businessRow(2, { provinceCode: "32", regencyCode: "32.73", name: "CV MAJU", legalForm: "CV" }),
      businessRow(3, { provinceCode: "32", regencyCode: "32.73", name: "PT TIGA", legalForm: "PT" }),
    ],
  });
});

afterAll(async () => {
  delete process.env.JANGKAU_SMTP_URL;
  await disconnectDb();
  await database?.drop();
});

describe("notices", () => {
  it("tell an officer of leads assigned to them, naming a single business, counting several", async () => {
    const scope = regionScopeFor("SUPERVISOR", ["32"]);
    await assignLeads({ target: { kind: "ids", businessIds: [1n] }, officerId: bandungOfficer.id, dueDate: day(7), scope, actor: asActor(westJavaSupervisor), context: NO_CONTEXT });
    await assignLeads({ target: { kind: "ids", businessIds: [2n, 3n] }, officerId: bandungOfficer.id, dueDate: day(7), scope, actor: asActor(westJavaSupervisor), context: NO_CONTEXT });
    const mine = await inbox(bandungOfficer);
    expect(mine.map((n) => [n.kind, n.title, n.href])).toEqual([
      ["LEAD_ASSIGNED", "2 prospek ditugaskan kepada Anda", "/tindak-lanjut"],
      ["LEAD_ASSIGNED", "Prospek ditugaskan kepada Anda: PT SINAR JAYA", "/prospek/1"],
    ]);
    expect(mine[0]!.body).toContain(westJavaSupervisor.username);
    expect(await inbox(surabayaOfficer)).toEqual([]);
  });

  it("are marked read only by their owner", async () => {
    const [latest] = await inbox(bandungOfficer);
    expect(await markNotificationsRead(surabayaOfficer.id, [BigInt(latest!.id)])).toBe(0);
    expect(await markNotificationsRead(bandungOfficer.id, [BigInt(latest!.id)])).toBe(1);
    const page = await findNotifications(bandungOfficer.id, 1);
    expect(page.unread).toBe(1);
    expect(page.items.find((n) => n.id === latest!.id)!.read).toBe(true);
    expect(await markNotificationsRead(bandungOfficer.id, "all")).toBe(1);
  });

  it("count follow-ups due today and overdue once a day, per officer", async () => {
    await db.leadFollowUp.update({ where: { businessId: 1n }, data: { dueDate: new Date(`${day(0)}T00:00:00Z`) } });
    await db.leadFollowUp.update({ where: { businessId: 2n }, data: { dueDate: new Date(`${day(-3)}T00:00:00Z`) } });
    // Closed leads are not due.
    await db.leadFollowUp.update({ where: { businessId: 3n }, data: { dueDate: new Date(`${day(-3)}T00:00:00Z`), status: "TERDAFTAR" } });
    const first = await notifyDaily();
    expect(first.followUps).toBe(1);
    const due = (await inbox(bandungOfficer)).find((n) => n.kind === "FOLLOW_UP_DUE");
    expect(due).toMatchObject({ title: "Tindak lanjut: 1 jatuh tempo hari ini, 1 lewat tenggat", href: "/tindak-lanjut?tampil=terlambat" });
    expect((await notifyDaily()).followUps).toBe(0);
  });

  it("tell each reviewer of new pairs in their own regions only", async () => {
    const since = new Date(Date.now() - 1000);
    const batch = await db.importBatch.create({
      data: { source: "kemnaker-bu", period: "2025-S2", channel: "CLI", fileSha256: "a".repeat(64), fileSize: 1n, dataRows: 2, accepted: 2, rejected: 0, duplicates: 0, warnings: 0, actorUsername: "uji" },
    });
    const [left, right] = await Promise.all(
      ["PT ANEKA", "PT ANEKA JAYA"].map((name, i) => db.sourceRecord.create({ data: { batchId: batch.id, source: "kemnaker-bu", line: i + 2, name } })),
    );
    await db.matchReview.create({ data: { leftFingerprint: "l", rightFingerprint: "r", leftRecordId: left!.id, rightRecordId: right!.id, regencyCode: "32.73", score: 0.8 } });
    await notifyWaitingReviews(42, since);
    expect((await inbox(westJavaSupervisor)).filter((n) => n.kind === "REVIEW_WAITING").map((n) => n.title)).toEqual(["1 pasangan entitas baru menunggu tinjauan"]);
    expect((await inbox(eastJavaSupervisor)).filter((n) => n.kind === "REVIEW_WAITING")).toEqual([]);
    expect((await inbox(admin)).filter((n) => n.kind === "REVIEW_WAITING")).toHaveLength(1);
    // The same run told twice is told once.
    await notifyWaitingReviews(42, since);
    expect((await inbox(admin)).filter((n) => n.kind === "REVIEW_WAITING")).toHaveLength(1);
  });

  it("tell whoever started an import how it ended; nobody's import goes to every admin, masked", async () => {
    await notifyImportOutcome({ key: "job-1", source: "kemnaker-bu", period: "2025-S2", fileName: "wlkp.csv", actor: asActor(admin), failure: null, accepted: 1200, rejected: 3 });
    expect((await inbox(admin)).find((n) => n.kind === "IMPORT_FINISHED")).toMatchObject({
      title: "Impor selesai: wlkp.csv — Kemnaker — Badan Usaha (WLKP, Lampiran I.1) 2025-S2",
      body: "1.200 baris diterima, 3 ditolak.",
    });
    expect((await inbox(admin2)).filter((n) => n.kind === "IMPORT_FINISHED")).toEqual([]);

    await notifyImportOutcome({ key: "sftp-1", source: "bpjs-bu", period: "2025-S2", fileName: "bu.csv", actor: SYSTEM_ACTOR, failure: "Kolom rusak pada NIK 3273011708450001" });
    for (const someone of [admin, admin2]) {
      const failed = (await inbox(someone)).find((n) => n.kind === "IMPORT_FAILED");
      expect(failed?.body).not.toContain("3273011708450001");
    }
    expect((await inbox(westJavaSupervisor)).filter((n) => n.kind === "IMPORT_FAILED")).toEqual([]);
  });
});

describe("mail", () => {
  it("sends pending notices to their owners' addresses once SMTP is set, skipping users without one", async () => {
    const sink = await startSmtpSink();
    try {
      process.env.JANGKAU_SMTP_URL = sink.url;
      process.env.JANGKAU_MAIL_FROM = "jangkau@bpjs-kesehatan.go.id";
      await setNotifyEmail({ ...asActor(bandungOfficer), id: bandungOfficer.id }, "petugas.bandung@bpjs-kesehatan.go.id", NO_CONTEXT);
      const scope = regionScopeFor("ADMIN", []);
      await db.leadFollowUp.update({ where: { businessId: 3n }, data: { status: "BARU" } });
      await assignLeads({ target: { kind: "ids", businessIds: [3n] }, officerId: bandungOfficer.id, dueDate: day(3), scope, actor: asActor(admin), context: NO_CONTEXT });
      await notifyImportOutcome({ key: "job-2", source: "kemnaker-bu", period: "2025-S2", fileName: "x.csv", actor: asActor(admin2), failure: null, accepted: 1, rejected: 0 });

      expect(await sendNotificationMails()).toEqual({ sent: 1, skipped: 1, failed: 0 });
      expect(sink.mails).toHaveLength(1);
      expect(sink.mails[0]!.to).toEqual(["petugas.bandung@bpjs-kesehatan.go.id"]);
      expect(sink.mails[0]!.data).toContain("Subject: [Jangkau] Prospek ditugaskan kepada Anda: PT TIGA");
      expect(sink.mails[0]!.data).toContain("/prospek/3");
      // Nothing left to send.
      expect(await sendNotificationMails()).toEqual({ sent: 0, skipped: 0, failed: 0 });
      // The address change is audited without the address.
      const event = await db.auditEvent.findFirstOrThrow({ where: { action: "account.notify_email" } });
      expect(JSON.stringify(event, (_key, value: unknown) => (typeof value === "bigint" ? String(value) : value))).not.toContain("petugas.bandung");
    } finally {
      delete process.env.JANGKAU_SMTP_URL;
      delete process.env.JANGKAU_MAIL_FROM;
      await sink.close();
    }
  });
});
