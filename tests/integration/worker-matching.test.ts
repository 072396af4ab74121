import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeNpwp15 } from "@/lib/identifiers/npwp.ts";
import type { SourceId } from "@/lib/sources.ts";
import { SYSTEM_ACTOR } from "@/server/audit/system-actor.ts";
import { db, disconnectDb, setDatabaseUrl } from "@/server/db/client.ts";
import { importFile } from "@/server/ingest/import-file.ts";
import { priorityScore } from "@/server/matching/priority.ts";
import { runMatch } from "@/server/matching/run-match.ts";
import { ensureRegionsLoaded } from "@/server/regions/load-regions.ts";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../support/throwaway-database.ts";

/**
 * The worker pass of a match run: Kemnaker's workers linked to their employer (Kode WLKP, NPWP,
 * NIB) and to BPJS's participants (NIK; passport or KITAS for foreigners), one status per worker,
 * and the exact counts, gap and status on their businesses. In a database of its own: a full run
 * reads every current record.
 */

let database: ThrowawayDatabase;
let work: string;
const context = { ip: null, userAgent: "vitest", requestId: null };
const PERIOD = "2025-S2";

const NPWP = { maju: makeNpwp15("01312166", "091", "000"), sentosa: makeNpwp15("02456789", "012", "000"), karya: makeNpwp15("03111222", "033", "000") };
// NIKs of Kota Bandung (32.73.01), born 1990; a woman's day is +40.
const NIK = {
  here: "3273011505900001",
  elsewhere: "3273015505900002",
  pbi: "3273011606900003",
  none: "3273011707900004",
  inactive: "3273011808900005",
  byNpwp: "3273011909900006",
  orphan: "3273012010900007",
  late: "3273012111900008",
  soleTrader: "3273012212900009",
  // A sole proprietor's NPWP is their NIK.
  owner: "3273016301800010",
};

async function importCsv(source: SourceId, name: string, lines: string[]) {
  const file = path.join(work, name);
  await writeFile(file, lines.join("\n") + "\n");
  const summary = await importFile({ source, period: PERIOD, filePath: file, channel: "CLI", actor: SYSTEM_ACTOR, context });
  expect(summary, name).toMatchObject({ status: "imported", rejected: 0 });
  return summary;
}

/** Kemnaker's worker rows (kemnaker-tk), imported as a partner file. */
async function importWorkers(
  name: string,
  workers: { nik?: string; name: string; wlkp?: string; npwp?: string; passport?: string }[],
) {
  const summary = await importCsv("kemnaker-tk", name, [
    "NIK;Nama Tenaga Kerja;Kewarganegaraan;Nomor Paspor;Kode Pendaftaran WLKP;NPWP Pemberi Kerja",
    ...workers.map((w) => [w.nik ?? "", w.name, w.nik ? "WNI" : "WNA", w.passport ?? "", w.wlkp ?? "", w.npwp ?? ""].join(";")),
  ]);
  return summary.batchId!;
}

async function businessBy(name: string) {
  const business = await db.business.findFirst({ where: { name: { contains: name } } });
  expect(business, name).not.toBeNull();
  return business!;
}

async function workerStatuses() {
  const rows = await db.$queryRawUnsafe<{ name: string; status: string; business: string | null; segment: string | null }[]>(
    `SELECT r.name, w.status::text AS status, b.name AS business, w.segment
     FROM worker_status w JOIN source_record r ON r.id = w.source_record_id LEFT JOIN business b ON b.id = w.business_id`,
  );
  return new Map(rows.map((r) => [r.name, r]));
}

beforeAll(async () => {
  database = await createThrowawayDatabase("worker_matching");
  await disconnectDb();
  setDatabaseUrl(database.url);
  await ensureRegionsLoaded({ url: database.url });
  work = await mkdtemp(path.join(tmpdir(), "jangkau-workers-"));
  process.env.JANGKAU_STORAGE_DIR = path.join(work, "storage");

  await importCsv("kemnaker-bu", "kemnaker-bu.csv", [
    "Kode Pendaftaran WLKP;NPWP;Nama Pemberi Kerja;Kode Kabupaten;Alamat;Nomor Telepon;Jumlah Pekerja",
    `WLKP-MAJU;${NPWP.maju};PT Maju Sejahtera Abadi;32.73;Jl. Merdeka 1;022-4200100;40`,
    `WLKP-SENT;${NPWP.sentosa};CV Sentosa Makmur;32.73;Jl. Riau 2;022-4200200;3`,
    `WLKP-KRYA;${NPWP.karya};PT Karya Nusantara Teknik;32.73;Jl. Braga 3;;2`,
    `WLKP-UD;;UD Sumber Rejeki;32.73;Jl. Pasir Kaliki 5;;4`,
  ]);
  // BPJS's registry says both are registered for as many workers as Kemnaker reports: by the
  // counts alone neither is a lead.
  await importCsv("bpjs-bu", "bpjs-bu.csv", [
    "Kode Badan Usaha;NPWP;Nama Badan Usaha;Kode Kabupaten;Alamat;Status Terdaftar JKN;Status Keaktifan Badan Usaha;Jumlah Pekerja",
    `BU-MAJU;${NPWP.maju};PT Maju Sejahtera Abadi;32.73;Jl. Merdeka 1;Sudah;Aktif;40`,
    `BU-SENT;${NPWP.sentosa};CV Sentosa Makmur;32.73;Jl. Riau 2;Sudah;Aktif;3`,
  ]);
  await importCsv("bpjs-peserta", "bpjs-peserta.csv", [
    "NIK;Nomor Paspor;KITAS;Segmentasi Kepesertaan JKN;Status Terdaftar JKN;Status Aktif;Tahun Kepesertaan JKN;Kode Badan Usaha;NPWP Badan Usaha",
    `${NIK.here};;;PPU BU;Sudah terdaftar;Aktif;2019;BU-MAJU;`,
    `${NIK.elsewhere};;;PPU BU;Sudah terdaftar;Aktif;2020;BU-SENT;`,
    `${NIK.pbi};;;PBI JK;Sudah terdaftar;Aktif;2016;;`,
    `${NIK.inactive};;;PPU BU;Sudah terdaftar;Tidak aktif;2018;;${NPWP.maju}`,
    // A row that says "not registered" is no registration.
    `${NIK.none};;;PBPU;Belum terdaftar;;;;`,
    `;X1234567;;PPU BU;Sudah terdaftar;Aktif;2021;BU-MAJU;`,
    // No employer given: counted as registered at a registered employer.
    `${NIK.byNpwp};;;PPU BU;Sudah terdaftar;Aktif;2022;;`,
    `${NIK.late};;;PPU BU;Sudah terdaftar;Aktif;2023;BU-SENT;`,
    // Its employer named by an NPWP no business carries, the same the worker's row names.
    `${NIK.soleTrader};;;PPU BU;Sudah terdaftar;Aktif;2023;;${NIK.owner}`,
  ]);
  await importWorkers("kemnaker-tk.csv", [
    { nik: NIK.here, name: "Pekerja Sini", wlkp: "WLKP-MAJU" },
    { nik: NIK.elsewhere, name: "Pekerja Lain", wlkp: "WLKP-MAJU" },
    { nik: NIK.pbi, name: "Pekerja PBI", wlkp: "WLKP-MAJU" },
    { nik: NIK.none, name: "Pekerja Belum", wlkp: "WLKP-MAJU" },
    { nik: NIK.inactive, name: "Pekerja Nonaktif", wlkp: "WLKP-MAJU" },
    { name: "Pekerja Asing", wlkp: "WLKP-MAJU", passport: "X1234567" },
    { nik: NIK.byNpwp, name: "Pekerja Lewat NPWP", npwp: NPWP.sentosa },
    { nik: NIK.orphan, name: "Pekerja Tanpa Pemberi Kerja", wlkp: "WLKP-BARU" },
    { nik: NIK.soleTrader, name: "Pekerja Usaha Dagang", wlkp: "WLKP-UD", npwp: NIK.owner },
  ]);
}, 120_000);

afterAll(async () => {
  await disconnectDb();
  await database?.drop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe("worker pass", () => {
  it("gives each worker its employer and its JKN status", async () => {
    await runMatch({ kind: "FULL", actor: SYSTEM_ACTOR });
    const statuses = await workerStatuses();
    expect(statuses.size).toBe(9);
    const expected: Record<string, [string, string | null]> = {
      "Pekerja Sini": ["TERDAFTAR_DI_SINI", "PT Maju Sejahtera Abadi"],
      "Pekerja Lain": ["TERDAFTAR_DI_LAIN", "PT Maju Sejahtera Abadi"],
      "Pekerja PBI": ["SEGMEN_LAIN", "PT Maju Sejahtera Abadi"],
      "Pekerja Belum": ["BELUM_TERDAFTAR", "PT Maju Sejahtera Abadi"],
      "Pekerja Nonaktif": ["TERDAFTAR_DI_SINI", "PT Maju Sejahtera Abadi"],
      "Pekerja Asing": ["TERDAFTAR_DI_SINI", "PT Maju Sejahtera Abadi"],
      "Pekerja Lewat NPWP": ["TERDAFTAR_DI_SINI", "CV Sentosa Makmur"],
      "Pekerja Tanpa Pemberi Kerja": ["BELUM_TERDAFTAR", null],
      "Pekerja Usaha Dagang": ["TERDAFTAR_DI_SINI", "UD Sumber Rejeki"],
    };
    for (const [name, [status, business]] of Object.entries(expected)) {
      expect({ name, status: statuses.get(name)?.status, business: statuses.get(name)?.business ?? null }).toEqual({ name, status, business });
    }
    expect(statuses.get("Pekerja PBI")!.segment).toBe("PBI_JK");
  });

  it("makes the gap and Daftar sebagian exact where Kemnaker listed the workers", async () => {
    const maju = await businessBy("Maju Sejahtera");
    expect(maju).toMatchObject({
      workersListed: 6, workersHere: 3, workersElsewhere: 1, workersOtherSegment: 1, workersUnregistered: 1,
      registeredWorkers: 3, workerGap: 3, workerCount: 40, status: "DAFTAR_SEBAGIAN", isLead: true,
    });
    expect(maju.priority).toBe(
      priorityScore({ ...maju, status: "DAFTAR_SEBAGIAN", latestPeriod: maju.latestPeriod }, PERIOD),
    );
    // All its listed workers registered here: the registry's count stands confirmed.
    const sentosa = await businessBy("Sentosa Makmur");
    expect(sentosa).toMatchObject({ workersListed: 1, workersHere: 1, workerGap: 0, status: "TERDAFTAR_AKTIF", isLead: false, priority: 0 });
    // No worker rows: the counts rule, and no worker columns.
    const karya = await businessBy("Karya Nusantara");
    expect(karya).toMatchObject({ workersListed: null, status: "BELUM_TERDAFTAR", workerCount: 2, workerGap: 2 });
  });

  it("reads BPJS's Jumlah Pekerja as the workers registered, the least a business employs", async () => {
    await importCsv("bpjs-bu", "bpjs-bu-only.csv", [
      "Kode Badan Usaha;NPWP;Nama Badan Usaha;Kode Kabupaten;Alamat;Status Terdaftar JKN;Status Keaktifan Badan Usaha;Jumlah Pekerja Terdaftar",
      "BU-SOLO;;PT Solo Registri Saja;32.73;Jl. Solo 9;Sudah;Aktif;12",
    ]);
    await runMatch({ kind: "FULL", actor: SYSTEM_ACTOR });
    expect(await businessBy("Solo Registri")).toMatchObject({ registeredWorkers: 12, workerCount: 12, workerGap: 0, status: "TERDAFTAR_AKTIF" });
  });

  it("links a worker whose employer arrives later, in an incremental run", async () => {
    const before = await workerStatuses();
    expect(before.get("Pekerja Tanpa Pemberi Kerja")!.business).toBeNull();
    const imported = await importCsv("kemnaker-bu", "kemnaker-bu-baru.csv", [
      "Kode Pendaftaran WLKP;NPWP;Nama Pemberi Kerja;Kode Kabupaten;Alamat;Jumlah Pekerja",
      "WLKP-BARU;;PT Baru Datang Perkasa;32.73;Jl. Dago 4;15",
    ]);
    const summary = await runMatch({ kind: "INCREMENTAL", batchId: imported.batchId!, actor: SYSTEM_ACTOR });
    expect(summary.kind).toBe("INCREMENTAL");
    const after = await workerStatuses();
    expect(after.get("Pekerja Tanpa Pemberi Kerja")).toMatchObject({ business: "PT Baru Datang Perkasa", status: "BELUM_TERDAFTAR" });
    expect(await businessBy("Baru Datang")).toMatchObject({ workersListed: 1, workersUnregistered: 1, workerGap: 1, workerCount: 15, status: "BELUM_TERDAFTAR" });
    // The others kept theirs.
    expect(after.size).toBe(9);
    expect(await businessBy("Maju Sejahtera")).toMatchObject({ workersListed: 6, workerGap: 3, status: "DAFTAR_SEBAGIAN" });
  });

  it("recomputes every worker with a full run when a worker file arrives", async () => {
    const batchId = await importWorkers("kemnaker-tk-susulan.csv", [{ nik: NIK.late, name: "Pekerja Susulan", wlkp: "WLKP-SENT" }]);
    const summary = await runMatch({ kind: "INCREMENTAL", batchId, actor: SYSTEM_ACTOR });
    expect(summary.kind).toBe("FULL");
    const statuses = await workerStatuses();
    expect(statuses.get("Pekerja Susulan")).toMatchObject({ status: "TERDAFTAR_DI_SINI", business: "CV Sentosa Makmur" });
    expect(await businessBy("Sentosa Makmur")).toMatchObject({ workersListed: 2, workersHere: 2, registeredWorkers: 2, status: "TERDAFTAR_AKTIF" });
  });
  it("finds a foreign worker's participant by passport in an incremental run that re-resolves its employer", async () => {
    const imported = await importCsv("kemnaker-bu", "kemnaker-bu-maju.csv", [
      "Kode Pendaftaran WLKP;NPWP;Nama Pemberi Kerja;Kode Kabupaten;Alamat;Jumlah Pekerja",
      `WLKP-MAJU-2;${NPWP.maju};PT Maju Sejahtera Abadi;32.73;Jl. Merdeka 1A;40`,
    ]);
    const summary = await runMatch({ kind: "INCREMENTAL", batchId: imported.batchId!, actor: SYSTEM_ACTOR });
    expect(summary.kind).toBe("INCREMENTAL");
    expect((await workerStatuses()).get("Pekerja Asing")).toMatchObject({ status: "TERDAFTAR_DI_SINI", business: "PT Maju Sejahtera Abadi" });
  });
});
