import "server-only";
import { parseWorkerCount } from "@/lib/identifiers/worker-count.ts";
import type { SourceDefinition } from "@/server/ingest/types.ts";
import {
  BPJS_WORDING,
  BUSINESS_KEYS,
  contactAndRegionColumns,
  identifierColumns,
  kbliColumn,
  normalizeBusinessRow,
  sizeColumns,
} from "./business-row.ts";
import { CELLS, column, readJknStatuses, readOptional } from "./row-helpers.ts";

/**
 * `bpjs-bu`: BPJS Kesehatan's own employer registry, PKS Kemnaker–BPJS Kesehatan 2025,
 * Lampiran II.1 (22 fields, in that order), plus optional Jumlah Pekerja Terdaftar and KBLI.
 * Required columns: Nama Badan Usaha, NPWP, Status Terdaftar JKN, Status Keaktifan Badan Usaha.
 * A row without a name is rejected; an unreadable or blank status is a warning (left null,
 * unknown: never read as registered or active).
 *
 * Record: as `kemnaker-bu` (kodeBadanUsaha is BPJS's employer code; kodeWlkp is always null),
 * except `workerCount`, always null: BPJS does not know the employer's workforce, Kemnaker does.
 *
 * `extra`:
 * - `contactName`, `contactPhone` (E.164), `businessActivity`: as `kemnaker-bu`.
 * - `registered`: Status terdaftar JKN — true "sudah terdaftar", false "belum terdaftar", null unknown.
 * - `active`: Status keaktifan BU — true "aktif", false "tidak aktif", null unknown.
 * - `registeredWorkers`: II.1 "Jumlah Pekerja", which in BPJS's registry counts the employer's
 *   workers registered in JKN, a whole number; the gap to Kemnaker's reported workforce is what a
 *   partly registered employer (PDS) still owes. Files that name it "Jumlah Pekerja Terdaftar"
 *   are read the same way.
 */

export const BPJS_BU_KEYS = {
  ...BUSINESS_KEYS,
  name: "nama_badan_usaha",
  registered: "status_terdaftar_jkn",
  active: "status_keaktifan",
  registeredWorkers: "jumlah_pekerja_terdaftar",
} as const;

const K = BPJS_BU_KEYS;

const NAME = column(
  K.name,
  "Nama Badan Usaha",
  ["Nama Pemberi Kerja", "Nama BU", "Nama Perusahaan", "Nama Usaha", "Badan Usaha"],
  { required: true, cell: CELLS.field("name") },
);

const identifiers = identifierColumns(BPJS_WORDING);

export const bpjsBu: SourceDefinition = {
  id: "bpjs-bu",
  usesRegions: true,
  columns: Object.freeze([
    identifiers.nib,
    identifiers.npwp,
    identifiers.kodeBadanUsaha,
    NAME,
    ...contactAndRegionColumns(BPJS_WORDING),
    ...sizeColumns(),
    column(
      K.registered,
      "Status Terdaftar JKN",
      ["Status Terdaftar", "Status JKN", "Terdaftar JKN", "Status Pendaftaran JKN"],
      { required: true },
    ),
    column(
      K.active,
      "Status Keaktifan Badan Usaha",
      ["Status Keaktifan", "Status Keaktifan BU", "Status Aktif", "Status Aktif BU", "Status BU", "Keaktifan"],
      { required: true },
    ),
    column(K.registeredWorkers, "Jumlah Pekerja Terdaftar", [
      "Jumlah Pekerja Terdaftar JKN",
      "Pekerja Terdaftar",
      "jml_pekerja_terdaftar",
      "jumlah_tk_terdaftar",
      "Jumlah Peserta",
      "jml_peserta",
    ], { cell: CELLS.extra("registeredWorkers") }),
    kbliColumn(),
  ]),
  normalize(values, ctx) {
    const outcome = normalizeBusinessRow(values, ctx, NAME, { kodeWlkp: null, workerCount: null });
    if (!outcome.ok) return outcome;
    const { extra } = outcome.record;
    const warnings = outcome.warnings;
    const jumlahPekerja = readOptional(parseWorkerCount, values, K.workerCount, ctx, warnings);
    const statuses = readJknStatuses(values, K, ctx, warnings);
    extra.registered = statuses.registered;
    extra.active = statuses.active;
    const jumlahPekerjaTerdaftar = readOptional(parseWorkerCount, values, K.registeredWorkers, ctx, warnings);
    // Both columns hold the registered count. A file with both is read from "Jumlah Pekerja
    // Terdaftar": a column named for exactly this count beats the agreement's generic wording,
    // which an export may have filled with something else (the workforce); "Jumlah Pekerja"
    // only fills in when that cell is empty or unreadable.
    extra.registeredWorkers = jumlahPekerjaTerdaftar ?? jumlahPekerja;
    return outcome;
  },
};
