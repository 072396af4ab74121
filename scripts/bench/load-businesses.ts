/**
 * The synthetic 1,000,000-business database the Prospek benchmarks share (`bench:leads`,
 * `bench:load`): real Kemendagri villages (Kota Bandung weighted to ~1.5 % of rows, as big
 * cities are), realistic shares of status, skala, KBLI, workers and sources, names made of common
 * business words so trigram search meets realistic neighbours, and follow-up rows for 5 % of the
 * leads. Needs the regions loaded.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { setDatabaseUrl } from "../../server/db/client.ts";
import { destroyEmbeddedPostgres, ensureEmbeddedPostgres, stopEmbeddedPostgres, type EmbeddedPostgres } from "../../server/db/embedded-postgres.ts";
import { applyMigrations } from "../../server/db/migrate.ts";
import { refreshCoverageStats } from "../../server/dashboard/refresh-coverage.ts";
import { ensureRegionsLoaded } from "../../server/regions/load-regions.ts";

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

/** What the benchmarks pick their filters from: a busy Bandung district and village, an NPWP and a NIB there. */
export interface BenchSample {
  district: string;
  village: string;
  npwp: string;
  nib: string;
  /** The officer the follow-up rows are assigned to. */
  officerId: string;
}

/**
 * The benchmark database in `dataDir`, started (and migrated, filled with `businesses`
 * businesses and the coverage figures the dashboard reads) unless a kept folder already holds it:
 * `bench:leads` and `bench:load` with one BENCH_KEEP_DIR share one database, and a second run
 * skips the fill. The app's code in this process runs as the app role; `client` is the owner's
 * (bulk loading drops and rebuilds indexes). Whoever opens it stops or destroys it.
 */
/**
 * The folder a benchmark works in: BENCH_KEEP_DIR, whose database outlives the run (a 1M fill is
 * paid once), else a temporary one that `release` removes with its database.
 */
export async function benchFolder(name: string): Promise<{ work: string; dbDir: string; release: () => Promise<void> }> {
  const keepDir = process.env.BENCH_KEEP_DIR;
  const work = keepDir ?? (await mkdtemp(path.join(tmpdir(), `jangkau-bench-${name}-`)));
  const dbDir = path.join(work, "db");
  const release = async () => {
    if (keepDir) return stopEmbeddedPostgres(dbDir);
    await destroyEmbeddedPostgres(dbDir);
    await rm(work, { recursive: true, force: true });
  };
  return { work, dbDir, release };
}

export async function openBenchDatabase(dataDir: string, businesses: number): Promise<{ server: EmbeddedPostgres; client: pg.Client; sample: BenchSample }> {
  const server = await ensureEmbeddedPostgres({ dataDir, port: 57000 + Math.floor(Math.random() * 1900) });
  // A kept database is brought up to the code's migrations too: the server refuses a lagging one.
  await applyMigrations(server.ownerUrl);
  await ensureRegionsLoaded({ url: server.ownerUrl });
  setDatabaseUrl(server.url);
  const client = new pg.Client({ connectionString: server.ownerUrl });
  // A lost connection fails the query in flight; without a listener it would also kill the process before cleanup.
  client.on("error", (error) => console.error(`connection lost: ${error.message}`));
  await client.connect();
  const count = Number((await client.query<{ n: string }>("SELECT count(*) AS n FROM business")).rows[0]!.n);
  if (count === businesses) return { server, client, sample: await benchSample(client) };
  if (count > 0) throw new Error(`BENCH_KEEP_DIR holds ${count} businesses, not ${businesses}: remove it or set BENCH_BUSINESSES.`);
  const started = performance.now();
  const sample = await loadBusinesses(client, businesses);
  await client.query("BEGIN");
  await refreshCoverageStats(client, 0);
  await client.query("COMMIT");
  console.log(`loaded ${businesses} businesses (indexes, ANALYZE) and the coverage figures in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { server, client, sample };
}

/**
 * Fills `business` (and `lead_follow_up`) in one statement each, with the table's indexes
 * dropped during the load and rebuilt afterwards (as a bulk load would), then ANALYZE.
 */
export async function loadBusinesses(client: pg.Client, businesses: number): Promise<BenchSample> {
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
    [businesses, villages, bandung],
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

  return benchSample(client);
}

/** The sample of a database `loadBusinesses` filled (this run or one kept from an earlier one). */
export async function benchSample(client: pg.Client): Promise<BenchSample> {
  const pick = await client.query<{ district_code: string; village_code: string; npwp: string; nib: string; officer_id: string }>(
    `SELECT district_code, village_code,
       (SELECT npwp FROM business WHERE npwp IS NOT NULL AND is_lead AND regency_code = '32.73' LIMIT 1) AS npwp,
       (SELECT nib FROM business WHERE nib IS NOT NULL AND is_lead AND regency_code = '32.73' LIMIT 1) AS nib,
       (SELECT id::text FROM app_user WHERE username = 'bench-petugas') AS officer_id
     FROM business WHERE regency_code = '32.73' GROUP BY district_code, village_code ORDER BY count(*) DESC LIMIT 1`,
  );
  const row = pick.rows[0]!;
  return { district: row.district_code, village: row.village_code, npwp: row.npwp, nib: row.nib, officerId: row.officer_id };
}
