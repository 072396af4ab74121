import { randomUUID } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as postStatus } from "@/app/api/v1/partners/[source]/status/route.ts";
import type { BalikanPartner } from "@/lib/balikan.ts";
import type { SourceId } from "@/lib/sources.ts";
import { SYSTEM_ACTOR } from "@/server/audit/system-actor.ts";
import { generateBalikan } from "@/server/balikan/generate-balikan.ts";
import { db, disconnectDb, setDatabaseUrl } from "@/server/db/client.ts";
import { importFile } from "@/server/ingest/import-file.ts";
import { storedFilePath } from "@/server/ingest/storage.ts";
import { runMatch } from "@/server/matching/run-match.ts";
import { createPartnerApiKey } from "@/server/partners/create-partner-api-key.ts";
import { ensureRegionsLoaded } from "@/server/regions/load-regions.ts";
import { extractZip, sevenZip } from "../support/seven-zip.ts";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../support/throwaway-database.ts";

/**
 * A period's data balikan keeps the statuses of its own time: a newer period superseding it
 * neither makes it impossible nor changes what it says; Kemnaker's file takes NIB and NPWP from
 * BPJS's record of a registered business; a status BPJS's data leaves blank is warned about at
 * import and comes back as "Tidak diketahui", never "Aktif"; a period that arrives after a newer
 * one is answered with the newest match's statuses. Small files, a database of their own.
 */

let database: ThrowawayDatabase;
let work: string;
const context = { ip: null, userAgent: "vitest", requestId: null };
const admin = { id: null, username: "admin-uji", role: "ADMIN" };
const OLD = "2025-S1";
const NEW = "2025-S2";

const NPWP_A = "01.312.166.0-091.000"; // PT Sinar Jaya: Kemnaker sends no NIB, BPJS does
const NPWP_D = "02.505.285.3-091.000"; // CV Maju Bersama: Kemnaker sends no NPWP, BPJS does
const NPWP_B = "01.111.111.9-091.000"; // not in BPJS's registry
const NPWP_C = "02.222.222.8-091.000"; // registered, activity left blank
const NPWP_E = "03.333.333.7-091.000"; // both statuses left blank
const NPWP_F = "01.444.444.2-091.000"; // arrives in a second batch of the new period
const NIB_A = "9120000000001";
const NIB_D = "9120000000002";
const NOTARY = "3204011505880003";
const WORKER = "3273014202850002";

const digits = (npwp: string) => `0${npwp.replace(/\D/g, "")}`;

const KEMNAKER_BU = "Kode Pendaftaran WLKP,NIB,NPWP,Nama Pemberi Kerja,Jumlah Pekerja";
const BPJS_BU = "NIB,NPWP,Nama Badan Usaha,Jumlah Pekerja,Status Terdaftar JKN,Status Keaktifan Badan Usaha";

async function importCsv(source: SourceId, period: string, lines: string[]) {
  const file = path.join(work, `${source}-${randomUUID()}.csv`);
  await writeFile(file, `${lines.join("\r\n")}\r\n`);
  const summary = await importFile({ source, period, filePath: file, originalName: `${source}.csv`, channel: "CLI", actor: SYSTEM_ACTOR, context });
  expect(summary.status).not.toBe("already-imported");
  expect(summary.rejected).toBe(0);
  return summary;
}

async function balikanFiles(partner: BalikanPartner, period: string): Promise<Record<string, string[][]>> {
  const generated = await generateBalikan({ input: { partner, period }, actor: admin, context });
  const delivery = await db.balikanDelivery.findUniqueOrThrow({ where: { id: generated.deliveryId } });
  const files = await extractZip(storedFilePath(delivery.storedFile), generated.password);
  return Object.fromEntries(Object.entries(files).map(([name, text]) => [name, parse(text.slice(1)) as string[][]]));
}

/** Kemnaker's business file as name → the row. */
function byBusiness(rows: string[][]): Map<string, string[]> {
  return new Map(rows.slice(1).map((row) => [row[3]!, row]));
}

let bpjsWarnings = 0;
let pesertaWarnings = 0;

beforeAll(async () => {
  sevenZip(); // fails loudly when p7zip-full is missing
  database = await createThrowawayDatabase("balikan_periode");
  await disconnectDb();
  setDatabaseUrl(database.url);
  await ensureRegionsLoaded({ url: database.url });
  work = await mkdtemp(path.join(tmpdir(), "jangkau-balikan-periode-"));
  process.env.JANGKAU_STORAGE_DIR = path.join(work, "storage");

  await importCsv("kemnaker-bu", OLD, [
    KEMNAKER_BU,
    `WLKP-A,,${NPWP_A},PT Sinar Jaya,120`,
    `WLKP-D,${NIB_D},,CV Maju Bersama,15`,
    `WLKP-B,,${NPWP_B},PT Belum Daftar,40`,
    `WLKP-C,,${NPWP_C},PT Kabur Status,30`,
    `WLKP-E,,${NPWP_E},PT Tanpa Status,25`,
  ]);
  bpjsWarnings = (
    await importCsv("bpjs-bu", OLD, [
      BPJS_BU,
      `${NIB_A},${NPWP_A},PT Sinar Jaya,120,Sudah terdaftar JKN,Aktif`,
      `${NIB_D},${NPWP_D},CV Maju Bersama,15,Sudah terdaftar JKN,Aktif`,
      `,${NPWP_C},PT Kabur Status,30,Sudah terdaftar JKN,-`,
      `,${NPWP_E},PT Tanpa Status,25,,`,
    ])
  ).warnings;
  await importCsv("ahu-entitas", OLD, ["Nama Entitas,Jenis Entitas,NPWP", `PT Sinar Jaya,PT,${NPWP_A}`, `PT Tanpa Status,PT,${NPWP_E}`]);
  await importCsv("ahu-notaris", OLD, ["Nomor Induk Kependudukan (NIK),Nama Notaris,NPWP", `${NOTARY},Siti Aminah,`]);
  pesertaWarnings = (
    await importCsv("bpjs-peserta", OLD, [
      "NIK,Segmentasi Kepesertaan JKN,Status Terdaftar JKN,Status Aktif,Tahun Kepesertaan JKN",
      `${NOTARY},PBPU,Sudah terdaftar JKN,-,2018`,
      `${WORKER},PPU BU,Sudah terdaftar JKN,,2019`,
    ])
  ).warnings;
  await importCsv("kemnaker-tk", OLD, ["NIK,Nama Tenaga Kerja,Kode Pendaftaran WLKP", `${WORKER},Dewi,WLKP-A`]);
  await runMatch({ kind: "FULL", actor: SYSTEM_ACTOR });
}, 120_000);

afterAll(async () => {
  await disconnectDb();
  await database?.drop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe("a status BPJS's data leaves blank", () => {
  it("is a warning at import, row by row", () => {
    // PT Kabur Status's activity; PT Tanpa Status's registration and activity.
    expect(bpjsWarnings).toBe(3);
    // The notary's and the worker's activity.
    expect(pesertaWarnings).toBe(2);
  });

  it("comes back as Tidak diketahui in every file, never as Aktif", async () => {
    const kemnaker = await balikanFiles("kemnaker", OLD);
    const rows = byBusiness(kemnaker[`balikan-kemnaker-bu-${OLD}.csv`]!);
    expect(rows.get("PT Kabur Status")!.slice(20)).toEqual(["Sudah terdaftar JKN", "Tidak diketahui"]);
    expect(rows.get("PT Tanpa Status")!.slice(20)).toEqual(["Tidak diketahui", "Tidak diketahui"]);
    expect(rows.get("PT Belum Daftar")!.slice(20)).toEqual(["Belum terdaftar JKN", ""]);
    const workers = kemnaker[`balikan-kemnaker-pekerja-${OLD}.csv`]!;
    expect(workers[1]!.slice(4)).toEqual(["PPU BU", "Sudah terdaftar JKN", "Tidak diketahui", "2019"]);

    const ahu = await balikanFiles("ahu", OLD);
    expect(ahu[`balikan-ahu-entitas-${OLD}.csv`]!.slice(1).map((row) => row[2])).toEqual(["Terdaftar", "Tidak diketahui"]);
    expect(ahu[`balikan-ahu-notaris-${OLD}.csv`]![1]!.slice(2)).toEqual(["Tidak diketahui", "PBPU"]);
  });
});

describe("Kemnaker's business file", () => {
  it("takes NIB and NPWP from BPJS's record of a registered business, Kemnaker's own otherwise", async () => {
    const rows = byBusiness((await balikanFiles("kemnaker", OLD))[`balikan-kemnaker-bu-${OLD}.csv`]!);
    expect(rows.get("PT Sinar Jaya")!.slice(0, 2)).toEqual([NIB_A, digits(NPWP_A)]);
    expect(rows.get("CV Maju Bersama")!.slice(0, 2)).toEqual([NIB_D, digits(NPWP_D)]);
    expect(rows.get("PT Belum Daftar")!.slice(0, 2)).toEqual(["", digits(NPWP_B)]);
  });

  it("answers the status web service with BPJS's NIB too", async () => {
    const { secret } = await createPartnerApiKey({ input: { partner: "kemnaker", name: "Uji status" }, actor: admin, context });
    const headers = new Headers({
      "content-type": "application/json",
      "user-agent": "vitest",
      "x-jangkau-peer": "10.8.1.1",
      authorization: `Bearer ${secret}`,
    });
    const request = new Request("http://localhost/api/v1/partners/kemnaker/status", { method: "POST", headers, body: JSON.stringify({ npwp: [NPWP_A, NPWP_C] }) });
    const response = await postStatus(request, { params: Promise.resolve({ source: "kemnaker" }) });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { badanUsaha: Record<string, unknown>[] };
    expect(body.badanUsaha).toEqual([
      { npwp: digits(NPWP_A), found: true, nib: NIB_A, statusTerdaftarJkn: "Sudah terdaftar JKN", statusKeaktifanBadanUsaha: "Aktif" },
      { npwp: digits(NPWP_C), found: true, nib: null, statusTerdaftarJkn: "Sudah terdaftar JKN", statusKeaktifanBadanUsaha: "Tidak diketahui" },
    ]);
  });
});

describe("a period superseded by a newer one", () => {
  let before: Record<string, string[][]>;
  let ahuBefore: Record<string, string[][]>;

  beforeAll(async () => {
    before = await balikanFiles("kemnaker", OLD);
    ahuBefore = await balikanFiles("ahu", OLD);
    // The partners' new period (each partner file of the old one is superseded): BPJS now lists
    // PT Sinar Jaya as inactive and no longer knows CV Maju Bersama.
    await importCsv("kemnaker-bu", NEW, [KEMNAKER_BU, `WLKP-A,,${NPWP_A},PT Sinar Jaya,130`, `WLKP-D,${NIB_D},,CV Maju Bersama,15`]);
    await importCsv("bpjs-bu", NEW, [BPJS_BU, `${NIB_A},${NPWP_A},PT Sinar Jaya,120,Sudah terdaftar JKN,Tidak aktif`]);
    await importCsv("ahu-entitas", NEW, ["Nama Entitas,Jenis Entitas,NPWP", `PT Sinar Jaya,PT,${NPWP_A}`]);
    await importCsv("ahu-notaris", NEW, ["Nomor Induk Kependudukan (NIK),Nama Notaris,NPWP", `${NOTARY},Siti Aminah SH,`]);
    // The worker again, now listed by BPJS as inactive; the notary now registered and active.
    await importCsv("kemnaker-tk", NEW, ["NIK,Nama Tenaga Kerja,Kode Pendaftaran WLKP", `${WORKER},Dewi Lestari,WLKP-A`]);
    await importCsv("bpjs-peserta", NEW, [
      "NIK,Segmentasi Kepesertaan JKN,Status Terdaftar JKN,Status Aktif,Tahun Kepesertaan JKN",
      `${NOTARY},PBPU,Sudah terdaftar JKN,Aktif,2018`,
      `${WORKER},PPU BU,Sudah terdaftar JKN,Tidak aktif,2019`,
    ]);
    await runMatch({ kind: "FULL", actor: SYSTEM_ACTOR });
  }, 120_000);

  it("can still be returned, with exactly the statuses it had", async () => {
    const again = await balikanFiles("kemnaker", OLD);
    expect(again).toEqual(before);
    expect(again[`balikan-kemnaker-pekerja-${OLD}.csv`]![1]!.slice(5, 7)).toEqual(["Sudah terdaftar JKN", "Tidak diketahui"]);
    expect(byBusiness(again[`balikan-kemnaker-bu-${OLD}.csv`]!).get("PT Sinar Jaya")!.slice(20)).toEqual(["Sudah terdaftar JKN", "Aktif"]);
    expect(await balikanFiles("ahu", OLD)).toEqual(ahuBefore);
  });

  it("while the new period says what BPJS says now", async () => {
    const rows = byBusiness((await balikanFiles("kemnaker", NEW))[`balikan-kemnaker-bu-${NEW}.csv`]!);
    expect(rows.get("PT Sinar Jaya")!.slice(20)).toEqual(["Sudah terdaftar JKN", "Tidak aktif"]);
    expect((await balikanFiles("ahu", NEW))[`balikan-ahu-notaris-${NEW}.csv`]![1]!.slice(2)).toEqual(["Aktif", "PBPU"]);
    expect(rows.get("CV Maju Bersama")!.slice(20)).toEqual(["Belum terdaftar JKN", ""]);
    const workers = (await balikanFiles("kemnaker", NEW))[`balikan-kemnaker-pekerja-${NEW}.csv`]!;
    expect(workers[1]!.slice(5, 7)).toEqual(["Sudah terdaftar JKN", "Tidak aktif"]);
  });

  it("an incremental run answers the records it matched", async () => {
    const batch = await importCsv("kemnaker-bu", NEW, [KEMNAKER_BU, `WLKP-F,,${NPWP_F},PT Baru Datang,10`]);
    expect((await runMatch({ kind: "INCREMENTAL", batchId: batch.batchId, actor: SYSTEM_ACTOR })).kind).toBe("INCREMENTAL");
    const rows = byBusiness((await balikanFiles("kemnaker", NEW))[`balikan-kemnaker-bu-${NEW}.csv`]!);
    expect(rows.get("PT Baru Datang")!.slice(20)).toEqual(["Belum terdaftar JKN", ""]);
  });

  it("answers a period that arrived after a newer one with the newest match's statuses", async () => {
    const LATE = "2024-S2";
    const late = await importCsv("kemnaker-bu", LATE, [
      KEMNAKER_BU,
      `WLKP-A,,${NPWP_A},PT Sinar Jaya,110`,
      // Gone from the newest period: no business of the current results to answer for it.
      `WLKP-B,,${NPWP_B},PT Belum Daftar,40`,
    ]);
    // Before any run it cannot be told, and says so.
    await expect(generateBalikan({ input: { partner: "kemnaker", period: LATE }, actor: admin, context })).rejects.toThrow(
      /belum pernah diberi status oleh pencocokan/,
    );
    await runMatch({ kind: "INCREMENTAL", batchId: late.batchId, actor: SYSTEM_ACTOR });
    const rows = byBusiness((await balikanFiles("kemnaker", LATE))[`balikan-kemnaker-bu-${LATE}.csv`]!);
    expect(rows.get("PT Sinar Jaya")!.slice(0, 2)).toEqual([NIB_A, digits(NPWP_A)]);
    expect(rows.get("PT Sinar Jaya")!.slice(20)).toEqual(["Sudah terdaftar JKN", "Tidak aktif"]);
    expect(rows.get("PT Belum Daftar")!.slice(20)).toEqual(["Tidak diketahui", "Tidak diketahui"]);

    // A notary file of the same late period, answered by a full run through the NIK.
    await importCsv("ahu-notaris", LATE, ["Nomor Induk Kependudukan (NIK),Nama Notaris,NPWP", `${NOTARY},Siti Aminah M.Kn,`]);
    await runMatch({ kind: "FULL", actor: SYSTEM_ACTOR });
    expect((await balikanFiles("ahu", LATE))[`balikan-ahu-notaris-${LATE}.csv`]![1]!.slice(2)).toEqual(["Aktif", "PBPU"]);
    // The late Kemnaker file keeps what it was answered.
    expect(byBusiness((await balikanFiles("kemnaker", LATE))[`balikan-kemnaker-bu-${LATE}.csv`]!)).toEqual(rows);
  });
});
