import "server-only";
import type pg from "pg";
import { copyInLines } from "@/server/db/copy-in.ts";
import { copyOutRows } from "@/server/db/copy-out.ts";
import type { BusinessStatus } from "@/server/db/generated/enums.ts";
import { CURRENT_BATCHES_SQL } from "./load-records.ts";
import { priorityScore } from "./priority.ts";
import { BUSINESS_SOURCES_SQL } from "./types.ts";
import { stepTimer } from "./step-timer.ts";

/**
 * The worker pass of a match run, inside its write transaction, after the businesses and their
 * record links are written: each current Kemnaker worker (kemnaker-tk) is linked to the business
 * it was listed under and to its JKN participation (bpjs-peserta), and the businesses with worker
 * rows get exact counts, status, gap and priority.
 *
 * All of it is SQL over hash joins of the current rows: national volumes are tens of millions of
 * workers and participants, far more than a Node heap holds, and PostgreSQL bounds the memory of
 * a join by work_mem, spilling to disk past it. Only one small line per business with workers
 * (its id and new priority) passes through Node, because the priority rule lives in priority.ts.
 *
 * Employer of a worker: the business holding the kemnaker-bu record of its Kode WLKP, else the
 * business with its employer NPWP, else with its NIB; none when no business carries those keys.
 *
 * Participant of a worker: the current bpjs-peserta rows with its NIK, or (foreigners) its
 * passport or KITAS number. Of several, the one that says most about this employer wins:
 *   1. PPU BU under this employer           → TERDAFTAR_DI_SINI
 *   2. PPU BU under another employer         → TERDAFTAR_DI_LAIN
 *   3. registered in another segment         → SEGMEN_LAIN (PBI JK, PBPU, BP, PBPU Pemda, PPU PN)
 *   4. listed as not registered, or no row   → BELUM_TERDAFTAR
 * (active rows before inactive ones within a rank). A PPU BU participant's employer is the
 * business of the bpjs-bu record with its Kode Badan Usaha, else the business with its NPWP Badan
 * Usaha — or the worker's own employer when both name the same NPWP, even one no business in
 * Jangkau carries (a sole proprietor's NIK as NPWP). When BPJS sent neither (the agreement's II.2 structure has no employer columns), a PPU BU
 * worker of an employer BPJS registers counts as registered here, and as elsewhere otherwise:
 * without a link the benefit of the doubt goes to the employer, so no officer chases a worker who
 * may well be covered.
 *
 * A business with worker rows: registered_workers = workers registered here, worker_gap = listed −
 * registered here (exact); registered (by BPJS's registry or by a worker registered here) and a gap
 * makes it Daftar sebagian, no gap Terdaftar aktif; Terdaftar nonaktif stays as the registry says.
 * worker_count keeps Kemnaker's reported count, or takes the listed workers when there is none.
 */

export type WorkerPassScope = "all" | { businessIds: readonly string[] };

export interface WorkerPassSummary {
  workers: number;
  businesses: number;
}

// Hash joins of millions of rows: the 4 MB default would make PostgreSQL sort and spill early.
const WORK_MEM = "128MB";

export async function refreshWorkerStatus(
  client: pg.Client,
  runId: number,
  scope: WorkerPassScope,
  log: (message: string) => void = () => undefined,
): Promise<WorkerPassSummary> {
  const step = stepTimer(log, "    ");
  await client.query(`SET LOCAL work_mem = '${WORK_MEM}'`);
  const all = scope === "all";
  // Over all workers every join is a hash join. Imports ANALYZE source_record, but a run started
  // while another import is being committed may still plan on the estimates of before: on such
  // estimates the planner chose nested loops over unindexed temp tables, and one statement ran for
  // more than ten minutes (measured). A scoped pass wants its nested loops over the NIK index.
  if (all) await client.query(`SELECT set_config('enable_nestloop', 'off', true)`);
  await createEmployerKeyTables(client);
  step("kunci pemberi kerja");
  const scopeIds = all ? [] : [...scope.businessIds];
  // Which workers this pass recomputes: all, or those of the re-resolved businesses (before and
  // after the run) and those no business had, which a new kemnaker-bu batch may now employ
  // (few: keys that matched nothing).
  if (!all) {
    await client.query(
      `CREATE TEMP TABLE tmp_worker_scope ON COMMIT DROP AS
       SELECT source_record_id AS id FROM worker_status WHERE business_id = ANY($1::bigint[]) OR business_id IS NULL`,
      [scopeIds],
    );
  }

  // 1. Each worker in scope with its employer's business.
  await client.query(
    `CREATE TEMP TABLE tmp_worker ON COMMIT DROP AS
     SELECT w.id, w.nik, nullif(w.extra->>'passportNumber', '') AS passport, nullif(w.extra->>'kitas', '') AS kitas,
            coalesce(wl.business_id, np.business_id, nb.business_id) AS business_id, w.npwp AS employer_npwp
     FROM source_record w
     JOIN (${CURRENT_BATCHES_SQL}) c ON c.id = w.batch_id AND c.source = 'kemnaker-tk'
     ${all ? "" : "JOIN tmp_worker_scope s ON s.id = w.id"}
     LEFT JOIN tmp_wlkp_business wl ON wl.key = w.kode_wlkp
     LEFT JOIN tmp_npwp_business np ON np.key = w.npwp
     LEFT JOIN tmp_nib_business nb ON nb.key = w.nib
     WHERE w.source = 'kemnaker-tk'`,
  );
  await client.query(`ANALYZE tmp_worker`);
  step("pekerja dan pemberi kerjanya");

  // 2. The current participants any of those workers may be, with their employer: all of them
  // in a full pass (hash-joined below), else those sharing a NIK, passport or KITAS with a worker
  // in scope (the NIK through its index; the few foreigners' documents by a scan, only if any).
  let only = "";
  if (!all) {
    const { rows } = await client.query<{ foreigners: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM tmp_worker WHERE passport IS NOT NULL OR kitas IS NOT NULL) AS foreigners`,
    );
    // One scan of the participants against two hashed lists: a join ON passport OR KITAS can only
    // be a nested loop, every participant against every worker in scope (more than 7 minutes for an
    // incremental run at 1M records, 833,140 participants).
    const byDocument = rows[0]?.foreigners
      ? `UNION SELECT p2.id FROM source_record p2
         WHERE p2.source = 'bpjs-peserta'
           AND (p2.extra->>'passportNumber' IN (SELECT passport FROM tmp_worker) OR p2.extra->>'kitas' IN (SELECT kitas FROM tmp_worker))`
      : "";
    only = `AND p.id IN (SELECT p2.id FROM source_record p2 JOIN tmp_worker t ON p2.nik = t.nik ${byDocument})`;
  }
  await client.query(
    `CREATE TEMP TABLE tmp_participant ON COMMIT DROP AS
     SELECT p.id, p.nik, nullif(p.extra->>'passportNumber', '') AS passport, nullif(p.extra->>'kitas', '') AS kitas,
            p.extra->>'segment' AS segment,
            (p.extra->>'registered')::boolean AS registered,
            (p.extra->>'active')::boolean AS active,
            (p.extra->>'membershipYear')::int AS membership_year,
            coalesce(kb.business_id, np.business_id) AS employer_id, p.npwp AS employer_npwp,
            (p.kode_badan_usaha IS NOT NULL OR p.npwp IS NOT NULL) AS employer_given
     FROM source_record p
     JOIN (${CURRENT_BATCHES_SQL}) c ON c.id = p.batch_id AND c.source = 'bpjs-peserta'
     LEFT JOIN tmp_kode_bu_business kb ON kb.key = p.kode_badan_usaha
     LEFT JOIN tmp_npwp_business np ON np.key = p.npwp
     WHERE p.source = 'bpjs-peserta' ${only}`,
  );
  await client.query(`ANALYZE tmp_participant`);
  step("peserta");

  // 3. The best participant row of each worker, ranked as the comment above says. Three equi-joins
  // (NIK, passport, KITAS) rather than one OR, so each is a hash join.
  await client.query(`CREATE TEMP TABLE tmp_worker_status (LIKE worker_status) ON COMMIT DROP`);
  const { rowCount } = await client.query(
    `WITH candidate AS (
       SELECT t.id AS worker_id, p.* FROM tmp_worker t JOIN tmp_participant p ON p.nik = t.nik
       UNION ALL
       SELECT t.id, p.* FROM tmp_worker t JOIN tmp_participant p ON p.passport = t.passport
       UNION ALL
       SELECT t.id, p.* FROM tmp_worker t JOIN tmp_participant p ON p.kitas = t.kitas
     ),
     ranked AS (
       SELECT c.*, t.business_id,
         CASE
           WHEN c.registered IS FALSE OR c.segment IS NULL THEN 4
           WHEN c.segment <> 'PPU_BU' THEN 3
           WHEN c.employer_id = t.business_id OR c.employer_npwp = t.employer_npwp THEN 1
           WHEN NOT c.employer_given AND eb.status <> 'BELUM_TERDAFTAR' THEN 1
           ELSE 2
         END AS rank
       FROM candidate c JOIN tmp_worker t ON t.id = c.worker_id
       LEFT JOIN business eb ON eb.id = t.business_id
     ),
     best AS (
       SELECT DISTINCT ON (worker_id) * FROM ranked
       ORDER BY worker_id, rank, active IS TRUE DESC, id DESC
     )
     INSERT INTO tmp_worker_status
     SELECT t.id, t.business_id, t.nik,
       (CASE b.rank WHEN 1 THEN 'TERDAFTAR_DI_SINI' WHEN 2 THEN 'TERDAFTAR_DI_LAIN' WHEN 3 THEN 'SEGMEN_LAIN'
             ELSE 'BELUM_TERDAFTAR' END)::"WorkerJknStatus",
       CASE WHEN b.rank < 4 THEN b.segment END,
       CASE WHEN b.rank < 4 THEN b.active END,
       CASE WHEN b.rank < 4 THEN b.membership_year END,
       b.id,
       CASE WHEN b.rank < 4 THEN coalesce(b.employer_id, CASE WHEN b.rank = 1 THEN t.business_id END) END,
       $1
     FROM tmp_worker t LEFT JOIN best b ON b.worker_id = t.id`,
    [runId],
  );

  step("status pekerja dihitung");
  // Written as a difference: a run over the same files changes few rows, and the table is not
  // rewritten (nor its indexes, nor the WAL) for nothing. match_run_id is the run that last
  // changed a row.
  await client.query(
    all
      ? `DELETE FROM worker_status w WHERE NOT EXISTS (SELECT 1 FROM tmp_worker_status t WHERE t.source_record_id = w.source_record_id)`
      : `DELETE FROM worker_status w USING tmp_worker_scope s WHERE w.source_record_id = s.id
           AND NOT EXISTS (SELECT 1 FROM tmp_worker_status t WHERE t.source_record_id = w.source_record_id)`,
  );
  step("status pekerja lama dihapus");
  // Two set operations, each a hash join, rather than one INSERT … ON CONFLICT: that path probes
  // the primary key row by row and took 184 of the 346 s of a 10,000,000-worker pass (measured).
  // Changed rows are updated in place; new ones inserted in id order, so the primary key grows
  // at its end.
  const changed = ["business_id", "nik", "status", "segment", "active", "membership_year", "peserta_record_id", "employer_business_id"];
  await client.query(
    `UPDATE worker_status w SET ${[...changed, "match_run_id"].map((c) => `${c} = t.${c}`).join(", ")}
     FROM tmp_worker_status t
     WHERE t.source_record_id = w.source_record_id
       AND (${changed.map((c) => `w.${c}`).join(", ")}) IS DISTINCT FROM (${changed.map((c) => `t.${c}`).join(", ")})`,
  );
  await client.query(
    `INSERT INTO worker_status
     SELECT t.* FROM tmp_worker_status t
     WHERE NOT EXISTS (SELECT 1 FROM worker_status w WHERE w.source_record_id = t.source_record_id)
     ORDER BY t.source_record_id`,
  );
  step("status pekerja disimpan");
  // 4. Per business: the counts, then status and gap from them. A business's workers are all in
  // this pass when any is: they were linked to it, or to nothing, before. Only the businesses in
  // scope are counted: the dashboard's incremental delta covers those alone.
  await client.query(
    `CREATE TEMP TABLE tmp_worker_counts ON COMMIT DROP AS
     SELECT business_id AS id, count(*)::int AS listed,
            count(*) FILTER (WHERE status = 'TERDAFTAR_DI_SINI')::int AS here,
            count(*) FILTER (WHERE status = 'TERDAFTAR_DI_LAIN')::int AS elsewhere,
            count(*) FILTER (WHERE status = 'SEGMEN_LAIN')::int AS other_segment,
            count(*) FILTER (WHERE status = 'BELUM_TERDAFTAR')::int AS unregistered
     FROM tmp_worker_status
     WHERE business_id IS NOT NULL ${all ? "" : "AND business_id = ANY($1::bigint[])"}
     GROUP BY business_id`,
    all ? [] : [scopeIds],
  );
  if (!all) {
    // Re-resolved businesses were written without worker counts; those that kept none stay so.
    await client.query(
      `UPDATE business b SET workers_listed = NULL, workers_here = NULL, workers_elsewhere = NULL,
              workers_other_segment = NULL, workers_unregistered = NULL
       WHERE b.id = ANY($1::bigint[]) AND b.workers_listed IS NOT NULL AND NOT EXISTS (SELECT 1 FROM tmp_worker_counts t WHERE t.id = b.id)`,
      [scopeIds],
    );
  }
  // 5. Status, gap and priority of those businesses, written in one UPDATE: every business row
  // written costs all its lead-list indexes. The priority rule lives in priority.ts, so Node
  // scores the new facts (a short line per business) between a SELECT and the UPDATE.
  await scorePriority(client);
  step("skor prioritas");
  const { rowCount: businesses } = await client.query(
    `UPDATE business b SET
       workers_listed = t.listed, workers_here = t.here, workers_elsewhere = t.elsewhere,
       workers_other_segment = t.other_segment, workers_unregistered = t.unregistered,
       worker_count = ${WORKER_COUNT}, registered_workers = t.here, worker_gap = ${GAP},
       status = ${STATUS}, is_lead = ${STATUS} <> 'TERDAFTAR_AKTIF', priority = p.priority
     FROM tmp_worker_counts t JOIN tmp_worker_priority p ON p.id = t.id
     WHERE b.id = t.id`,
  );
  step("badan usaha diperbarui");
  if (all) await client.query(`SELECT set_config('enable_nestloop', 'on', true)`);
  return { workers: rowCount ?? 0, businesses: businesses ?? 0 };
}

// A business b with its worker counts t, as the pass concludes; b.status is the registry's, as the
// match wrote it (an UPDATE's SET expressions all read the row as it was).
const WORKER_COUNT = `coalesce(b.worker_count, t.listed)`;
const GAP = `(t.listed - t.here)`;
const STATUS = `(CASE
    WHEN b.status = 'TERDAFTAR_NONAKTIF' THEN 'TERDAFTAR_NONAKTIF'
    WHEN b.status = 'BELUM_TERDAFTAR' AND t.here = 0 THEN 'BELUM_TERDAFTAR'
    WHEN t.listed > t.here THEN 'DAFTAR_SEBAGIAN'
    ELSE 'TERDAFTAR_AKTIF' END)::"BusinessStatus"`;

/** Employer keys → business: temp tables hash-joined against millions of workers and participants. */
async function createEmployerKeyTables(client: pg.Client): Promise<void> {
  // A key several businesses carry goes to the lowest id: the same every run, so a worker does
  // not hop between businesses from one run to the next.
  const byRecordKey = (table: string, source: string, column: string) =>
    client.query(
      `CREATE TEMP TABLE ${table} ON COMMIT DROP AS
       SELECT DISTINCT ON (r.${column}) r.${column} AS key, br.business_id
       FROM source_record r
       JOIN (${CURRENT_BATCHES_SQL}) c ON c.id = r.batch_id AND c.source = '${source}'
       JOIN business_record br ON br.source_record_id = r.id
       WHERE r.source = '${source}' AND r.${column} IS NOT NULL
       ORDER BY r.${column}, br.business_id`,
    );
  const byBusinessKey = (table: string, column: string) =>
    client.query(
      `CREATE TEMP TABLE ${table} ON COMMIT DROP AS
       SELECT DISTINCT ON (${column}) ${column} AS key, id AS business_id FROM business WHERE ${column} IS NOT NULL AND kind = 'BADAN_USAHA'
       ORDER BY ${column}, id`,
    );
  await byRecordKey("tmp_wlkp_business", "kemnaker-bu", "kode_wlkp");
  await byRecordKey("tmp_kode_bu_business", "bpjs-bu", "kode_badan_usaha");
  await byBusinessKey("tmp_npwp_business", "npwp");
  await byBusinessKey("tmp_nib_business", "nib");
  for (const table of ["tmp_wlkp_business", "tmp_kode_bu_business", "tmp_npwp_business", "tmp_nib_business"]) {
    await client.query(`ANALYZE ${table}`);
  }
}

async function scorePriority(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ period: string | null }>(
    `SELECT max(period) AS period FROM (${CURRENT_BATCHES_SQL}) c WHERE c.source IN (${BUSINESS_SOURCES_SQL})`,
  );
  const newestPeriod = rows[0]?.period ?? "";
  const lines: string[] = [];
  for await (const r of copyOutRows(
    client,
    `SELECT b.id, ${STATUS}, ${WORKER_COUNT}, ${GAP}, b.business_scale, b.phone, b.email, b.address, b.latest_period
     FROM business b JOIN tmp_worker_counts t ON t.id = b.id`,
  )) {
    const priority = priorityScore(
      {
        status: r[1] as BusinessStatus,
        workerCount: r[2] === null ? null : Number(r[2]),
        workerGap: r[3] === null ? null : Number(r[3]),
        businessScale: r[4] ?? null,
        phone: r[5] ?? null,
        email: r[6] ?? null,
        address: r[7] ?? null,
        latestPeriod: r[8]!,
      },
      newestPeriod,
    );
    lines.push(`${r[0]}\t${priority}`);
  }
  await client.query(`CREATE TEMP TABLE tmp_worker_priority (id bigint PRIMARY KEY, priority int) ON COMMIT DROP`);
  await copyInLines(client, "tmp_worker_priority", lines);
}
