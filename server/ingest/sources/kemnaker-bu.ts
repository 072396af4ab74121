import "server-only";
import type { SourceDefinition } from "@/server/ingest/types.ts";
import {
  BUSINESS_KEYS,
  contactAndRegionColumns,
  identifierColumns,
  KEMNAKER_WORDING,
  KODE_WLKP_ALIASES,
  kbliColumn,
  normalizeBusinessRow,
  sizeColumns,
} from "./business-row.ts";
import { CELLS, column } from "./row-helpers.ts";

/**
 * `kemnaker-bu`: Kemnaker's WLKP business list, PKS Kemnaker–BPJS Kesehatan 2025, Lampiran I.1
 * (21 fields, in that order), plus an optional KBLI column. Region codes and names as Kemendagri
 * publishes them. Required columns: Nama Pemberi Kerja, NPWP. A row without a name is rejected.
 *
 * Record: name, npwp (+ npwpIsNik), nib, kodeWlkp, kodeBadanUsaha (Kemnaker's own code), region
 * codes + regionMatch, address, postcode, phone (E.164), email, workerCount, businessScale, kbli.
 *
 * `extra`:
 * - `contactName`: Nama Kontak / petugas administrasi (personal data), spaces collapsed.
 * - `contactPhone`: the admin's mobile number in E.164 (personal data).
 * - `businessActivity`: the KBLI cell's description when it holds text besides (or instead of) a code.
 */

export const KEMNAKER_BU_KEYS = {
  ...BUSINESS_KEYS,
  kodeWlkp: "kode_wlkp",
  name: "nama_pemberi_kerja",
} as const;

const NAME = column(
  KEMNAKER_BU_KEYS.name,
  "Nama Pemberi Kerja",
  [
    "Nama Badan Usaha",
    "Nama Perusahaan",
    "Nama BU",
    "Nama Usaha",
    "Pemberi Kerja",
    "Perusahaan",
    "nama_pk",
  ],
  { required: true, cell: CELLS.field("name") },
);

const identifiers = identifierColumns(KEMNAKER_WORDING);

export const kemnakerBu: SourceDefinition = {
  id: "kemnaker-bu",
  usesRegions: true,
  columns: Object.freeze([
    identifiers.nib,
    identifiers.npwp,
    identifiers.kodeBadanUsaha,
    column(KEMNAKER_BU_KEYS.kodeWlkp, "Kode Pendaftaran WLKP", KODE_WLKP_ALIASES, { cell: CELLS.field("kodeWlkp") }),
    NAME,
    ...contactAndRegionColumns(KEMNAKER_WORDING),
    ...sizeColumns(),
    kbliColumn(),
  ]),
  normalize(values, ctx) {
    return normalizeBusinessRow(values, ctx, NAME, { kodeWlkp: KEMNAKER_BU_KEYS.kodeWlkp, workerCount: KEMNAKER_BU_KEYS.workerCount });
  },
};
