/**
 * `npm run bench:load` (always under `flock /tmp/jangkau-heavy.lock`): the production app under
 * a working day's load. On a database of BENCH_BUSINESSES (1,000,000) synthetic businesses —
 * the Prospek benchmark's generator — it starts the real server (`next build` when sources
 * changed, then scripts/serve.ts), creates BENCH_USERS (50) accounts — officers of nine
 * regencies, supervisors of four provinces, an admin — and signs each in through the real
 * sign-in endpoint. Then, on loopback only and bounded in time:
 *
 * 1. baseline: each page type requested alone, signed in (median of three after a warm-up);
 * 2. burst: BENCH_BURST (20) concurrent `/prospek` requests as an officer, no think time —
 *    the figure the lead-list render work is judged by;
 * 3. load: every user browses for BENCH_SECONDS (120) — lead list, filters, searches, lead
 *    pages, Tindak Lanjut, Dasbor — with a random think time of 1–3 s, while an admin downloads a BENCH_EXPORT_ROWS (200,000) row CSV export through
 *    /prospek/ekspor and a BENCH_IMPORT_ROWS (100,000) row kemnaker-bu file is imported in a
 *    process of its own, as `jangkau import` would, both starting BENCH_BULK_DELAY (30) s in.
 *
 * Prints p50/p95/p99 and errors (anything but HTTP 200) per page type, the export's and the
 * import's duration and their correctness (rows in the file against the count endpoint; the
 * import's summary against the rows it stored). Target: p95 < 300 ms per page type, no errors.
 * The server runs BENCH_WEB_PROCESSES web processes (JANGKAU_WEB_PROCESSES; default 1). BENCH_KEEP_DIR keeps the database between runs (the 1M fill takes a few
 * minutes).
 */
import { randomBytes } from "node:crypto";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { parseLeadListState } from "../../lib/leads/lead-url-state.ts";
import type { Role } from "../../lib/permissions.ts";
import { disconnectDb } from "../../server/db/client.ts";
import { writeKemnakerBenchmarkFile } from "../../server/demo/demo-data/index.ts";
import { findLeads } from "../../server/leads/find-leads.ts";
import { filterOfAbout } from "./bench-lead-export.ts";
import { createBenchUser, percentile, rscPathMaker, startBenchServer, type BenchServer } from "./bench-server.ts";
import { benchFolder, openBenchDatabase } from "./load-businesses.ts";
import { runImport } from "./run-import.ts";

const BUSINESSES = Number(process.env.BENCH_BUSINESSES ?? 1_000_000);
const USERS = Number(process.env.BENCH_USERS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 120);
const BURST = Number(process.env.BENCH_BURST ?? 20);
const EXPORT_ROWS = Number(process.env.BENCH_EXPORT_ROWS ?? 200_000);
const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const PORT = Number(process.env.BENCH_PORT ?? 3500 + Math.floor(Math.random() * 400));
// One, as `npm start` runs by default: on this benchmark's machine PostgreSQL, the import and the
// export share the cores with the web server, and two web processes made the tail worse there.
const WEB_PROCESSES = Number(process.env.BENCH_WEB_PROCESSES ?? 1);
// Seconds into the load at which the export and the import start: the users arrive in its first
// three seconds, each with a full page load, and that crowd is not the bulk work's doing.
const BULK_DELAY = Number(process.env.BENCH_BULK_DELAY ?? 30);
// BENCH_TRACE=<file>: every request of the load as CSV (seconds from the bulk work's start, page
// type, role, milliseconds, path), to see when the slow ones came and what they were.
const TRACE_FILE = process.env.BENCH_TRACE;
// Stalls of the benchmark's own event loop worth reporting.
const LAG_REPORTED_MS = 50;
const TARGET_P95_MS = 300;
// "document": every page a full page load (HTML with the RSC payload inline), as the figures
// before 2026-12-07 were measured; "router": a user's first page a document, every later one the
// RSC request the client router sends when a link or filter is followed inside the app.
const NAVIGATION = process.env.BENCH_NAVIGATION === "router" ? "router" : "document";
/** Every load request's start and time, all page types together. */
const requestLog: { started: number; ms: number; type: PageType; role: Role; path: string }[] = [];
const fmt = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });

const OFFICER_REGENCIES = ["32.73", "35.78", "31.71", "33.74", "12.71", "73.71", "51.71", "64.72", "32.04"];
const SUPERVISOR_PROVINCES = ["32", "35", "31", "33"];
const SEARCHES = ["sinar jaya", "makmur", "sumbr rejki", "kop", "berkah abadi", "teknik mandiri"];

type PageType = "daftar" | "filter" | "cari" | "detail" | "tindak-lanjut" | "dasbor";
/** How often each page is opened: mostly the lead list, as officers work from it. */
const PAGE_MIX: [PageType, number][] = [["daftar", 25], ["filter", 20], ["cari", 15], ["detail", 20], ["tindak-lanjut", 10], ["dasbor", 10]];

interface Persona {
  username: string;
  role: Role;
  regionCodes: string[];
  cookie: string;
  /** Leads inside the user's scope, for lead pages. */
  leadIds: string[];
  /** A district inside the scope (officers, supervisors) for the region filter. */
  district: string | null;
}

const { work, dbDir, release } = await benchFolder("load");
let server: BenchServer | null = null;
/** The server's address, once it answers. */
let base = "";
/** A path as the client router requests it (BENCH_NAVIGATION=router). */
let rscPath = (path: string) => path;
let failed = false;
try {
  const { server: pgServer, client } = await openBenchDatabase(dbDir, BUSINESSES);
  const password = `Bench-${randomBytes(9).toString("base64url")}-2026`;
  const accounts = await createAccounts(client, password);
  const exportFilter = await filterOfAbout(client, EXPORT_ROWS);
  const importFile = path.join(work, "kemnaker-bu-bench.csv");
  await writeKemnakerBenchmarkFile({ rows: IMPORT_ROWS, path: importFile, seed: Date.now() % 100_000 });

  server = await startBenchServer({ databaseUrl: pgServer.url, work, port: PORT, webProcesses: WEB_PROCESSES });
  base = server.base;
  const personas: Persona[] = [];
  for (const account of accounts) personas.push({ ...account, cookie: await server.signIn(account.username, password) });
  const officer = personas.find((p) => p.role === "OFFICER")!;
  const admin = personas.find((p) => p.role === "ADMIN")!;
  rscPath = await rscPathMaker(base, personas[0]!.cookie);
  console.log(`server on ${base} (${WEB_PROCESSES} web processes); ${personas.length} users signed in (${countBy(personas.map((p) => p.role))})`);

  // ── 1. Baseline: one request at a time ─────────────────────────────────────────────────────
  const supervisor = personas.find((p) => p.role === "SUPERVISOR") ?? admin;
  console.log(`\nbaseline: each page type alone (median of 3 after a warm-up), as officer ${officer.username} (${officer.regionCodes.join(", ")}); Dasbor as ${supervisor.username}`);
  for (const [type] of PAGE_MIX) {
    const times: number[] = [];
    const who = opens(officer.role, type) ? officer : supervisor;
    for (let i = 0; i < 4; i++) {
      const started = performance.now();
      const response = await fetch(base + pagePath(type, who), { headers: { cookie: who.cookie } });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${type}: HTTP ${response.status}`);
      if (i > 0) times.push(performance.now() - started);
    }
    console.log(`  ${type.padEnd(14)} ${fmt.format(percentile(times.sort((a, b) => a - b), 50)).padStart(7)} ms`);
  }
  const rsc = await fetch(base + rscPath("/prospek"), { headers: { cookie: officer.cookie, RSC: "1" } }).then((r) => r.arrayBuffer());
  const html = await fetch(`${base}/prospek`, { headers: { cookie: officer.cookie } }).then((r) => r.arrayBuffer());
  console.log(`  /prospek payload: HTML ${fmt.format(html.byteLength / 1024)} KB, RSC ${fmt.format(rsc.byteLength / 1024)} KB`);
  // The count around the officer's default list, in this process: the first render of a filter
  // asks for PostgreSQL's estimate and counts (what every render did before the count cache), the
  // next ones find both remembered (server/leads/lead-count-cache.ts).
  const defaultList = { state: parseLeadListState(new URLSearchParams()), scope: { kind: "regions", codes: officer.regionCodes } as const, actorId: null };
  const timed = async () => {
    const started = performance.now();
    await findLeads(defaultList);
    return performance.now() - started;
  };
  const first = await timed();
  const again: number[] = [];
  for (let i = 0; i < 5; i++) again.push(await timed());
  console.log(`  findLeads, officer's default list: first (estimate + count) ${ms(first)}, then (remembered) median ${ms(percentile(again.sort((a, b) => a - b), 50))}`);

  // ── 2. Burst: concurrent lead-list renders, no think time ──────────────────────────────────
  const burstTimes: number[] = [];
  const bursting = autocannon({ url: `${base}/prospek`, connections: BURST, amount: BURST * 10, headers: { cookie: officer.cookie } }) as unknown as autocannon.Instance &
    Promise<autocannon.Result>;
  bursting.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) => burstTimes.push(responseTime));
  const burst = await bursting;
  burstTimes.sort((a, b) => a - b);
  console.log(
    `\nburst: ${BURST} concurrent /prospek (${burst.requests.total} requests, officer): p50 ${ms(percentile(burstTimes, 50))}, p95 ${ms(percentile(burstTimes, 95))}, ` +
      `p99 ${ms(percentile(burstTimes, 99))}, ${fmt.format(burst.requests.average)} req/s, non-2xx ${burst.non2xx}, errors ${burst.errors}`,
  );

  // ── 3. Load: every user browses while an export and an import run ──────────────────────────
  // BENCH_SECONDS=0: baseline and burst only (comparing two builds on one database).
  if (SECONDS > 0) {
    console.log(`\nload: ${personas.length} users for ${SECONDS} s (think time 1–3 s, navigation: ${NAVIGATION}), with a ${fmt.format(EXPORT_ROWS)}-row export and a ${fmt.format(IMPORT_ROWS)}-row import`);
    const timings = new Map<PageType, number[]>(PAGE_MIX.map(([type]) => [type, []]));
    const errors = new Map<PageType, number>(PAGE_MIX.map(([type]) => [type, 0]));
    // Settled with the load, never left rejecting on their own while it runs.
    // When each ended, to tell the pages served beside them from those served after.
    let busyUntil = 0;
    const ended = <T>(result: T) => ((busyUntil = Math.max(busyUntil, performance.now())), result);
    const bulkStart = performance.now() + Math.min(BULK_DELAY, SECONDS) * 1000;
    const bulk = sleep(Math.min(BULK_DELAY, SECONDS) * 1000);
    const exporting = bulk.then(() => runExport(admin, exportFilter.workersMax)).then(ended, (error: Error) => ended(error));
    const importing = bulk.then(() => runImport(pgServer.url, importFile, work)).then(ended, (error: Error) => ended(error));
    const until = Date.now() + SECONDS * 1000;
    const lag = watchOwnEventLoop();
    await Promise.all(personas.map((persona) => browseAs(persona, until, timings, errors)));
    const lags = lag.stop();
    const [exported, imported] = await Promise.all([exporting, importing]);
    if (exported instanceof Error) throw new Error(`export failed: ${exported.message}`);
    if (imported instanceof Error) throw new Error(`import failed: ${imported.message}`);

    console.log(`  ${"page".padEnd(14)} ${"requests".padStart(8)} ${"p50".padStart(8)} ${"p95".padStart(8)} ${"p99".padStart(8)} ${"errors".padStart(7)}`);
    for (const [type] of PAGE_MIX) {
      const times = timings.get(type)!.sort((a, b) => a - b);
      const p95 = percentile(times, 95);
      const ok = times.length > 0 && p95 < TARGET_P95_MS && errors.get(type) === 0;
      failed ||= !ok;
      console.log(
        `  ${type.padEnd(14)} ${String(times.length).padStart(8)} ${ms(percentile(times, 50))} ${ms(p95)} ${ms(percentile(times, 99))} ${String(errors.get(type)).padStart(7)}  ${ok ? "ok" : "MISSED"}`,
      );
  }
  // Where the tail comes from: all pages before the export and the import, beside them, after them.
  const windows = [
    ["before the export and the import (users arriving)", (at: number) => at < bulkStart],
    ["beside the export or the import", (at: number) => at >= bulkStart && at < busyUntil],
    ["after both had ended", (at: number) => at >= busyUntil],
  ] as const;
  for (const [label, within] of windows) {
    const times = requestLog.filter((r) => within(r.started)).map((r) => r.ms).sort((a, b) => a - b);
    if (times.length) console.log(`  all pages ${label}: ${times.length} requests, p50 ${ms(percentile(times, 50))}, p95 ${ms(percentile(times, 95))}`);
  }
  // This process times every request: if its own event loop stalled, the stall would be in every
  // figure above without the server having anything to do with it.
  const worstLag = Math.max(0, ...lags.map((l) => l.ms));
  console.log(`  this benchmark's own event loop: ${lags.length} stalls over ${LAG_REPORTED_MS} ms, the longest ${ms(worstLag).trim()}`);
  if (TRACE_FILE) {
    const lines = requestLog.map((r) => [((r.started - bulkStart) / 1000).toFixed(3), r.type, r.role, r.ms.toFixed(1), r.path].join(","));
    for (const l of lags) lines.push([((l.at - bulkStart) / 1000).toFixed(3), "bench-event-loop", "", l.ms.toFixed(1), ""].join(","));
    await writeFile(TRACE_FILE, `started_s,type,role,ms,path\n${lines.join("\n")}\n`);
    console.log(`  trace: ${requestLog.length} requests in ${TRACE_FILE}; the bulk work ran from 0 to ${((busyUntil - bulkStart) / 1000).toFixed(1)} s`);
  }
  console.log(
    `  export: ${fmt.format(exported.rows)} rows (count endpoint: ${fmt.format(exported.expected)}), ${fmt.format(exported.megabytes)} MB in ${fmt.format(exported.seconds)} s  ` +
      `${exported.rows === exported.expected ? "complete" : "WRONG"}`,
  );
  const stored = Number((await client.query<{ n: string }>("SELECT count(*) AS n FROM source_record WHERE batch_id = $1", [imported.summary.batchId])).rows[0]!.n);
  const { summary } = imported;
  const importOk = summary.accepted + summary.rejected + summary.duplicates === IMPORT_ROWS && stored === summary.accepted;
  console.log(
    `  import: ${fmt.format(IMPORT_ROWS)} rows in ${fmt.format(imported.seconds)} s — accepted ${fmt.format(summary.accepted)}, rejected ${fmt.format(summary.rejected)}, ` +
      `duplicates ${fmt.format(summary.duplicates)}; stored ${fmt.format(stored)}  ${importOk ? "complete" : "WRONG"}`,
  );
  failed ||= exported.rows !== exported.expected || !importOk;
  console.log(`\nload targets (p95 < ${TARGET_P95_MS} ms per page type, no errors, export and import complete): ${failed ? "NOT met" : "met"}`);
  }
  await client.end();
} finally {
  await server?.stop();
  await disconnectDb();
  await release();
}
process.exitCode = failed ? 1 : 0;

/** Officers spread over nine regencies, four supervisors, one admin; follow-ups of their regions assigned to the officers. */
async function createAccounts(client: pg.Client, password: string): Promise<Omit<Persona, "cookie">[]> {
  const run = randomBytes(3).toString("hex");
  const plan: { role: Role; regionCodes: string[] }[] = [{ role: "ADMIN", regionCodes: [] }];
  for (let i = 0; i < Math.min(4, USERS - 1); i++) plan.push({ role: "SUPERVISOR", regionCodes: [SUPERVISOR_PROVINCES[i]!] });
  for (let i = 0; plan.length < USERS; i++) plan.push({ role: "OFFICER", regionCodes: [OFFICER_REGENCIES[i % OFFICER_REGENCIES.length]!] });
  const accounts: Omit<Persona, "cookie">[] = [];
  for (const [i, { role, regionCodes }] of plan.entries()) {
    const username = `bench-${role.toLowerCase()}-${i}-${run}`;
    await createBenchUser(username, role, regionCodes, password);
    const scope = regionCodes.length ? regionCodes : ["32.73"];
    const { rows } = await client.query<{ id: string; district_code: string }>(
      `SELECT id::text, district_code FROM business WHERE is_lead AND (province_code = ANY($1) OR regency_code = ANY($1)) ORDER BY id LIMIT 40`,
      [scope],
    );
    accounts.push({ username, role, regionCodes, leadIds: rows.map((r) => r.id), district: rows[0]?.district_code ?? null });
  }
  for (const regency of OFFICER_REGENCIES) {
    await client.query(
      `UPDATE lead_follow_up f SET assigned_to_id = o.ids[1 + (f.business_id % array_length(o.ids, 1))]
       FROM business b, (SELECT array_agg(u.id) AS ids FROM app_user u JOIN user_region r ON r.user_id = u.id
                         WHERE u.username LIKE $2 AND r.region_code = $1) o
       WHERE b.id = f.business_id AND b.regency_code = $1 AND o.ids IS NOT NULL`,
      [regency, `bench-officer-%-${run}`],
    );
  }
  return accounts;
}

function pagePath(type: PageType, persona: Persona): string {
  const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)]!;
  switch (type) {
    case "daftar":
      return "/prospek";
    case "filter": {
      const region = persona.district ? `&wilayah=${persona.district}` : "";
      return pick([`/prospek?status=belum-terdaftar&skala=mikro,kecil${region}`, `/prospek?urut=pekerja${region}`, `/prospek?tindak_lanjut=belum&pekerja_min=20`]);
    }
    case "cari":
      return `/prospek?cari=${encodeURIComponent(pick(SEARCHES))}`;
    case "detail":
      return `/prospek/${pick(persona.leadIds)}`;
    case "tindak-lanjut":
      return "/tindak-lanjut";
    case "dasbor":
      return "/dasbor";
  }
}

/**
 * One signed-in user's session: a page, then 1–3 s (uniformly random) of reading, then the next,
 * until the load ends; each response's time (to its last byte) is filed under its page type.
 * autocannon paces a connection at one request a second at the slowest, and below that only
 * whole groups (fewer connections), so think time is this loop's: one user, one connection.
 */
async function browseAs(persona: Persona, until: number, timings: Map<PageType, number[]>, errors: Map<PageType, number>): Promise<void> {
  // Users do not all arrive in the same second.
  await sleep(Math.random() * 3000);
  let first = true;
  while (Date.now() < until) {
    const type = pickPageType(persona.role);
    const asRouter = NAVIGATION === "router" && !first;
    const headers: Record<string, string> = { cookie: persona.cookie, ...(asRouter ? { rsc: "1" } : {}) };
    const path = asRouter ? rscPath(pagePath(type, persona)) : pagePath(type, persona);
    first = false;
    const started = performance.now();
    try {
      const response = await fetch(base + path, { headers, redirect: "manual", signal: AbortSignal.timeout(30_000) });
      await response.arrayBuffer();
      timings.get(type)!.push(performance.now() - started);
      requestLog.push({ started, ms: performance.now() - started, type, role: persona.role, path });
      if (response.status !== 200) errors.set(type, errors.get(type)! + 1);
    } catch (error) {
      errors.set(type, errors.get(type)! + 1);
      console.error(`  ${type} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    await sleep(1000 + Math.random() * 2000);
  }
}

/** Stalls of this process's event loop longer than LAG_REPORTED_MS: when each began and how long. */
function watchOwnEventLoop(): { stop: () => { at: number; ms: number }[] } {
  const stalls: { at: number; ms: number }[] = [];
  const every = 10;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    const late = now - last - every;
    if (late > LAG_REPORTED_MS) stalls.push({ at: last, ms: late });
    last = now;
  }, every);
  return {
    stop: () => {
      clearInterval(timer);
      return stalls;
    },
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Officers have no Dasbor (`dashboard.read` is for supervisors and admins): their mix is the rest. */
function opens(role: Role, type: PageType): boolean {
  return type !== "dasbor" || role !== "OFFICER";
}

function pickPageType(role: Role): PageType {
  const mix = PAGE_MIX.filter(([type]) => opens(role, type));
  const total = mix.reduce((sum, [, weight]) => sum + weight, 0);
  let at = Math.random() * total;
  for (const [type, weight] of mix) if ((at -= weight) < 0) return type;
  return "daftar";
}

/** The admin's CSV download of about EXPORT_ROWS leads, read to the end; its rows against the count endpoint's. */
async function runExport(admin: Persona, workersMax: number | undefined): Promise<{ rows: number; expected: number; megabytes: number; seconds: number }> {
  const query = workersMax === undefined ? "" : `pekerja_maks=${workersMax}`;
  const counted = (await (await fetch(`${base}/prospek/ekspor/jumlah?${query}`, { headers: { cookie: admin.cookie } })).json()) as { rows: number };
  const started = performance.now();
  const response = await fetch(`${base}/prospek/ekspor?${query}&format=csv&kolom_ekspor=name,npwp,regionCode,workerCount,status,priority`, { headers: { cookie: admin.cookie } });
  if (response.status !== 200 || !response.body) throw new Error(`export: HTTP ${response.status}`);
  let bytes = 0;
  let lines = 0;
  for await (const chunk of response.body) {
    bytes += chunk.byteLength;
    for (const byte of chunk) if (byte === 10) lines++;
  }
  return { rows: lines - 1, expected: counted.rows, megabytes: bytes / 1e6, seconds: (performance.now() - started) / 1000 };
}

function ms(value: number): string {
  return `${fmt.format(value)} ms`.padStart(10);
}

function countBy(values: string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${n} ${k.toLowerCase()}`).join(", ");
}
