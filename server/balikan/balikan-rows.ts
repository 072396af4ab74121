import "server-only";
import {
  ahuEntityStatus,
  ahuNotaryStatus,
  jknSegmentLabel,
  kemnakerActivityStatus,
  kemnakerJknStatus,
  kemnakerWorkerStatus,
  nationalPhone,
  type BalikanEntryDefinition,
  type JknAnswer,
} from "@/lib/balikan.ts";
import { PERIOD_PATTERN } from "@/lib/sources.ts";
import { CURRENT_BATCHES_SQL } from "@/server/matching/load-records.ts";

/**
 * The SQL behind each CSV of a data balikan: one row per record the partner sent in that
 * period's batches (so the partner can join back, and the count reconciles with the batches'
 * accepted rows), in the order the partner sent them, with only the agreed elements.
 *
 * Statuses come from balikan_status, the answer the match run wrote for each record while its
 * period was current, so an older period still gets the statuses of its own time:
 * - AHU entities: "Terdaftar" when the business is registered in JKN at all (Terdaftar aktif,
 *   Terdaftar nonaktif, Daftar sebagian), "Tidak terdaftar" when Belum terdaftar — the agreement
 *   asks whether the entity is registered, not whether it is paid up.
 * - AHU notaries: Aktif / Tidak aktif / Tidak terdaftar from the participant, and the segment.
 * - Kemnaker: fields 1–20 of Lampiran II.1, NIB and NPWP included, from BPJS's own employer
 *   record (bpjs-bu) when the business is registered; otherwise BPJS has none, and the row
 *   repeats what Kemnaker sent (Kode Badan Usaha, BPJS's code, stays empty). Never another
 *   partner's data: nothing from AHU reaches Kemnaker and nothing from Kemnaker or BPJS beyond the
 *   status reaches AHU.
 * - What BPJS's data leaves blank is "Tidak diketahui" (lib/balikan.ts), never a guess.
 * - Kemnaker's workers (Lampiran II.2): the participant (see `workerParticipantJoin`) gives NIORA,
 *   segment, statuses and year; NIK, passport and KITAS are the ones Kemnaker sent, so the row
 *   joins back. The participant is the one the match run chose while the period was current
 *   (balikan_status); a worker no run has seen yet is looked up in the current bpjs-peserta
 *   directly, so the file does not wait for a match run.
 */

/** COPY takes no bind parameters: the period is inlined, so it is checked here as well. */
function periodLiteral(period: string): string {
  if (!PERIOD_PATTERN.test(period)) throw new Error(`Periode tidak valid: ${period}`);
  return `'${period}'`;
}

function batchesOf(source: BalikanEntryDefinition["source"], period: string): string {
  return `SELECT id, created_at FROM import_batch WHERE source = '${source}' AND period = ${periodLiteral(period)}`;
}

/** The batches of the newest bpjs-peserta period, as a CTE: what "BPJS's participants" means now. */
export const CURRENT_PESERTA_CTE = `current_peserta AS MATERIALIZED (
  SELECT c.id FROM (${CURRENT_BATCHES_SQL}) c WHERE c.source = 'bpjs-peserta')`;

/** A participant row's Lampiran II.2 values, under the names `BEST_FIRST` orders by. */
const PARTICIPANT_COLUMNS = `pr.id, pr.extra->>'niora' AS niora, pr.extra->>'segment' AS segment,
  pr.extra->>'registered' AS registered, pr.extra->>'active' AS active, pr.extra->>'membershipYear' AS year`;

/** One participant out of several rows `c`: the registered one first, then the active one, then the newest. */
const BEST_FIRST = `(c.registered = 'true') DESC NULLS LAST, (c.active = 'true') DESC NULLS LAST, c.id DESC`;

/**
 * `LEFT JOIN LATERAL … pn`: the best current participant with the NIK of the worker record `w`
 * (none when `w` has no NIK). Found through source_record's NIK index, so it costs one index probe
 * per worker however many participants there are. Needs `CURRENT_PESERTA_CTE`.
 */
export function participantByNikJoin(w: string): string {
  return `LEFT JOIN LATERAL (
    SELECT c.* FROM (SELECT ${PARTICIPANT_COLUMNS} FROM source_record pr
      WHERE pr.nik = ${w}.nik AND pr.batch_id IN (SELECT id FROM current_peserta)) c
    ORDER BY ${BEST_FIRST} LIMIT 1
  ) pn ON TRUE`;
}

/**
 * The participant of each kemnaker-tk worker `w` (columns nik, passport, kitas), as `p` (columns
 * id, niora, segment, registered, active, year; all null when none): by NIK; a worker without a
 * NIK (a foreigner) by passport or KITAS, the better of the two. Passports and KITAS numbers sit
 * in `extra`, which no index covers: the current participants' documents are read once into a
 * hashed CTE (`foreign_participant`, needs `FOREIGN_PARTICIPANT_CTE`) instead of scanned per worker.
 */
const workerParticipantJoin = (w: string) => `${participantByNikJoin(w)}
  LEFT JOIN foreign_participant fp ON ${w}.nik IS NULL AND fp.doc = 'P' || ${w}.passport
  LEFT JOIN foreign_participant fk ON ${w}.nik IS NULL AND fk.doc = 'K' || ${w}.kitas
  LEFT JOIN LATERAL (
    SELECT c.* FROM (VALUES (pn.id, pn.niora, pn.segment, pn.registered, pn.active, pn.year),
                            (fp.id, fp.niora, fp.segment, fp.registered, fp.active, fp.year),
                            (fk.id, fk.niora, fk.segment, fk.registered, fk.active, fk.year)
    ) c (id, niora, segment, registered, active, year)
    WHERE c.id IS NOT NULL ORDER BY ${BEST_FIRST} LIMIT 1
  ) p ON TRUE`;

/**
 * The same choice over a whole set of workers at once (`workers`: a relation with id, nik,
 * passport, kitas), as hash joins rather than a probe per worker, for the match run's snapshot
 * of tens of millions: (worker_id, id, registered, active) of the best current participant of
 * each worker that has one. Needs `CURRENT_PESERTA_CTE` and `FOREIGN_PARTICIPANT_CTE`.
 */
export function bestParticipantsSql(workers: string): string {
  const foreign = (prefix: "P" | "K", column: "passport" | "kitas") =>
    `SELECT w.id, f.id, f.registered, f.active FROM ${workers} w JOIN foreign_participant f ON w.nik IS NULL AND f.doc = '${prefix}' || w.${column}`;
  return `SELECT DISTINCT ON (c.worker_id) c.worker_id, c.id, c.registered, c.active FROM (
      SELECT w.id AS worker_id, pr.id, pr.extra->>'registered' AS registered, pr.extra->>'active' AS active
        FROM ${workers} w JOIN source_record pr ON pr.nik = w.nik AND pr.batch_id IN (SELECT id FROM current_peserta)
      UNION ALL ${foreign("P", "passport")}
      UNION ALL ${foreign("K", "kitas")}
    ) c ORDER BY c.worker_id, ${BEST_FIRST}`;
}

/** The best current participant per passport (`P…`) and per KITAS (`K…`) number. */
export const FOREIGN_PARTICIPANT_CTE = `foreign_participant AS MATERIALIZED (
  SELECT DISTINCT ON (c.doc) c.* FROM (
    SELECT d.doc, ${PARTICIPANT_COLUMNS} FROM source_record pr
    CROSS JOIN LATERAL (VALUES ('P' || (pr.extra->>'passportNumber')), ('K' || (pr.extra->>'kitas'))) d (doc)
    WHERE pr.batch_id IN (SELECT id FROM current_peserta) AND d.doc IS NOT NULL
  ) c ORDER BY c.doc, ${BEST_FIRST})`;

/** A notary's segment, from its participant `p` and its answer `s`: none for one listed as not registered. */
export function notarySegmentSql(s: string, p: string): string {
  return `CASE WHEN ${s}.registered IS DISTINCT FROM FALSE THEN ${p}.extra->>'segment' END`;
}

/** The rows of one CSV, cells in header order (before labels are applied by `toBalikanRow`). */
export function balikanEntryQuery(entry: BalikanEntryDefinition, period: string): string {
  const batches = batchesOf(entry.source, period);
  switch (entry.key) {
    case "ahu-entitas":
      return `SELECT r.name, r.npwp, s.registered, s.active
        FROM (${batches}) ib JOIN source_record r ON r.batch_id = ib.id
        LEFT JOIN balikan_status s ON s.source_record_id = r.id
        ORDER BY ib.created_at, ib.id, r.line`;
    case "ahu-notaris":
      return `SELECT r.nik, r.npwp, s.registered, s.active, ${notarySegmentSql("s", "p")}
        FROM (${batches}) ib JOIN source_record r ON r.batch_id = ib.id
        LEFT JOIN balikan_status s ON s.source_record_id = r.id
        LEFT JOIN source_record p ON p.id = s.bpjs_record_id
        ORDER BY ib.created_at, ib.id, r.line`;
    case "kemnaker-bu": {
      // BPJS's record when registered, else Kemnaker's own.
      const s = (column: string) => `(CASE WHEN bp.id IS NULL THEN r.${column} ELSE bp.${column} END)`;
      // II.1 Jumlah Pekerja in BPJS's record is its count of workers registered in JKN (bpjs-bu
      // keeps it in extra); Kemnaker's own row carries the workforce it reported.
      const workers = `(CASE WHEN bp.id IS NULL THEN r.worker_count::text ELSE bp.extra->>'registeredWorkers' END)`;
      return `SELECT ${s("nib")}, ${s("npwp")}, bp.kode_badan_usaha, ${s("name")}, ${s("extra")}->>'contactName', ${s("extra")}->>'contactPhone', ${s("address")},
          ${s("village_code")}, v.name, ${s("district_code")}, d.name, ${s("regency_code")}, rg.name, ${s("province_code")}, p.name,
          ${s("postcode")}, ${s("phone")}, ${s("email")}, ${workers}, ${s("business_scale")}, st.registered, st.active
        FROM (${batches}) ib JOIN source_record r ON r.batch_id = ib.id
        LEFT JOIN balikan_status st ON st.source_record_id = r.id
        LEFT JOIN source_record bp ON bp.id = st.bpjs_record_id
        LEFT JOIN region p ON p.code = ${s("province_code")}
        LEFT JOIN region rg ON rg.code = ${s("regency_code")}
        LEFT JOIN region d ON d.code = ${s("district_code")}
        LEFT JOIN region v ON v.code = ${s("village_code")}
        ORDER BY ib.created_at, ib.id, r.line`;
    }
    case "kemnaker-pekerja": {
      // The participant the match run chose while the period was current (st); for a worker it
      // has not seen yet, the one found now (p) — the file does not wait for a match run.
      const pick = (column: string) => `(CASE WHEN st.source_record_id IS NULL THEN p.${column} ELSE sp.${column} END)`;
      return `WITH ${CURRENT_PESERTA_CTE}, ${FOREIGN_PARTICIPANT_CTE}
        SELECT r.nik, r.extra->>'passportNumber', ${pick("niora")}, r.extra->>'kitas', ${pick("segment")}, ${pick("id")} IS NOT NULL,
          ${pick("registered")}, ${pick("active")}, ${pick("year")}
        FROM (${batches}) ib JOIN source_record r ON r.batch_id = ib.id
        LEFT JOIN balikan_status st ON st.source_record_id = r.id
        LEFT JOIN LATERAL (SELECT ${PARTICIPANT_COLUMNS} FROM source_record pr WHERE pr.id = st.bpjs_record_id) sp ON TRUE
        LEFT JOIN LATERAL (SELECT r.nik, r.extra->>'passportNumber' AS passport, r.extra->>'kitas' AS kitas
          WHERE st.source_record_id IS NULL) lw ON TRUE
        ${workerParticipantJoin("lw")}
        ORDER BY ib.created_at, ib.id, r.line`;
    }
  }
}

/**
 * Records of the period whose JKN status cannot be told (`unmatched`), and why: for businesses
 * and notaries, records no match run has answered yet (a period that arrived after a newer one is
 * answered by the run its import starts); for workers, all of them while no bpjs-peserta
 * has ever been imported. Generating then would report them wrongly as not registered, so it is
 * refused. A period a newer one superseded keeps the statuses of its time and is never refused.
 */
export function balikanUnmatchedQuery(entry: BalikanEntryDefinition, period: string): { sql: string; reason: string } {
  const batches = batchesOf(entry.source, period);
  const link =
    entry.key === "kemnaker-pekerja"
      ? `NOT EXISTS (SELECT 1 FROM import_batch WHERE source = 'bpjs-peserta')`
      : `NOT EXISTS (SELECT 1 FROM balikan_status s WHERE s.source_record_id = r.id)`;
  return {
    sql: `SELECT count(*)::int AS unmatched FROM (${batches}) ib JOIN source_record r ON r.batch_id = ib.id WHERE ${link}`,
    reason:
      entry.key === "kemnaker-pekerja"
        ? "belum dapat diberi status JKN: belum ada data peserta BPJS (bpjs-peserta). Impor data peserta lalu coba lagi."
        : "belum pernah diberi status oleh pencocokan (pencocokan belum dijalankan sejak diimpor). " +
          "Jalankan pencocokan lalu coba lagi.",
  };
}

/** One COPY row → the CSV cells, statuses in the agreement's words. */
export function toBalikanRow(entry: BalikanEntryDefinition, cells: (string | null)[]): (string | number | null)[] {
  const text = (i: number) => cells[i] ?? "";
  switch (entry.key) {
    case "ahu-entitas":
      return [text(0), text(1), ahuEntityStatus(copyAnswer(cells[2], cells[3]))];
    case "ahu-notaris":
      return [text(0), text(1), ahuNotaryStatus(copyAnswer(cells[2], cells[3])), jknSegmentLabel(cells[4] ?? null) ?? ""];
    case "kemnaker-bu": {
      const answer = copyAnswer(cells[20], cells[21]);
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
        kemnakerJknStatus(answer),
        kemnakerActivityStatus(answer) ?? "",
      ];
    }
    case "kemnaker-pekerja": {
      const status = kemnakerWorkerStatus(cells[5] === "t" ? { registered: jsonBoolean(cells[6]), active: jsonBoolean(cells[7]) } : null);
      const year = cells[8];
      // Segment and year belong to a participant not listed as unregistered.
      const listed = status.registered !== false;
      return [
        text(0),
        text(1),
        text(2),
        text(3),
        listed ? (jknSegmentLabel(cells[4] ?? null) ?? "") : "",
        status.statusTerdaftarJkn,
        status.statusAktif ?? "",
        listed && year ? Number(year) : "",
      ];
    }
  }
}

/** A balikan_status row's booleans as COPY writes them (`t`, `f`, null). */
function copyAnswer(registered: string | null | undefined, active: string | null | undefined): JknAnswer {
  const bool = (value: string | null | undefined) => (value === "t" ? true : value === "f" ? false : null);
  return { registered: bool(registered), active: bool(active) };
}

/** `extra->>'registered'` and the like: "true", "false", or null when unknown. */
export function jsonBoolean(value: string | null | undefined): boolean | null {
  return value === "true" ? true : value === "false" ? false : null;
}

const SCALE_LABELS: Record<string, string> = { MIKRO: "Mikro", KECIL: "Kecil", MENENGAH: "Menengah", BESAR: "Besar" };

function scaleLabel(scale: string | null): string {
  return scale ? (SCALE_LABELS[scale] ?? scale) : "";
}
