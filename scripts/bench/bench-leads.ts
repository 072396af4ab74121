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
 * Then the same lists as a user gets them: the production server (`next build` when sources
 * changed, `next start`) against this database, an officer of 32.73 signed in through the real
 * sign-in endpoint, each list requested over HTTP as a page load (session, guard, audit of a
 * search, the page's side queries, the RSC render and its HTML, read to the last byte), with
 * the same runs; printed next to `findLeads` alone for the same list and officer. Target p95 <
 * 150 ms. BENCH_HTTP=0 skips it; BENCH_EXPORTS=0 skips the exports. BENCH_KEEP_DIR keeps the
 * database between runs (shared with `bench:load`: one folder serves both).
 *
 * The 200,000-row CSV/XLSX export and the dashboard are timed by their own scripts:
 * `npm run bench:export` and `npm run bench:dashboard`.
 */
import { randomBytes } from "node:crypto";
import type { LeadFilter } from "../../lib/leads/lead-filter.ts";
import { formatNpwp15 } from "../../lib/identifiers/npwp.ts";
import { DEFAULT_LEAD_COLUMNS, defaultLeadSort, LEAD_SORT_DEFAULT_DIRECTION, leadListHref, type LeadSort, type SortDirection } from "../../lib/leads/lead-url-state.ts";
import type { RegionScope } from "../../server/access/region-scope.ts";
import { disconnectDb } from "../../server/db/client.ts";
import { findLeads } from "../../server/leads/find-leads.ts";
import { benchLeadExports } from "./bench-lead-export.ts";
import { createBenchUser, rscPathMaker, startBenchServer, type BenchServer } from "./bench-server.ts";
import { benchFolder, openBenchDatabase } from "./load-businesses.ts";

const BUSINESSES = Number(process.env.BENCH_BUSINESSES ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const HTTP = process.env.BENCH_HTTP !== "0";
const EXPORTS = process.env.BENCH_EXPORTS !== "0";
const PORT = Number(process.env.BENCH_PORT ?? 3900 + Math.floor(Math.random() * 400));
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

function print(timing: Timing, pages: Timing[] = [], target = TARGET_P95_MS): boolean {
  const ok = [timing, ...pages].every((t) => t.p95 < target);
  const rows = timing.rows === undefined ? "" : `  ${String(timing.rows).padStart(6)} rows`;
  const asUser = pages.map((page) => `  | ${page.label} p50 ${fmt.format(page.p50).padStart(5)} p95 ${fmt.format(page.p95).padStart(5)} ms`).join("");
  console.log(`  ${timing.label.padEnd(62)} p50 ${fmt.format(timing.p50).padStart(7)} ms  p95 ${fmt.format(timing.p95).padStart(7)} ms${rows}${asUser}  ${ok ? "ok" : "SLOW"}`);
  return ok;
}

const { work, dbDir: dataDir, release } = await benchFolder("leads");
let failed = false;
let httpServer: BenchServer | null = null;
try {
  const { server, client, sample } = await openBenchDatabase(dataDir, BUSINESSES);

  // The officer whose pages are requested over HTTP: a real account of 32.73, signed in; the
  // sample's follow-ups of 32.73 are assigned to it, so "assigned to me" finds the same rows
  // through findLeads and through the page.
  let officerCookie: string | null = null;
  let rscPath = (path: string) => path;
  let officerId = sample.officerId;
  if (HTTP) {
    const password = `Bench-${randomBytes(9).toString("base64url")}-2026`;
    const username = `bench-leads-${randomBytes(3).toString("hex")}`;
    officerId = await createBenchUser(username, "OFFICER", ["32.73"], password);
    await client.query(
      `UPDATE lead_follow_up f SET assigned_to_id = $1 FROM business b
       WHERE b.id = f.business_id AND b.regency_code = '32.73' AND f.assigned_to_id IS NOT NULL`,
      [officerId],
    );
    httpServer = await startBenchServer({ databaseUrl: server.url, work, port: PORT });
    officerCookie = await httpServer.signIn(username, password);
    rscPath = await rscPathMaker(httpServer.base, officerCookie);
  }

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
    { label: "unregistered workers ≥ 10", filter: { gapMin: 10 } },
    { label: "unregistered workers ≥ 100, by gap", filter: { gapMin: 100 }, sort: "selisih" },
    { label: "source ahu-entitas", filter: { sources: ["ahu-entitas"] } },
    { label: "follow-up: not followed up yet", filter: { followUpStatuses: ["BELUM_DITINDAKLANJUTI"] } },
    { label: "follow-up: dihubungi", filter: { followUpStatuses: ["DIHUBUNGI"] } },
    { label: "assigned to me", filter: { assignedTo: "saya" } },
    { label: "not assigned", filter: { assignedTo: "belum" } },
    { label: "search name 'sinar jaya' (by match)", filter: { q: "sinar jaya" } },
    { label: "search misspelt 'sumbr rejki' (by match)", filter: { q: "sumbr rejki" } },
    { label: "search prefix 'ma' (by match)", filter: { q: "ma" } },
    { label: "search legal form 'koperasi'", filter: { q: "koperasi" } },
    { label: "search 'cv jaya' (CVs by match)", filter: { q: "cv jaya" } },
    { label: "search NPWP", filter: { q: sample.npwp } },
    { label: "search NIB", filter: { q: sample.nib } },
    { label: "search NPWP, 15 digits dotted", filter: { q: formatNpwp15(sample.npwp) ?? sample.npwp } },
    { label: "workers ascending (unknown last)", filter: {}, sort: "pekerja", direction: "asc" },
    { label: "gap ascending (unknown last)", filter: {}, sort: "selisih", direction: "asc" },
    { label: "workers 10–50, by workers ascending", filter: { workersMin: 10, workersMax: 50 }, sort: "pekerja", direction: "asc" },
    { label: "by name", filter: {}, sort: "nama" },
    { label: "by last update", filter: {}, sort: "diperbarui" },
    { label: "by KBLI", filter: {}, sort: "kbli" },
    { label: "province 32 + menengah + KBLI G + workers ≥ 20, by workers", filter: { regionCodes: ["32"], scales: ["MENENGAH"], kbliSection: "G", workersMin: 20 }, sort: "pekerja" },
  ];
  console.log(`\nlead list: findLeads (page of 50 + capped count), ${RUNS} runs each after a warm-up; target p95 < ${TARGET_P95_MS} ms`);
  if (officerCookie) console.log(" the officer's lists also over HTTP as the signed-in officer, read to the last byte: `page` a page load, `nav` the client router's RSC request");
  const slow: string[] = [];
  for (const [who, scope] of [["admin (all regions)", admin], ["officer (32.73)", officer]] as const) {
    console.log(` ${who}`);
    for (const c of cases) {
      const sort = c.sort ?? defaultLeadSort(c.filter);
      const direction = c.direction ?? LEAD_SORT_DEFAULT_DIRECTION[sort];
      let cursor: string | null = null;
      if (c.secondPage) cursor = (await findLeads({ state: { filter: c.filter, sort, direction, cursor: null }, scope, actorId: officerId })).nextCursor;
      const timing = await measure(c.label, async () => {
        const page = await findLeads({ state: { filter: c.filter, sort, direction, cursor }, scope, actorId: officerId });
        return page.rows.length;
      });
      const pages: Timing[] = [];
      if (officerCookie && scope === officer) {
        const path = leadListHref({ filter: c.filter, sort, direction, cursor, columns: DEFAULT_LEAD_COLUMNS });
        // `page`: the document a page load gets (RSC render, HTML of the client components, the
        // payload inline); `nav`: the RSC payload the client router fetches when a filter, sort or
        // search changes in the open list.
        for (const [label, extra, url] of [["page", {}, httpServer!.base + path], ["nav", { rsc: "1" }, httpServer!.base + rscPath(path)]] as const) {
          pages.push(
            await measure(label, async () => {
              const response = await fetch(url, { headers: { cookie: officerCookie, ...extra }, redirect: "manual" });
              await response.arrayBuffer();
              if (response.status !== 200) throw new Error(`${url}: HTTP ${response.status}`);
            }),
          );
        }
      }
      if (!print(timing, pages)) slow.push(`${who}: ${c.label}`);
    }
  }
  console.log(`lead list: ${cases.length * 2 - slow.length}/${cases.length * 2} queries within target${slow.length ? `; slow: ${slow.join("; ")}` : ""}`);
  failed ||= slow.length > 0;

  // ── Exports (H3): a 200,000-row CSV and XLSX export of these businesses (also alone: `npm run bench:export`) ──
  if (EXPORTS && !(await benchLeadExports(client, server.url))) failed = true;

  // ── Dashboard (H4): timed by `npm run bench:dashboard` ──

  await client.end();
} finally {
  await httpServer?.stop();
  await disconnectDb();
  await release();
}
process.exitCode = failed ? 1 : 0;
