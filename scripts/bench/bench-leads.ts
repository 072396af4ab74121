/**
 * `npm run bench:leads`: the Prospek page's queries at scale, measured.
 *
 * Loads BENCH_BUSINESSES (1,000,000) businesses straight into a throwaway embedded PostgreSQL
 * with one INSERT … SELECT over generate_series — real Kemendagri villages (a city like Kota
 * Bandung holds ~1.5 %, as big cities do), realistic shares of status, skala, KBLI, workers and
 * sources, names made of common business words so trigram search meets realistic neighbours —
 * plus follow-up rows for 5 % of the leads. Then ANALYZE, and every combination below runs
 * through `findLeads` (the page's own code: page query + capped count) as an unscoped admin and
 * as an officer of 32.73, BENCH_RUNS (20) times after one warm-up: p50 and p95 per query,
 * target p95 < 150 ms.
 *
 * The 200,000-row CSV/XLSX export and the dashboard are timed by their own scripts:
 * `npm run bench:export` and `npm run bench:dashboard`.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import type { LeadFilter } from "../../lib/leads/lead-filter.ts";
import { LEAD_SORT_DEFAULT_DIRECTION, type LeadSort, type SortDirection } from "../../lib/leads/lead-url-state.ts";
import type { RegionScope } from "../../server/access/region-scope.ts";
import { disconnectDb, setDatabaseUrl } from "../../server/db/client.ts";
import { destroyEmbeddedPostgres, ensureEmbeddedPostgres } from "../../server/db/embedded-postgres.ts";
import { applyMigrations } from "../../server/db/migrate.ts";
import { findLeads } from "../../server/leads/find-leads.ts";
import { benchLeadExports } from "./bench-lead-export.ts";
import { ensureRegionsLoaded } from "../../server/regions/load-regions.ts";

const BUSINESSES = Number(process.env.BENCH_BUSINESSES ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const TARGET_P95_MS = 150;
const fmt = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });

interface Timing {
  label: string;
  p50: number;
  p95: number;
  rows?: number;
}

/** Runs `fn` once to warm up, then `runs` times; p50 and p95 in milliseconds. */
async function measure(label: string, fn: () => Promise<number | void>, runs = RUNS): Promise<Timing> {
  let rows = (await fn()) ?? undefined;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    rows = (await fn()) ?? rows;
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!;
  return { label, p50: at(0.5), p95: at(0.95), rows: typeof rows === "number" ? rows : undefined };
}

function print(timing: Timing, target = TARGET_P95_MS): boolean {
  const ok = timing.p95 < target;
  const rows = timing.rows === undefined ? "" : `  ${String(timing.rows).padStart(6)} rows`;
  console.log(`  ${timing.label.padEnd(62)} p50 ${fmt.format(timing.p50).padStart(7)} ms  p95 ${fmt.format(timing.p95).padStart(7)} ms${rows}  ${ok ? "ok" : "SLOW"}`);
  return ok;
}

// Words Indonesian business names are made of; common ones repeat, as JAYA and MAKMUR do.
const WORDS = `SINAR JAYA MAKMUR ABADI SENTOSA MANDIRI BERKAH SEJAHTERA UTAMA PRIMA KARYA CAHAYA BINTANG MULIA
  SUMBER REJEKI TEKNIK NUSANTARA INDAH GEMILANG PERKASA AGUNG SURYA BARU LESTARI MAJU BERSAMA SAKTI
  ANUGRAH TIMUR BARAT SELATAN UTARA MEGAH GLOBAL INTI PERSADA SARANA LOGAM TEKSTIL PANGAN BOGA KOPI
  RASA SARI WANGI HARUM MAS PUTRA PUTRI KENCANA BUANA RAYA MITRA DAYA CIPTA KREASI DIGITAL MEDIA
  SOLUSI LOGISTIK EKSPRES TRANS NIAGA DAGANG NUSA BAHARI SAMUDRA GUNUNG ALAM HIJAU BIRU MERAH PUTIH
  EMAS PERAK BESI BATU KAYU BAMBU PADI TANI KEBUN SAWIT KARET TEH COKLAT GULA GARAM MINYAK BUSANA
  KONVEKSI BORDIR PERCETAKAN FOTO ELEKTRONIK MOTOR MOBIL BENGKEL BANGUNAN KONSTRUKSI PROPERTI GRAHA
  WISMA HOTEL RESTO KULINER APOTEK FARMA MEDIKA KLINIK SEHAT PENDIDIKAN CENDEKIA ILMU BUDI LUHUR`
  .split(/\s+/)
  .filter(Boolean);

const work = await mkdtemp(path.join(tmpdir(), "jangkau-bench-leads-"));
let failed = false;
let dataDir: string | null = null;
try {
  dataDir = path.join(work, "db");
  const server = await ensureEmbeddedPostgres({ dataDir, port: 58000 + Math.floor(Math.random() * 1500) });
  await applyMigrations(server.ownerUrl);
  await ensureRegionsLoaded({ url: server.ownerUrl });
  setDatabaseUrl(server.url);
  // Bulk loading (indexes dropped and rebuilt, ANALYZE) is the owner's; the app's own code runs as the app role.
  const client = new pg.Client({ connectionString: server.ownerUrl });
  // A lost connection fails the query in flight; without a listener it would also kill the process before cleanup.
  client.on("error", (error) => console.error(`connection lost: ${error.message}`));
  await client.connect();

  const loadStarted = performance.now();
  const sample = await loadBusinesses(client);
  console.log(`loaded ${fmt.format(BUSINESSES)} businesses (indexes, ANALYZE included) in ${fmt.format((performance.now() - loadStarted) / 1000)} s`);

  // ── Lead list (H1): the page's queries ─────────────────────────────────────────────────────
  const admin: RegionScope = { kind: "all" };
  const officer: RegionScope = { kind: "regions", codes: ["32.73"] };
  const cases: { label: string; filter: LeadFilter; sort?: LeadSort; direction?: SortDirection; secondPage?: boolean }[] = [
    { label: "default: leads by priority", filter: {} },
    { label: "page 2 (keyset) by priority", filter: {}, secondPage: true },
    { label: "status belum terdaftar", filter: { statuses: ["BELUM_TERDAFTAR"] } },
    { label: "status daftar sebagian, by gap", filter: { statuses: ["DAFTAR_SEBAGIAN"] }, sort: "selisih" },
    { label: "all statuses, priority ascending", filter: { all: true }, sort: "prioritas", direction: "asc" },
    { label: "skala besar", filter: { scales: ["BESAR"] } },
    { label: "skala mikro+kecil, by workers", filter: { scales: ["MIKRO", "KECIL"] }, sort: "pekerja" },
    { label: "province 32", filter: { regionCodes: ["32"] } },
    { label: "one kecamatan", filter: { regionCodes: [sample.district] } },
    { label: "one kelurahan", filter: { regionCodes: [sample.village] } },
    { label: "kecamatan + skala mikro,kecil, by workers", filter: { regionCodes: [sample.district], scales: ["MIKRO", "KECIL"] }, sort: "pekerja" },
    { label: "KBLI section C", filter: { kbliSection: "C" } },
    { label: "KBLI code 471", filter: { kbli: "471" } },
    { label: "workers 100–1000", filter: { workersMin: 100, workersMax: 1000 } },
    { label: "workers ≥ 500, by workers", filter: { workersMin: 500 }, sort: "pekerja" },
    { label: "source ahu-entitas", filter: { sources: ["ahu-entitas"] } },
    { label: "follow-up: not followed up yet", filter: { followUpStatuses: ["BELUM_DITINDAKLANJUTI"] } },
    { label: "follow-up: dihubungi", filter: { followUpStatuses: ["DIHUBUNGI"] } },
    { label: "assigned to me", filter: { assignedTo: "saya" } },
    { label: "not assigned", filter: { assignedTo: "belum" } },
    { label: "search name 'sinar jaya' (by match)", filter: { q: "sinar jaya" } },
    { label: "search misspelt 'sumbr rejki' (by match)", filter: { q: "sumbr rejki" } },
    { label: "search prefix 'kop' (by match)", filter: { q: "kop" } },
    { label: "search NPWP", filter: { q: sample.npwp } },
    { label: "search NIB", filter: { q: sample.nib } },
    { label: "by name", filter: {}, sort: "nama" },
    { label: "by last update", filter: {}, sort: "diperbarui" },
    { label: "by KBLI", filter: {}, sort: "kbli" },
    { label: "province 32 + menengah + KBLI G + workers ≥ 20, by workers", filter: { regionCodes: ["32"], scales: ["MENENGAH"], kbliSection: "G", workersMin: 20 }, sort: "pekerja" },
  ];
  console.log(`\nlead list: findLeads (page of 50 + capped count), ${RUNS} runs each after a warm-up; target p95 < ${TARGET_P95_MS} ms`);
  const slow: string[] = [];
  for (const [who, scope] of [["admin (all regions)", admin], ["officer (32.73)", officer]] as const) {
    console.log(` ${who}`);
    for (const c of cases) {
      const sort = c.sort ?? (c.filter.q && !/^\d+$/.test(c.filter.q) ? "relevansi" : "prioritas");
      const direction = c.direction ?? LEAD_SORT_DEFAULT_DIRECTION[sort];
      let cursor: string | null = null;
      if (c.secondPage) cursor = (await findLeads({ state: { filter: c.filter, sort, direction, cursor: null }, scope, actorId: sample.officerId })).nextCursor;
      const timing = await measure(c.label, async () => {
        const page = await findLeads({ state: { filter: c.filter, sort, direction, cursor }, scope, actorId: sample.officerId });
        return page.rows.length;
      });
      if (!print(timing)) slow.push(`${who}: ${c.label}`);
    }
  }
  console.log(`lead list: ${cases.length * 2 - slow.length}/${cases.length * 2} queries within target${slow.length ? `; slow: ${slow.join("; ")}` : ""}`);
  failed ||= slow.length > 0;

  // ── Exports (H3): a 200,000-row CSV and XLSX export of these businesses (also alone: `npm run bench:export`) ──
  if (!(await benchLeadExports(client))) failed = true;

  // ── Dashboard (H4): timed by `npm run bench:dashboard` ──

  await client.end();
} finally {
  await disconnectDb();
  if (dataDir) await destroyEmbeddedPostgres(dataDir);
  await rm(work, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;

/**
 * Fills `business` (and `lead_follow_up`) in one statement each, with the table's indexes
 * dropped during the load and rebuilt afterwards (as a bulk load would), then ANALYZE.
 */
async function loadBusinesses(client: pg.Client) {
  const indexes = await client.query<{ name: string; def: string }>(
    `SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE tablename = 'business' AND indexname <> 'business_pkey'`,
  );
  for (const index of indexes.rows) await client.query(`DROP INDEX "${index.name}"`);

  // Villages, with Kota Bandung's weighted so that a city officer's scope holds ~1.5 % of rows.
  await client.query(`CREATE TEMP TABLE village_pick AS
    SELECT row_number() OVER (ORDER BY code) AS n, code FROM region WHERE level = 'VILLAGE'`);
  // Looked up once per generated row: they need their keys indexed.
  await client.query("ALTER TABLE village_pick ADD PRIMARY KEY (n)");
  const villages = Number((await client.query<{ n: string }>("SELECT count(*) AS n FROM village_pick")).rows[0]!.n);
  await client.query(`CREATE TEMP TABLE bandung_pick AS
    SELECT row_number() OVER (ORDER BY code) AS n, code FROM region WHERE level = 'VILLAGE' AND code LIKE '32.73.%'`);
  await client.query("ALTER TABLE bandung_pick ADD PRIMARY KEY (n)");
  const bandung = Number((await client.query<{ n: string }>("SELECT count(*) AS n FROM bandung_pick")).rows[0]!.n);
  await client.query("CREATE TEMP TABLE words (n int PRIMARY KEY, w text)");
  await client.query("INSERT INTO words SELECT ordinality, w FROM unnest($1::text[]) WITH ORDINALITY AS t(w)", [WORDS]);

  await client.query("SELECT setseed(0.42)");
  await client.query(
    `INSERT INTO business (id, name, name_core, legal_form, npwp, nib, province_code, regency_code, district_code, village_code,
        address, postcode, phone, email, worker_count, registered_workers, worker_gap, business_scale, kbli, status, is_lead,
        priority, sources, latest_period, record_count, match_run_id, updated_at)
     SELECT g.id, lf.form || ' ' || nm.core, nm.core, lf.form,
       CASE WHEN g.r1 < 0.7 THEN lpad((g.id * 7919)::text, 16, '0') END,
       CASE WHEN g.r2 < 0.5 THEN lpad((g.id * 104729)::text, 13, '0') END,
       split_part(v.code, '.', 1), substr(v.code, 1, 5), substr(v.code, 1, 8), v.code,
       'Jl. ' || nm.core || ' ' || (g.id % 200), NULL,
       CASE WHEN g.r3 < 0.5 THEN '+6222' || (1000000 + g.id % 8999999) END, NULL,
       w.workers, CASE WHEN st.status IN ('DAFTAR_SEBAGIAN','TERDAFTAR_AKTIF','TERDAFTAR_NONAKTIF') THEN (w.workers * 0.6)::int END,
       CASE WHEN w.workers IS NULL THEN NULL WHEN st.status = 'DAFTAR_SEBAGIAN' THEN w.workers - (w.workers * 0.6)::int
            WHEN st.status = 'BELUM_TERDAFTAR' THEN w.workers ELSE 0 END,
       sc.scale, kb.kbli, st.status::"BusinessStatus", st.status <> 'TERDAFTAR_AKTIF',
       CASE WHEN st.status = 'TERDAFTAR_AKTIF' THEN 0
            ELSE least(100, (40 * log(1 + coalesce(w.workers, 5)) / log(1001))::int + (g.r4 * 45)::int + 10) END,
       src.sources, '2025-S2', cardinality(src.sources), 1, now() - (g.r5 * interval '400 days')
     FROM (
       SELECT id, random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5, random() AS r6,
         random() AS r7, random() AS r8, random() AS r9, random() AS ra, random() AS rb, random() AS rc
       FROM generate_series(1, $1::bigint) AS id
     ) g
     CROSS JOIN LATERAL (SELECT CASE WHEN g.r6 < 0.015
         THEN (SELECT code FROM bandung_pick WHERE n = 1 + (g.id % $3::int))
         ELSE (SELECT code FROM village_pick WHERE n = 1 + ((g.id * 2654435761) % $2::bigint)) END AS code) v
     CROSS JOIN LATERAL (SELECT
         (SELECT w FROM words WHERE n = 1 + floor(power(g.r7, 2) * ${WORDS.length})::int) || ' ' ||
         (SELECT w FROM words WHERE n = 1 + floor(power(g.r8, 1.5) * ${WORDS.length})::int) ||
         CASE WHEN g.r9 < 0.4 THEN ' ' || (SELECT w FROM words WHERE n = 1 + floor(g.ra * ${WORDS.length})::int) ELSE '' END AS core) nm
     CROSS JOIN LATERAL (SELECT CASE WHEN g.rb < 0.55 THEN 'PT' WHEN g.rb < 0.85 THEN 'CV' WHEN g.rb < 0.95 THEN 'UD' ELSE 'KOPERASI' END AS form) lf
     CROSS JOIN LATERAL (SELECT CASE WHEN g.rc < 0.08 THEN NULL ELSE greatest(1, floor(exp(g.r4 * 7.5)))::int END AS workers) w
     CROSS JOIN LATERAL (SELECT CASE WHEN w.workers IS NULL THEN (CASE WHEN g.r2 < 0.1 THEN NULL ELSE 'MIKRO' END)
         WHEN w.workers < 5 THEN 'MIKRO' WHEN w.workers < 20 THEN 'KECIL' WHEN w.workers < 100 THEN 'MENENGAH' ELSE 'BESAR' END AS scale) sc
     CROSS JOIN LATERAL (SELECT CASE WHEN g.r5 < 0.45 THEN 'BELUM_TERDAFTAR' WHEN g.r5 < 0.55 THEN 'TERDAFTAR_NONAKTIF'
         WHEN g.r5 < 0.65 THEN 'DAFTAR_SEBAGIAN' ELSE 'TERDAFTAR_AKTIF' END AS status) st
     CROSS JOIN LATERAL (SELECT CASE WHEN g.r3 < 0.05 THEN NULL
         ELSE (ARRAY['01','10','13','16','25','41','43','46','47','49','52','55','56','62','68','70','77','85','86','96'])[1 + floor(g.r1 * 20)::int]
           || lpad((floor(g.r2 * 999))::text, 3, '0') END AS kbli) kb
     CROSS JOIN LATERAL (SELECT CASE WHEN st.status = 'BELUM_TERDAFTAR' THEN
           CASE WHEN g.r6 < 0.3 THEN ARRAY['ahu-entitas','kemnaker-bu'] WHEN g.r6 < 0.8 THEN ARRAY['kemnaker-bu'] ELSE ARRAY['ahu-entitas'] END
         ELSE CASE WHEN g.r6 < 0.5 THEN ARRAY['bpjs-bu','kemnaker-bu'] ELSE ARRAY['ahu-entitas','bpjs-bu','kemnaker-bu'] END END AS sources) src`,
    [BUSINESSES, villages, bandung],
  );

  // Officers, and follow-up for 5 % of the leads (half of it assigned).
  const officer = await client.query<{ id: string }>(
    `INSERT INTO app_user (id, username, name, role, updated_at) VALUES (gen_random_uuid(), 'bench-petugas', 'Petugas Bench', 'OFFICER', now()) RETURNING id`,
  );
  const officerId = officer.rows[0]!.id;
  await client.query(
    `INSERT INTO lead_follow_up (business_id, status, assigned_to_id, assigned_at, updated_at)
     SELECT id, (ARRAY['BARU','DIHUBUNGI','DIKUNJUNGI','BERSEDIA_DAFTAR','MENOLAK'])[1 + (id / 20) % 5]::"FollowUpStatus",
       CASE WHEN (id / 20) % 2 = 0 THEN $1::uuid END, now(), now()
     FROM business WHERE is_lead AND id % 20 = 0`,
    [officerId],
  );

  for (const index of indexes.rows) await client.query(index.def);
  await client.query("ANALYZE business");
  await client.query("ANALYZE lead_follow_up");

  const pick = await client.query<{ district_code: string; village_code: string; npwp: string; nib: string }>(
    `SELECT district_code, village_code,
       (SELECT npwp FROM business WHERE npwp IS NOT NULL AND is_lead AND regency_code = '32.73' LIMIT 1) AS npwp,
       (SELECT nib FROM business WHERE nib IS NOT NULL AND is_lead AND regency_code = '32.73' LIMIT 1) AS nib
     FROM business WHERE regency_code = '32.73' GROUP BY district_code, village_code ORDER BY count(*) DESC LIMIT 1`,
  );
  const row = pick.rows[0]!;
  return { district: row.district_code, village: row.village_code, npwp: row.npwp, nib: row.nib, officerId };
}
