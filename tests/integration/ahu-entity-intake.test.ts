import { writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { regionScopeFor } from "@/server/access/region-scope.ts";
import { SYSTEM_ACTOR } from "@/server/audit/system-actor.ts";
import { db } from "@/server/db/client.ts";
import { importFile } from "@/server/ingest/import-file.ts";
import { ImportRefusedError } from "@/server/ingest/read/open-partner-file.ts";
import { getLeadDetail } from "@/server/leads/get-lead-detail.ts";
import { runMatch } from "@/server/matching/run-match.ts";
import { createTestUser, NO_CONTEXT } from "../support/factories.ts";
import { importDatabaseForFile } from "../support/throwaway-database.ts";

/**
 * AHU's entity file as the agreement lists it (Pasal 4(1)a): no entity type column, officers and
 * partners in a Pengurus dan Sekutu column. The legal form comes from the name, the officers reach
 * the lead page, and a file of another source filed under it is refused rather than taken in.
 */
const scratch = importDatabaseForFile("ahuintake");
const base = { channel: "CLI" as const, actor: SYSTEM_ACTOR, context: NO_CONTEXT };

async function csv(name: string, lines: string[]): Promise<string> {
  const file = path.join(scratch.dir(), name);
  await writeFile(file, lines.join("\n") + "\n");
  return file;
}

describe("an AHU entity file laid out as the agreement lists it", () => {
  it("reads the legal form from the name and the officers from their column, and shows them on the lead page", async () => {
    const file = await csv("ahu-entitas.csv", [
      "Nama Entitas;NPWP;Provinsi;Kabupaten/Kota;Alamat Lengkap;Nomor Telepon Perusahaan;Jenis Usaha (KBLI);Pengurus dan Sekutu",
      "PT SINAR TERANG ABADI;01.312.166.0-091.000;JAWA BARAT;KOTA BANDUNG;Jl. Merdeka 1;022 2501234;47111;\"Budi Santoso, S.E. (Direktur Utama); Ani Lestari (Komisaris)\"",
      "BERKAH JAYA, CV;02.505.285.3-687.000;JAWA BARAT;KOTA BANDUNG;Jl. Asia Afrika 2;;;\"Sekutu Aktif: Citra Dewi | Sekutu Komanditer: Dodi\"",
      "Sinar Terang;;JAWA BARAT;KOTA BANDUNG;Jl. Braga 3;;;",
    ]);
    const summary = await importFile({ ...base, source: "ahu-entitas", period: "2025-S2", filePath: file });
    expect(summary).toMatchObject({ status: "imported", dataRows: 3, accepted: 3, rejected: 0, warnings: 1 });
    const records = await db.sourceRecord.findMany({ where: { batchId: summary.batchId }, orderBy: { line: "asc" } });
    expect(records.map((r) => [r.name, r.legalForm])).toEqual([
      ["PT SINAR TERANG ABADI", "PT"],
      ["BERKAH JAYA, CV", "CV"],
      ["Sinar Terang", null],
    ]);
    expect(records.map((r) => (r.extra as { officers?: string }).officers ?? null)).toEqual([
      "Budi Santoso, S.E. (DIREKTUR UTAMA); Ani Lestari (KOMISARIS)",
      "Citra Dewi (SEKUTU AKTIF); Dodi (SEKUTU PASIF)",
      null,
    ]);

    await runMatch({ kind: "FULL", actor: SYSTEM_ACTOR });
    const link = await db.businessRecord.findFirstOrThrow({ where: { sourceRecordId: records[0]!.id } });
    const admin = await createTestUser({ role: "ADMIN" });
    const detail = await getLeadDetail({
      businessId: link.businessId,
      scope: regionScopeFor("ADMIN", []),
      actor: { id: admin.id, username: admin.username, role: admin.role },
      context: NO_CONTEXT,
    });
    expect(detail!.officers.map((o) => [o.name, o.position, o.email, o.phone])).toEqual([
      ["Budi Santoso, S.E.", "DIREKTUR UTAMA", null, null],
      ["Ani Lestari", "KOMISARIS", null, null],
    ]);
  });

  it("refuses a BPJS registry or a pengurus list filed as entities, naming the source it fits", async () => {
    const bpjs = await csv("bpjs-as-ahu.csv", [
      "Nomor Induk Berusaha (NIB);Nomor Pokok Wajib Pajak (NPWP);Kode Badan Usaha;Nama Badan Usaha;Kode Kabupaten;Jumlah Pekerja;Status Terdaftar JKN;Status Keaktifan BU",
      "9151168344820;0013121660091000;BU001;PT KARYA BERKAH;32.73;120;Sudah;Aktif",
    ]);
    const pengurus = await csv("pengurus-as-ahu.csv", [
      "NPWP Entitas;Nama Entitas;Nama Pengurus/Sekutu;Jabatan;Alamat Email;Nomor Handphone",
      "0013121660091000;PT KARYA BERKAH;Budi Santoso;Direktur;budi@example.com;081234567890",
    ]);
    for (const [file, fits] of [[bpjs, /BPJS — Registri Badan Usaha/], [pengurus, /AHU — Pengurus dan Sekutu/]] as const) {
      const attempt = importFile({ ...base, source: "ahu-entitas", period: "2025-S2", filePath: file });
      await expect(attempt).rejects.toBeInstanceOf(ImportRefusedError);
      await expect(attempt).rejects.toThrow(fits);
    }
    expect(await db.sourceRecord.count({ where: { name: "PT KARYA BERKAH" } })).toBe(0);
  });
});
