import { randomUUID } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as postStatus } from "@/app/api/v1/partners/[source]/status/route.ts";
import { KEMNAKER_HEADERS, KEMNAKER_WORKER_HEADERS } from "@/lib/balikan.ts";
import { maskNik } from "@/lib/identifiers/nik.ts";
import type { SourceId } from "@/lib/sources.ts";
import { SYSTEM_ACTOR } from "@/server/audit/system-actor.ts";
import { generateBalikan } from "@/server/balikan/generate-balikan.ts";
import type { BalikanEntrySummary } from "@/server/balikan/generate-balikan.ts";
import { db, disconnectDb, setDatabaseUrl } from "@/server/db/client.ts";
import { importFile } from "@/server/ingest/import-file.ts";
import { storedFilePath } from "@/server/ingest/storage.ts";
import { createPartnerApiKey } from "@/server/partners/create-partner-api-key.ts";
import { ensureRegionsLoaded } from "@/server/regions/load-regions.ts";
import { extractZip, sevenZip } from "../support/seven-zip.ts";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../support/throwaway-database.ts";

/**
 * Kemnaker's workers back to Kemnaker: the Pekerja file of its data balikan (Lampiran II.2) and
 * the status web service's NIK look-ups, on small files in a database of their own (what is
 * "current" depends on every bpjs-peserta batch in the database).
 */

let database: ThrowawayDatabase;
let work: string;
const context = { ip: null, userAgent: "vitest", requestId: null };
const admin = { id: null, username: "admin-uji", role: "ADMIN" };
const PERIOD = "2025-S2";

// Workers' NIKs (valid shapes: region, birth date, serial).
const ONLY_OLD_PERIOD = "3273010101800001"; // a participant only in last period's bpjs-peserta
const REGISTERED_TWICE = "3273014202850002"; // listed as not registered, and as registered (inactive)
const REGISTERED = "3204011505880003";
const LISTED_UNREGISTERED = "3578011212900004"; // BPJS lists it as Belum terdaftar
const UNKNOWN_TO_BPJS = "3171010303950005";
const EARLIER_WORKER = "3171014404960006"; // sent by Kemnaker in 2025-S1 only
const PESERTA_ONLY = "3273016606990007"; // a participant Kemnaker never sent

async function importCsv(source: SourceId, period: string, name: string, lines: string[]) {
  const file = path.join(work, `${name}-${randomUUID()}.csv`);
  await writeFile(file, `${lines.join("\r\n")}\r\n`);
  const summary = await importFile({ source, period, filePath: file, originalName: `${name}.csv`, channel: "CLI", actor: SYSTEM_ACTOR, context });
  expect(summary.rejected).toBe(0);
  return summary;
}

const PESERTA_HEADER = "NIK,Nomor Paspor,NIORA,KITAS,Segmentasi Kepesertaan JKN,Status Terdaftar JKN,Status Aktif,Tahun Kepesertaan JKN";
const WORKER_HEADER = "NIK,Nama Tenaga Kerja,Kewarganegaraan,Nomor Paspor,KITAS,Kode Pendaftaran WLKP";

async function importWorkers(period: string, name: string, rows: string[]) {
  return importCsv("kemnaker-tk", period, name, [WORKER_HEADER, ...rows]);
}

async function importPeserta() {
  await importCsv("bpjs-peserta", "2025-S1", "peserta-lama", [PESERTA_HEADER, `${ONLY_OLD_PERIOD},,,,PPU BU,Sudah terdaftar JKN,Aktif,2015`]);
  await importCsv("bpjs-peserta", PERIOD, "peserta", [
    PESERTA_HEADER,
    `${REGISTERED_TWICE},,,,PBPU,Belum terdaftar JKN,,`,
    `${REGISTERED_TWICE},,,,PPU BU,Sudah terdaftar JKN,Tidak aktif,2019`,
    `${REGISTERED},,,,PBI JK,Sudah terdaftar JKN,Aktif,2016`,
    `${LISTED_UNREGISTERED},,,,PPU BU,Belum terdaftar JKN,,`,
    `${PESERTA_ONLY},,,,PBPU Pemda,Sudah terdaftar JKN,Aktif,2018`,
    // Foreigners: by passport; by KITAS; one person split over two rows, the KITAS one registered.
    `,X1234567,1234567890,2C11AB1234,PPU BU,Sudah terdaftar JKN,Aktif,2022`,
    `,,,KT98765,PBPU,Sudah terdaftar JKN,Aktif,2023`,
    `,P7654321,,,PPU BU,Belum terdaftar JKN,,`,
    `,,5550001,KT55555,BP,Sudah terdaftar JKN,Aktif,2020`,
  ]);
}

async function deliveredFiles(deliveryId: string, password: string) {
  const delivery = await db.balikanDelivery.findUniqueOrThrow({ where: { id: deliveryId } });
  return { delivery, files: await extractZip(storedFilePath(delivery.storedFile), password) };
}

function csvRows(text: string): string[][] {
  expect(text.startsWith("\uFEFF")).toBe(true);
  return parse(text.slice(1), { relaxColumnCount: false }) as string[][];
}

beforeAll(async () => {
  sevenZip(); // fails loudly when p7zip-full is missing
  database = await createThrowawayDatabase("balikan_tk");
  await disconnectDb();
  setDatabaseUrl(database.url);
  await ensureRegionsLoaded({ url: database.url });
  work = await mkdtemp(path.join(tmpdir(), "jangkau-balikan-tk-"));
  process.env.JANGKAU_STORAGE_DIR = path.join(work, "storage");
  await importWorkers("2025-S1", "tk-lama", [`${EARLIER_WORKER},Rina,WNI,,,WLKP-1`]);
  // Two batches in the period: rows come batch by batch, in the order sent.
  await importWorkers(PERIOD, "tk-1", [
    `${REGISTERED_TWICE},Dewi,WNI,,,WLKP-1`,
    `${REGISTERED},Budi,WNI,,,WLKP-1`,
    `${UNKNOWN_TO_BPJS},Agus,,,,WLKP-2`,
    `${ONLY_OLD_PERIOD},Sari,WNI,,,WLKP-2`,
  ]);
  await importWorkers(PERIOD, "tk-2", [
    `,Li Wei,WNA,X1234567,,WLKP-1`,
    `,Kenji Sato,WNA,,KT98765,WLKP-1`,
    `${LISTED_UNREGISTERED},Made,WNI,,,WLKP-2`,
    `,Anna Berg,WNA,P7654321,KT55555,WLKP-2`,
  ]);
}, 120_000);

afterAll(async () => {
  await disconnectDb();
  await database?.drop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe("Kemnaker's data balikan: the Pekerja file (Lampiran II.2)", () => {
  it("is refused while BPJS's participants were never imported: every worker would wrongly read as unregistered", async () => {
    await expect(generateBalikan({ input: { partner: "kemnaker", period: PERIOD }, actor: admin, context })).rejects.toThrow(
      /8 rekaman kemnaker-tk periode 2025-S2 belum dapat diberi status JKN: belum ada data peserta BPJS/,
    );
    expect(await db.balikanDelivery.count()).toBe(0);
  });

  it("has one row per worker Kemnaker sent in the period, its participation in the current bpjs-peserta, reconciled with the batches", async () => {
    await importPeserta();
    const generated = await generateBalikan({ input: { partner: "kemnaker", period: PERIOD }, actor: admin, context });
    const { delivery, files } = await deliveredFiles(generated.deliveryId, generated.password);
    expect(Object.keys(files).sort()).toEqual([`balikan-kemnaker-bu-${PERIOD}.csv`, `balikan-kemnaker-pekerja-${PERIOD}.csv`]);
    // No business sent this period: the business file is its header alone.
    expect(csvRows(files[`balikan-kemnaker-bu-${PERIOD}.csv`]!)).toEqual([[...KEMNAKER_HEADERS]]);

    const rows = csvRows(files[`balikan-kemnaker-pekerja-${PERIOD}.csv`]!);
    expect(rows[0]).toEqual([...KEMNAKER_WORKER_HEADERS]);
    expect(rows.slice(1)).toEqual([
      // tk-1
      [REGISTERED_TWICE, "", "", "", "PPU BU", "Sudah terdaftar JKN", "Tidak aktif", "2019"],
      [REGISTERED, "", "", "", "PBI JK", "Sudah terdaftar JKN", "Aktif", "2016"],
      [UNKNOWN_TO_BPJS, "", "", "", "", "Belum terdaftar JKN", "", ""],
      [ONLY_OLD_PERIOD, "", "", "", "", "Belum terdaftar JKN", "", ""],
      // tk-2: foreigners by passport, by KITAS, and the better of the two rows their documents find.
      ["", "X1234567", "1234567890", "", "PPU BU", "Sudah terdaftar JKN", "Aktif", "2022"],
      ["", "", "", "KT98765", "PBPU", "Sudah terdaftar JKN", "Aktif", "2023"],
      [LISTED_UNREGISTERED, "", "", "", "", "Belum terdaftar JKN", "", ""],
      ["", "P7654321", "5550001", "KT55555", "BP", "Sudah terdaftar JKN", "Aktif", "2020"],
    ]);
    // Nothing of a participant Kemnaker never sent, nor of an earlier period's worker.
    expect(files[`balikan-kemnaker-pekerja-${PERIOD}.csv`]).not.toContain(PESERTA_ONLY);
    expect(files[`balikan-kemnaker-pekerja-${PERIOD}.csv`]).not.toContain(EARLIER_WORKER);

    const pekerja = (delivery.entries as unknown as BalikanEntrySummary[]).find((e) => e.key === "kemnaker-pekerja")!;
    expect(pekerja).toMatchObject({ name: `balikan-kemnaker-pekerja-${PERIOD}.csv`, source: "kemnaker-tk", rows: 8, batchAccepted: 8 });
    expect(pekerja.batches.map((b) => [b.fileName, b.accepted])).toEqual([
      ["tk-1.csv", 4],
      ["tk-2.csv", 4],
    ]);
    expect(delivery.rows).toBe(8);
  });
});

describe("POST /api/v1/partners/kemnaker/status: NIKs of Kemnaker's own workers", () => {
  async function newKey(partner: "ahu" | "kemnaker") {
    const { key, secret } = await createPartnerApiKey({ input: { partner, name: `Uji ${randomUUID().slice(0, 6)}` }, actor: admin, context });
    return { id: key.id, secret };
  }

  async function call(partner: string, secret: string, body: unknown) {
    const headers = new Headers({
      "content-type": "application/json",
      "user-agent": "vitest",
      "x-jangkau-peer": `10.8.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
      authorization: `Bearer ${secret}`,
    });
    const request = new Request(`http://localhost/api/v1/partners/${partner}/status`, { method: "POST", headers, body: JSON.stringify(body) });
    const response = await postStatus(request, { params: Promise.resolve({ source: partner }) });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  }

  it("answers a worker Kemnaker sent with the Lampiran II.2 fields, and a NIK it never sent exactly like one that exists nowhere", async () => {
    const key = await newKey("kemnaker");
    const NOWHERE = "3273015012990008";
    const { status, json } = await call("kemnaker", key.secret, { nik: [REGISTERED_TWICE, EARLIER_WORKER, UNKNOWN_TO_BPJS, PESERTA_ONLY, NOWHERE, "3.27E+15"] });
    expect(status).toBe(200);
    expect(json.badanUsaha).toEqual([]);
    const pekerja = json.pekerja as Record<string, unknown>[];
    expect(pekerja).toEqual([
      {
        nik: maskNik(REGISTERED_TWICE),
        found: true,
        nomorPaspor: null,
        niora: null,
        kitas: null,
        segmentasiKepesertaanJkn: "PPU BU",
        statusTerdaftarJkn: "Sudah terdaftar JKN",
        statusAktif: "Tidak aktif",
        tahunKepesertaanJkn: 2019,
      },
      // A worker of an earlier period is still Kemnaker's own.
      expect.objectContaining({ nik: maskNik(EARLIER_WORKER), found: true, statusTerdaftarJkn: "Belum terdaftar JKN", statusAktif: null }),
      expect.objectContaining({ nik: maskNik(UNKNOWN_TO_BPJS), found: true, statusTerdaftarJkn: "Belum terdaftar JKN", segmentasiKepesertaanJkn: null }),
      // Known to BPJS but not sent by Kemnaker: the same answer as a NIK that exists nowhere.
      { nik: maskNik(PESERTA_ONLY), found: false },
      { nik: maskNik(NOWHERE), found: false },
      { nik: "3.27E+15", found: false, error: "NIK tidak valid" },
    ]);
    const text = JSON.stringify(json);
    for (const nik of [REGISTERED_TWICE, EARLIER_WORKER, UNKNOWN_TO_BPJS, PESERTA_ONLY, NOWHERE]) expect(text).not.toContain(nik);

    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "partner_api.status", actorId: key.id }, orderBy: { id: "desc" } });
    expect(event.details).toMatchObject({ partner: "kemnaker", npwpCount: 0, nikCount: 6, found: 3 });
    const audited = JSON.stringify(event, (_key, v: unknown) => (typeof v === "bigint" ? String(v) : v));
    for (const nik of [REGISTERED_TWICE, EARLIER_WORKER, UNKNOWN_TO_BPJS, PESERTA_ONLY, NOWHERE]) expect(audited).not.toContain(nik);
  });

  it("keeps AHU out: its key is refused on Kemnaker's path, and its own NIK look-ups know only its notaries", async () => {
    const ahu = await newKey("ahu");
    const refused = await call("kemnaker", ahu.secret, { nik: [REGISTERED] });
    expect(refused.status).toBe(403);
    expect(refused.json.code).toBe("wrong_partner");
    const own = await call("ahu", ahu.secret, { nik: [REGISTERED] });
    expect(own.status).toBe(200);
    expect(own.json).toEqual({ partner: "ahu", entitas: [], notaris: [{ nik: maskNik(REGISTERED), found: false }] });
  });
});
