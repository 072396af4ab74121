/**
 * Kemnaker worker rows for tests, as the worker pass of a match run leaves them: a kemnaker-tk
 * batch with one source record per worker (name, NIK, `extra` as the source stores it), one
 * `worker_status` row each, and the business's `workers_*` counts (and the exact gap) written
 * from those rows. Plain SQL through any pg-style `query`, so the vitest suites and the e2e
 * specs seed alike.
 */
import { randomBytes } from "node:crypto";
import type { WorkerStatusValue } from "../../lib/leads/worker-status.ts";

export type Query = (sql: string, params?: unknown[]) => Promise<unknown>;

export interface WorkerSeed {
  name: string;
  nik: string | null;
  status: WorkerStatusValue;
  /** bpjs-peserta's segment code of the participant found (PPU_BU, PBI_JK, …). */
  segment?: string | null;
  active?: boolean | null;
  position?: string | null;
  employmentStatus?: string | null;
  startDate?: string | null;
  citizenship?: "WNI" | "WNA" | null;
  passportNumber?: string | null;
}

/** A NIK of Kota Bandung's shape, distinct for each `n`. */
export function testNik(n: number): string {
  return `327301${String(n).padStart(10, "0")}`;
}

const SEGMENT_OF: Readonly<Record<WorkerStatusValue, string | null>> = {
  TERDAFTAR_DI_SINI: "PPU_BU",
  TERDAFTAR_DI_LAIN: "PPU_BU",
  SEGMEN_LAIN: "PBPU",
  BELUM_TERDAFTAR: null,
};

/** Inserts the workers under `businessId` and rewrites its counts; returns their record ids in `workers` order. */
export async function insertBusinessWorkers(query: Query, businessId: string | bigint, workers: readonly WorkerSeed[], period = "2025-S2"): Promise<string[]> {
  const batch = ((await query(
    `INSERT INTO import_batch (id, source, period, channel, file_name, file_sha256, file_size, data_rows, accepted, rejected, duplicates, warnings, actor_username)
     VALUES (gen_random_uuid(), 'kemnaker-tk', $1, 'CLI', 'tenaga-kerja.csv', $2, 1, $3, $3, 0, 0, 0, 'uji') RETURNING id`,
    [period, randomBytes(32).toString("hex"), workers.length],
  )) as { rows: { id: string }[] }).rows[0]!.id;
  const column = <T>(pick: (w: WorkerSeed) => T) => workers.map(pick);
  const inserted = ((await query(
    `INSERT INTO source_record (batch_id, source, line, name, nik, extra, raw)
     SELECT $1::uuid, 'kemnaker-tk', t.line, t.name, t.nik, t.extra, ARRAY[coalesce(t.nik, ''), t.name]
     FROM unnest($2::int[], $3::text[], $4::text[], $5::jsonb[]) AS t(line, name, nik, extra)
     ORDER BY t.line
     RETURNING id::text, line`,
    [
      batch,
      workers.map((_, i) => i + 2),
      column((w) => w.name),
      column((w) => w.nik),
      column((w) =>
        JSON.stringify({
          gender: null,
          birthDate: null,
          citizenship: w.citizenship ?? "WNI",
          passportNumber: w.passportNumber ?? null,
          kitas: null,
          position: w.position ?? null,
          employmentStatus: w.employmentStatus ?? null,
          startDate: w.startDate ?? null,
        }),
      ),
    ],
  )) as { rows: { id: string; line: number }[] }).rows;
  const ids = inserted.sort((a, b) => a.line - b.line).map((r) => r.id);
  await query(
    `INSERT INTO worker_status (source_record_id, business_id, nik, status, segment, active, match_run_id)
     SELECT t.id, $1::bigint, t.nik, t.status::"WorkerJknStatus", t.segment, t.active, 1
     FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::boolean[]) AS t(id, nik, status, segment, active)`,
    [
      String(businessId),
      ids,
      column((w) => w.nik),
      column((w) => w.status),
      column((w) => (w.segment === undefined ? SEGMENT_OF[w.status] : w.segment)),
      column((w) => (w.active === undefined ? (w.status === "BELUM_TERDAFTAR" ? null : true) : w.active)),
    ],
  );
  await query(
    `UPDATE business b SET workers_listed = c.listed, workers_here = c.here, workers_elsewhere = c.elsewhere,
       workers_other_segment = c.other_segment, workers_unregistered = c.unregistered,
       registered_workers = c.here, worker_gap = c.listed - c.here
     FROM (SELECT count(*)::int AS listed,
             count(*) FILTER (WHERE status = 'TERDAFTAR_DI_SINI')::int AS here,
             count(*) FILTER (WHERE status = 'TERDAFTAR_DI_LAIN')::int AS elsewhere,
             count(*) FILTER (WHERE status = 'SEGMEN_LAIN')::int AS other_segment,
             count(*) FILTER (WHERE status = 'BELUM_TERDAFTAR')::int AS unregistered
           FROM worker_status WHERE business_id = $1::bigint) c
     WHERE b.id = $1::bigint`,
    [String(businessId)],
  );
  return ids;
}
