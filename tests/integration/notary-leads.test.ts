import { randomUUID } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayWib } from "@/lib/leads/follow-up.ts";
import type { LeadFilter } from "@/lib/leads/lead-filter.ts";
import { emptyLeadListState, leadListHref, parseLeadListState } from "@/lib/leads/lead-url-state.ts";
import type { SourceId } from "@/lib/sources.ts";
import { regionScopeFor, type RegionScope } from "@/server/access/region-scope.ts";
import type { AuditActor } from "@/server/audit/append-audit-event.ts";
import { SYSTEM_ACTOR } from "@/server/audit/system-actor.ts";
import { getRegionCoverage, resolveDashboardView } from "@/server/dashboard/get-coverage.ts";
import { getNotaryCoverage } from "@/server/dashboard/get-notary-coverage.ts";
import { db, disconnectDb, setDatabaseUrl } from "@/server/db/client.ts";
import { assignLeads } from "@/server/followup/assign-leads.ts";
import { recordActivity } from "@/server/followup/record-activity.ts";
import { importFile } from "@/server/ingest/import-file.ts";
import { exportLeads } from "@/server/leads/export-leads.ts";
import { findLeads } from "@/server/leads/find-leads.ts";
import { getLeadDetail } from "@/server/leads/get-lead-detail.ts";
import { revealPersonalData } from "@/server/leads/reveal-personal-data.ts";
import { runMatch } from "@/server/matching/run-match.ts";
import { ensureRegionsLoaded } from "@/server/regions/load-regions.ts";
import { createTestUser, NO_CONTEXT } from "../support/factories.ts";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../support/throwaway-database.ts";

/**
 * Notaries as leads: the match run turns AHU's notaries BPJS does not register, or registers as
 * inactive, into leads of their own kind in their work area, keeps their ids across runs, and
 * follows their JKN status; the lead list, lead page, export and dashboard treat them by the
 * region scope and masking rules of businesses, and the businesses' figures never count them.
 * Small files, a database of their own.
 */

let database: ThrowawayDatabase;
let work: string;
const OLD = "2025-S1";
const NEW = "2025-S2";

const SITI = "3273015505800001"; // Kota Bandung, not in BPJS's participants
const BUDI = "3578011203750002"; // Kota Surabaya, registered but inactive
const RINA = "3273016607820003"; // Kota Bandung, registered and active
const SITI_PHONE = "022-7201234";
const SITI_EMAIL = "kantor@notaris-siti.co.id";

type TestUser = Awaited<ReturnType<typeof createTestUser>>;
let bandungOfficer: TestUser;
let surabayaOfficer: TestUser;
let supervisor: TestUser;
const asActor = (u: TestUser): AuditActor => ({ id: u.id, username: u.username, role: u.role });
const scopeOf = (u: TestUser): RegionScope => regionScopeFor(u.role, u.regionCodes);

async function importCsv(source: SourceId, period: string, lines: string[]) {
  const file = path.join(work, `${source}-${randomUUID()}.csv`);
  await writeFile(file, `${lines.join("\r\n")}\r\n`);
  const summary = await importFile({ source, period, filePath: file, originalName: `${source}.csv`, channel: "CLI", actor: SYSTEM_ACTOR, context: NO_CONTEXT });
  expect(summary.rejected).toBe(0);
  return summary;
}

async function notaryRow(nik: string) {
  const link = await db.businessRecord.findFirstOrThrow({ where: { source: "ahu-notaris", fingerprint: `ahu-notaris/nik/${nik}` } });
  return db.business.findUniqueOrThrow({ where: { id: link.businessId } });
}

async function listed(filter: LeadFilter, scope: RegionScope) {
  const page = await findLeads({ state: { ...emptyLeadListState(), filter }, scope, actorId: null });
  return page.rows;
}

async function exportCsv(filter: LeadFilter, scope: RegionScope): Promise<string[][]> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on("data", (chunk: Buffer) => chunks.push(chunk));
  await exportLeads({ filter, scope, format: "csv", output, actor: SYSTEM_ACTOR, context: NO_CONTEXT, fileName: "prospek.csv" });
  return parse(Buffer.concat(chunks).toString("utf8"), { bom: true }) as string[][];
}

beforeAll(async () => {
  database = await createThrowawayDatabase("notaris");
  await disconnectDb();
  setDatabaseUrl(database.url);
  process.env.DATABASE_URL = database.url;
  await ensureRegionsLoaded({ url: database.url });
  work = await mkdtemp(path.join(tmpdir(), "jangkau-notaris-"));
  process.env.JANGKAU_STORAGE_DIR = path.join(work, "storage");
  [bandungOfficer, surabayaOfficer, supervisor] = await Promise.all([
    createTestUser({ role: "OFFICER", regionCodes: ["32.73"] }),
    createTestUser({ role: "OFFICER", regionCodes: ["35.78"] }),
    createTestUser({ role: "SUPERVISOR", regionCodes: ["32", "35"] }),
  ]);

  // One business, so the businesses' own figures have something to count.
  await importCsv("kemnaker-bu", OLD, [
    "Kode Pendaftaran WLKP,NPWP,Nama Pemberi Kerja,Jumlah Pekerja,Kode Kabupaten",
    "WLKP-1,01.312.166.0-091.000,PT Sinar Jaya,40,32.73",
  ]);
  await importCsv("ahu-notaris", OLD, [
    "Nomor Induk Kependudukan (NIK),Nama Notaris,NPWP,Provinsi,Kabupaten/Kota,Alamat Lengkap,Nomor Telepon,Alamat Email",
    `${SITI},Siti Aminah,${SITI},JAWA BARAT,KOTA BANDUNG,Jl. Braga 1,${SITI_PHONE},${SITI_EMAIL}`,
    `${BUDI},Budi Santoso,,JAWA TIMUR,KOTA SURABAYA,Jl. Tunjungan 2,,`,
    `${RINA},Rina Wati,,JAWA BARAT,KOTA BANDUNG,Jl. Dago 3,,`,
  ]);
  await importCsv("bpjs-peserta", OLD, [
    "NIK,Segmentasi Kepesertaan JKN,Status Terdaftar JKN,Status Aktif,Tahun Kepesertaan JKN",
    `${BUDI},PBPU,Sudah terdaftar JKN,Tidak aktif,2018`,
    `${RINA},PBPU,Sudah terdaftar JKN,Aktif,2019`,
  ]);
  // A worker whose employer NPWP is the notary's: the worker pass looks for employers among
  // businesses only, so it finds none rather than the notary.
  await importCsv("kemnaker-tk", OLD, ["NIK,Nama Tenaga Kerja,NPWP Pemberi Kerja", `3273014202850002,Dewi,${SITI}`]);
  await runMatch({ kind: "FULL", actor: SYSTEM_ACTOR });
}, 180_000);

afterAll(async () => {
  await disconnectDb();
  await database?.drop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe("the match run writes notaries as leads", () => {
  it("turns unregistered and inactive notaries into leads in their work area; an active one is no lead", async () => {
    const siti = await notaryRow(SITI);
    expect(siti).toMatchObject({ kind: "NOTARIS", name: "Siti Aminah", status: "BELUM_TERDAFTAR", isLead: true, provinceCode: "32", regencyCode: "32.73" });
    expect(siti.priority).toBeGreaterThan(0);
    expect(siti.sources).toEqual(["ahu-notaris"]);
    expect(await notaryRow(BUDI)).toMatchObject({ kind: "NOTARIS", status: "TERDAFTAR_NONAKTIF", isLead: true, regencyCode: "35.78" });
    expect(await notaryRow(RINA)).toMatchObject({ kind: "NOTARIS", status: "TERDAFTAR_AKTIF", isLead: false, priority: 0 });
    // Never merged with a business: the business stays alone with its own record.
    const business = await db.business.findFirstOrThrow({ where: { kind: "BADAN_USAHA" } });
    expect(business.sources).toEqual(["kemnaker-bu"]);
    // Nor taken for an employer by the worker pass.
    expect((await db.workerStatus.findFirstOrThrow({ where: { nik: "3273014202850002" } })).businessId).toBeNull();
    expect(siti.workersListed).toBeNull();
  });

  it("lists notaries under Jenis: Notaris, businesses under Badan usaha, inside the caller's regions", async () => {
    const notaries = await listed({ kind: "NOTARIS" }, scopeOf(bandungOfficer));
    expect(notaries.map((r) => [r.name, r.kind])).toEqual([["Siti Aminah", "NOTARIS"]]);
    // The notary's NPWP is its NIK: masked in the list row.
    expect(notaries[0]!.npwp).not.toContain(SITI.slice(4, 12));
    expect((await listed({ kind: "BADAN_USAHA" }, scopeOf(bandungOfficer))).map((r) => r.kind)).toEqual(["BADAN_USAHA"]);
    // Without a kind, both: the default list is unchanged for businesses.
    expect((await listed({}, scopeOf(bandungOfficer))).map((r) => r.kind).sort()).toEqual(["BADAN_USAHA", "NOTARIS"]);
    expect((await listed({ kind: "NOTARIS" }, scopeOf(surabayaOfficer))).map((r) => r.name)).toEqual(["Budi Santoso"]);
    // The URL carries the kind: a link reproduces the view.
    const href = leadListHref({ ...emptyLeadListState(), filter: { kind: "NOTARIS" } });
    expect(href).toBe("/prospek?jenis=notaris");
    expect(parseLeadListState(new URLSearchParams("jenis=notaris")).filter.kind).toBe("NOTARIS");
    expect(parseLeadListState(new URLSearchParams("jenis=apa")).filter.kind).toBeUndefined();
  });

  it("shows the notary's NIK, telephone and e-mail masked on its page; Tampilkan reveals them", async () => {
    const siti = await notaryRow(SITI);
    const detail = await getLeadDetail({ businessId: siti.id, scope: scopeOf(bandungOfficer), actor: asActor(bandungOfficer), context: NO_CONTEXT });
    expect(detail).toMatchObject({ kind: "NOTARIS", name: "Siti Aminah" });
    const json = JSON.stringify(detail);
    expect(json).not.toContain(SITI);
    expect(json).not.toContain("7201234");
    expect(json).not.toContain(SITI_EMAIL);
    expect(detail!.nik).toMatchObject({ kind: "nik", masked: "3273••••••••0001" });
    expect(detail!.contact.phone).toMatchObject({ kind: "phone" });
    expect(detail!.contact.email).toMatchObject({ kind: "email" });
    const revealed = await revealPersonalData({ businessId: siti.id, scope: scopeOf(bandungOfficer), actor: asActor(bandungOfficer), context: NO_CONTEXT });
    expect(Object.values(revealed)).toEqual(expect.arrayContaining([SITI, SITI_EMAIL]));
  });

  it("keeps another region's notary out of reach: not listed, not opened, not exported", async () => {
    const siti = await notaryRow(SITI);
    expect(await listed({ kind: "NOTARIS", businessIds: [String(siti.id)] }, scopeOf(surabayaOfficer))).toEqual([]);
    expect(await getLeadDetail({ businessId: siti.id, scope: scopeOf(surabayaOfficer), actor: asActor(surabayaOfficer), context: NO_CONTEXT })).toBeNull();
    const [header, ...rows] = await exportCsv({ kind: "NOTARIS" }, scopeOf(surabayaOfficer));
    expect(rows.map((r) => r[header!.indexOf("Nama Badan Usaha")])).toEqual(["Budi Santoso"]);
    expect(rows.map((r) => r[header!.indexOf("Jenis")])).toEqual(["Notaris"]);
  });

  it("exports a notary's telephone, e-mail and NPWP masked", async () => {
    const [header, ...rows] = await exportCsv({ kind: "NOTARIS" }, scopeOf(bandungOfficer));
    const text = rows.flat().join("\n");
    expect(rows).toHaveLength(1);
    expect(text).not.toContain(SITI);
    expect(text).not.toContain("7201234");
    expect(text).not.toContain(SITI_EMAIL);
    expect(rows[0]![header!.indexOf("Telepon")]).toMatch(/•/);
  });
});

describe("follow-up on a notary lead", () => {
  it("survives a re-run (same id) and closes when BPJS's next participant file shows the notary active", async () => {
    const before = await notaryRow(SITI);
    const due = new Date(`${todayWib()}T00:00:00Z`);
    due.setUTCDate(due.getUTCDate() + 14);
    await assignLeads({
      target: { kind: "ids", businessIds: [before.id] },
      officerId: bandungOfficer.id,
      dueDate: due.toISOString().slice(0, 10),
      scope: scopeOf(supervisor),
      actor: asActor(supervisor),
      context: NO_CONTEXT,
    });
    await recordActivity({
      input: { businessId: String(before.id), kind: "KUNJUNGAN", occurredOn: todayWib(), outcome: "Bertemu notaris", note: "Kantor 6 staf", newStatus: "DIKUNJUNGI" },
      scope: scopeOf(bandungOfficer),
      actor: asActor(bandungOfficer),
      context: NO_CONTEXT,
    });

    await runMatch({ kind: "FULL", actor: SYSTEM_ACTOR });
    const again = await notaryRow(SITI);
    expect(again.id).toBe(before.id);
    expect(await db.leadFollowUp.findUniqueOrThrow({ where: { businessId: before.id } })).toMatchObject({ status: "DIKUNJUNGI", assignedToId: bandungOfficer.id });

    // A new participant file: Siti registered and active, Budi no longer listed.
    const batch = await importCsv("bpjs-peserta", NEW, [
      "NIK,Segmentasi Kepesertaan JKN,Status Terdaftar JKN,Status Aktif,Tahun Kepesertaan JKN",
      `${SITI},PPU BU,Sudah terdaftar JKN,Aktif,2025`,
      `${RINA},PBPU,Sudah terdaftar JKN,Aktif,2019`,
    ]);
    await runMatch({ kind: "INCREMENTAL", batchId: batch.batchId, actor: SYSTEM_ACTOR });
    const after = await notaryRow(SITI);
    expect(after).toMatchObject({ id: before.id, status: "TERDAFTAR_AKTIF", isLead: false });
    expect(await db.leadFollowUp.findUniqueOrThrow({ where: { businessId: before.id } })).toMatchObject({ status: "TERDAFTAR", closedBy: "import" });
    expect(await notaryRow(BUDI)).toMatchObject({ status: "BELUM_TERDAFTAR", isLead: true });
  });
});

describe("the dashboard counts notaries apart", () => {
  it("shows notary figures per region in scope, and never counts a notary as a business", async () => {
    const adminView = (await resolveDashboardView({ kind: "all" }, null))!;
    const all = await getNotaryCoverage(adminView);
    expect(all.total).toEqual({ total: 3, active: 2, inactive: 0, unregistered: 1, assigned: 0 });
    expect(all.units!.find((u) => u.code === "32")!.figures).toMatchObject({ total: 2, active: 2 });
    expect(all.units!.find((u) => u.code === "35")!.figures).toMatchObject({ total: 1, unregistered: 1 });

    const surabaya = (await resolveDashboardView(scopeOf(surabayaOfficer), null))!;
    expect((await getNotaryCoverage(surabaya)).total.total).toBe(1);

    // The businesses' coverage: the one business, no notary.
    const coverage = await getRegionCoverage(adminView, "badan-usaha");
    const businesses = Object.values(coverage.total.byStatus).reduce((n, f) => n + f.businesses, 0);
    expect(businesses).toBe(await db.business.count({ where: { kind: "BADAN_USAHA" } }));
    expect(businesses).toBe(1);
  });
});
