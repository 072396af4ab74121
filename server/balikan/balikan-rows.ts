import "server-only";
import {
  ahuEntityStatus,
  ahuNotaryStatus,
  jknSegmentLabel,
  kemnakerActivityStatus,
  kemnakerJknStatus,
  nationalPhone,
  type BalikanEntryDefinition,
} from "@/lib/balikan.ts";
import { PERIOD_PATTERN } from "@/lib/sources.ts";

/**
 * The SQL behind each CSV of a data balikan: one row per record the partner sent in that
 * period's batches (so the partner can join back, and the count reconciles with the batches'
 * accepted rows), in the order the partner sent them, with only the agreed elements.
 *
 * Statuses come from the current match (business_record → business, notary_status):
 * - AHU entities: "Terdaftar" when the business is registered in JKN at all (Terdaftar aktif,
 *   Terdaftar nonaktif, Daftar sebagian), "Tidak Terdaftar" when Belum terdaftar — the agreement
 *   asks whether the entity is registered, not whether it is paid up.
 * - AHU notaries: notary_status (Aktif / Tidak Aktif / Tidak Terdaftar) and the segment.
 * - Kemnaker: fields 1–20 of Lampiran II.1 from BPJS's own employer record (bpjs-bu) when the
 *   business is registered; otherwise BPJS has none, and the row repeats what Kemnaker sent, so
 *   it can be joined back (Kode Badan Usaha, BPJS's code, stays empty). Never another partner's
 *   data: nothing from AHU reaches Kemnaker and nothing from Kemnaker or BPJS beyond the status
 *   reaches AHU.
 */

/** COPY takes no bind parameters: the period is inlined, so it is checked here as well. */
function periodLiteral(period: string): string {
  if (!PERIOD_PATTERN.test(period)) throw new Error(`Periode tidak valid: ${period}`);
  return `'${period}'`;
}

function batchesOf(source: BalikanEntryDefinition["source"], period: string): string {
  return `SELECT id, created_at FROM import_batch WHERE source = '${source}' AND period = ${periodLiteral(period)}`;
}

const REGISTERED = `('TERDAFTAR_AKTIF', 'TERDAFTAR_NONAKTIF', 'DAFTAR_SEBAGIAN')`;

/** The rows of one CSV, cells in header order (before labels are applied by `toBalikanRow`). */
export function balikanEntryQuery(entry: BalikanEntryDefinition, period: string): string {
  const batches = batchesOf(entry.source, period);
  switch (entry.key) {
    case "ahu-entitas":
      return `SELECT r.name, r.npwp, b.status::text
        FROM (${batches}) ib JOIN source_record r ON r.batch_id = ib.id
        LEFT JOIN business_record br ON br.source_record_id = r.id
        LEFT JOIN business b ON b.id = br.business_id
        ORDER BY ib.created_at, ib.id, r.line`;
    case "ahu-notaris":
      return `SELECT r.nik, r.npwp, ns.status::text, ns.segment
        FROM (${batches}) ib JOIN source_record r ON r.batch_id = ib.id
        LEFT JOIN notary_status ns ON ns.source_record_id = r.id
        ORDER BY ib.created_at, ib.id, r.line`;
    case "kemnaker-bu": {
      // BPJS's record when registered, else Kemnaker's own.
      const s = (column: string) => `(CASE WHEN bp.id IS NULL THEN r.${column} ELSE bp.${column} END)`;
      return `SELECT r.nib, r.npwp, bp.kode_badan_usaha, ${s("name")}, ${s("extra")}->>'contactName', ${s("extra")}->>'contactPhone', ${s("address")},
          ${s("village_code")}, v.name, ${s("district_code")}, d.name, ${s("regency_code")}, rg.name, ${s("province_code")}, p.name,
          ${s("postcode")}, ${s("phone")}, ${s("email")}, ${s("worker_count")}, ${s("business_scale")}, b.status::text
        FROM (${batches}) ib JOIN source_record r ON r.batch_id = ib.id
        LEFT JOIN business_record br ON br.source_record_id = r.id
        LEFT JOIN business b ON b.id = br.business_id
        LEFT JOIN LATERAL (
          SELECT sr.* FROM business_record x JOIN source_record sr ON sr.id = x.source_record_id
          WHERE x.business_id = b.id AND x.source = 'bpjs-bu' AND b.status IN ${REGISTERED}
          ORDER BY (sr.extra->>'registered' = 'true') DESC NULLS LAST, sr.id DESC LIMIT 1
        ) bp ON TRUE
        LEFT JOIN region p ON p.code = ${s("province_code")}
        LEFT JOIN region rg ON rg.code = ${s("regency_code")}
        LEFT JOIN region d ON d.code = ${s("district_code")}
        LEFT JOIN region v ON v.code = ${s("village_code")}
        ORDER BY ib.created_at, ib.id, r.line`;
    }
  }
}

/**
 * Records of the period the current match does not cover (no business, or no notary status):
 * a period already superseded by a newer one, or one whose matching has not run. Generating
 * then would report them wrongly as not registered, so it is refused.
 */
export function balikanUnmatchedQuery(entry: BalikanEntryDefinition, period: string): string {
  const batches = batchesOf(entry.source, period);
  const link =
    entry.key === "ahu-notaris"
      ? `NOT EXISTS (SELECT 1 FROM notary_status ns WHERE ns.source_record_id = r.id)`
      : `NOT EXISTS (SELECT 1 FROM business_record br WHERE br.source_record_id = r.id)`;
  return `SELECT count(*)::int AS unmatched FROM (${batches}) ib JOIN source_record r ON r.batch_id = ib.id WHERE ${link}`;
}

/** One COPY row → the CSV cells, statuses in the agreement's words. */
export function toBalikanRow(entry: BalikanEntryDefinition, cells: (string | null)[]): (string | number | null)[] {
  const text = (i: number) => cells[i] ?? "";
  switch (entry.key) {
    case "ahu-entitas":
      return [text(0), text(1), ahuEntityStatus(cells[2] ?? null)];
    case "ahu-notaris":
      return [text(0), text(1), ahuNotaryStatus(cells[2] ?? null), jknSegmentLabel(cells[3] ?? null) ?? ""];
    case "kemnaker-bu": {
      const status = cells[20] ?? null;
      const workers = cells[18];
      return [
        text(0),
        text(1),
        text(2),
        text(3),
        text(4),
        nationalPhone(cells[5] ?? null),
        text(6),
        text(7),
        text(8),
        text(9),
        text(10),
        text(11),
        text(12),
        text(13),
        text(14),
        text(15),
        nationalPhone(cells[16] ?? null),
        text(17),
        workers === null ? "" : Number(workers),
        scaleLabel(cells[19] ?? null),
        kemnakerJknStatus(status),
        kemnakerActivityStatus(status) ?? "",
      ];
    }
  }
}

const SCALE_LABELS: Record<string, string> = { MIKRO: "Mikro", KECIL: "Kecil", MENENGAH: "Menengah", BESAR: "Besar" };

function scaleLabel(scale: string | null): string {
  return scale ? (SCALE_LABELS[scale] ?? scale) : "";
}
