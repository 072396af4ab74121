/**
 * `npm run bench:render` (under `flock /tmp/jangkau-heavy.lock` where the machine is shared):
 * what one page costs the server's CPU, per page type, one request at a time. `bench:load`'s
 * p95 depends on everything else the machine runs; CPU time per request barely does, and at
 * ~25 pages a second on two cores it is what decides whether 50 users fit.
 *
 * On the benchmark database (BENCH_KEEP_DIR shares it with `bench:load` and `bench:leads`) it
 * starts the production server, signs in an officer of 32.73 and a supervisor of province 32,
 * and requests each page type of `bench:load`'s mix in BENCH_RENDER_ROUNDS (5) rounds of
 * BENCH_RENDER_REQUESTS (20) in a row after a warm-up, as a document (a page load) and as the client router's RSC request (a
 * navigation), reading the CPU time (user + system) of the Next server process and of
 * PostgreSQL's backends from /proc before and after. Prints CPU ms per page, the document's wall
 * time median, and the page's size as a document and as an RSC payload.
 *
 * BENCH_CPU_PROF=<folder> starts the Next server alone (no worker; run once without it first so
 * the app is built) with `--cpu-prof` into that folder (written when the server stops), for a
 * breakdown of the same requests by function. BENCH_RENDER_DUMP=<folder> keeps each page type's
 * document and RSC payload there, to see what a page sends.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { disconnectDb } from "../../server/db/client.ts";
import { createBenchUser, percentile, rscPathMaker, startBenchServer, type BenchServer } from "./bench-server.ts";
import { benchFolder, openBenchDatabase } from "./load-businesses.ts";

const BUSINESSES = Number(process.env.BENCH_BUSINESSES ?? 1_000_000);
const REQUESTS = Number(process.env.BENCH_RENDER_REQUESTS ?? 20);
const ROUNDS = Number(process.env.BENCH_RENDER_ROUNDS ?? 5);
const PORT = Number(process.env.BENCH_PORT ?? 3500 + Math.floor(Math.random() * 400));
const profileDir = process.env.BENCH_CPU_PROF;
const dumpDir = process.env.BENCH_RENDER_DUMP;
/** BENCH_RENDER_PAGES=daftar,detail: only these page types. */
const only = process.env.BENCH_RENDER_PAGES?.split(",");
// /proc/<pid>/stat counts CPU time in clock ticks; Linux reports them at 100 a second.
const TICK_MS = 10;
const fmt = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });

const { work, dbDir, release } = await benchFolder("render");
let server: BenchServer | null = null;
if (dumpDir) mkdirSync(dumpDir, { recursive: true });
try {
  const { server: pgServer, client } = await openBenchDatabase(dbDir, BUSINESSES);
  const password = `Bench-${randomBytes(9).toString("base64url")}-2026`;
  const run = randomBytes(3).toString("hex");
  // Earlier runs' accounts on a kept database are switched off: active officers of the regency
  // are listed in the lead list's filter panel, and a list growing run by run would move the
  // figures it is compared by.
  await client.query(`UPDATE app_user SET active = false WHERE username LIKE 'bench-render-%' AND active`);
  const officerName = `bench-render-officer-${run}`;
  const supervisorName = `bench-render-supervisor-${run}`;
  const officerId = await createBenchUser(officerName, "OFFICER", ["32.73"], password);
  await createBenchUser(supervisorName, "SUPERVISOR", ["32"], password);
  // Tindak Lanjut shows the officer's assigned follow-ups: give this one the regency's, as
  // `bench:load` gives its officers theirs.
  await client.query(
    `UPDATE lead_follow_up f SET assigned_to_id = $1 FROM business b WHERE b.id = f.business_id AND b.regency_code = '32.73'`,
    [officerId],
  );
  const { rows: leads } = await client.query<{ id: string; district_code: string }>(
    `SELECT id::text, district_code FROM business WHERE is_lead AND regency_code = '32.73' ORDER BY id LIMIT 40`,
  );
  const postmaster = Number(readFileSync(path.join(dbDir, "pg", "postmaster.pid"), "utf8").split("\n")[0]);

  server = await startBenchServer({ databaseUrl: pgServer.url, work, port: PORT, cpuProfileDir: profileDir && path.resolve(profileDir) });
  const nextPid = profileDir ? server.pid : childrenOf(server.pid).find((pid) => commandOf(pid).includes("next-server.mjs"));
  if (!nextPid) throw new Error("the Next server process was not found under scripts/serve.ts");
  const officer = await server.signIn(officerName, password);
  const supervisor = await server.signIn(supervisorName, password);
  const rscPath = await rscPathMaker(server.base, officer);
  const district = leads[0]!.district_code;

  const pages: { type: string; cookie: string; paths: string[] }[] = [
    { type: "daftar", cookie: officer, paths: ["/prospek"] },
    { type: "filter", cookie: officer, paths: [`/prospek?status=belum-terdaftar&skala=mikro,kecil&wilayah=${district}`, `/prospek?urut=pekerja&wilayah=${district}`, "/prospek?tindak_lanjut=belum&pekerja_min=20"] },
    { type: "cari", cookie: officer, paths: ["sinar jaya", "makmur", "sumbr rejki", "kop"].map((q) => `/prospek?cari=${encodeURIComponent(q)}`) },
    { type: "detail", cookie: officer, paths: leads.map((lead) => `/prospek/${lead.id}`) },
    { type: "tindak-lanjut", cookie: officer, paths: ["/tindak-lanjut"] },
    { type: "dasbor", cookie: supervisor, paths: ["/dasbor"] },
    // What any request costs before a page's own work: the proxy, Next's routing, a route handler
    // with one query; and the smallest page (signed out: no layout, no session read).
    { type: "health (API)", cookie: "", paths: ["/api/health"] },
    { type: "masuk", cookie: "", paths: ["/masuk"] },
  ];
  console.log(`server pid ${nextPid} on ${server.base}; ${ROUNDS} rounds of ${REQUESTS} requests per page type, one at a time, after a warm-up (median of the rounds, their range)`);
  console.log(
    `  ${"page".padEnd(14)} ${"Node CPU/page".padStart(20)} ${"as navigation".padStart(20)} ${"PG CPU/page".padStart(12)} ${"wall p50".padStart(10)} ${"HTML".padStart(9)} ${"RSC".padStart(9)}`,
  );
  for (const page of pages.filter((p) => !only || only.includes(p.type))) {
    const fetchPage = async (i: number, rsc: boolean) => {
      const target = page.paths[i % page.paths.length]!;
      const response = await fetch(server!.base + (rsc ? rscPath(target) : target), { headers: { cookie: page.cookie, ...(rsc ? { rsc: "1" } : {}) }, redirect: "manual" });
      const body = await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${page.type} ${target}: HTTP ${response.status}`);
      if (dumpDir && i === 0) writeFileSync(path.join(dumpDir, `${page.type}.${rsc ? "rsc" : "html"}`), Buffer.from(body));
      return body.byteLength;
    };
    for (let i = 0; i < Math.min(page.paths.length, 4); i++) await fetchPage(i, false);
    const html = await fetchPage(0, false);
    const rsc = await fetchPage(0, true);
    // Rounds rather than one long run: a round that another process's work slowed is visible in
    // the spread, and the median of the rounds is what the tables quote.
    const measure = async (rsc: boolean) => {
      const times: number[] = [];
      const node: number[] = [];
      const postgres: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const nodeBefore = cpuTicks(nextPid);
        const pgBefore = postgresTicks(postmaster);
        for (let i = 0; i < REQUESTS; i++) {
          const started = performance.now();
          await fetchPage(round * REQUESTS + i, rsc);
          times.push(performance.now() - started);
        }
        node.push(((cpuTicks(nextPid) - nodeBefore) * TICK_MS) / REQUESTS);
        postgres.push(((postgresTicks(postmaster) - pgBefore) * TICK_MS) / REQUESTS);
      }
      const sorted = (values: number[]) => values.sort((a, b) => a - b);
      return { node: sorted(node), pgMs: percentile(sorted(postgres), 50), wallMs: percentile(sorted(times), 50) };
    };
    const document = await measure(false);
    const router = await measure(true);
    const cell = (value: number, width: number, unit = "ms") => `${fmt.format(value)} ${unit}`.padStart(width);
    const spread = (values: number[]) => `${fmt.format(percentile(values, 50))} (${fmt.format(values[0]!)}–${fmt.format(values.at(-1)!)})`.padStart(20);
    console.log(
      `  ${page.type.padEnd(14)} ${spread(document.node)} ${spread(router.node)} ${cell(document.pgMs, 12)} ${cell(document.wallMs, 10)} ${cell(html / 1024, 9, "KB")} ${cell(rsc / 1024, 9, "KB")}`,
    );
  }
  await client.end();
} finally {
  await server?.stop();
  await disconnectDb();
  await release();
}

/** utime + stime of a process, in clock ticks (0 once it is gone). */
function cpuTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/** CPU ticks of PostgreSQL's backends (the postmaster's children) still running. */
function postgresTicks(postmaster: number): number {
  return childrenOf(postmaster).reduce((sum, pid) => sum + cpuTicks(pid), 0);
}

function childrenOf(parent: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === parent) pids.push(Number(entry));
    } catch {
      // ended meanwhile
    }
  }
  return pids;
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
  } catch {
    return "";
  }
}
